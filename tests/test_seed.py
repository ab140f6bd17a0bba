"""The seed article (GUIDELINES.md's worked example): its four killed figures, exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportedly.evaluate.claims import claimant_match

pytestmark = pytest.mark.slow


def test_seed_four_killed_figures(nlp: Any, seed_dir: Path) -> None:
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    claims = [c for c in nlp(text)._.claims if c.kind == "killed"]
    got = {c.value: c for c in claims}
    assert sorted(got) == [42, 70, 120, 1000], [(c.value, c.evidence.text[:60]) for c in claims]

    tv = got[120]
    assert tv.claimant is not None and claimant_match("Syrian state TV", tv.claimant.text)
    assert (tv.claimant_type, tv.qualifier, tv.group, tv.stance, tv.aggregate) == (
        "state_media", "exact", "security_forces", "asserted", False)

    act = got[42]
    assert act.claimant is not None and claimant_match("Activists", act.claimant.text)
    assert (act.claimant_type, act.qualifier, act.group, act.aggregate) == ("activists", "at_least", "civilians", False)

    old = got[70]
    assert old.claimant is None
    assert (old.qualifier, old.stance, old.aggregate) == ("at_most", "hedged", False)
    assert old.time is not None and "1980" in old.time.text

    toll = got[1000]
    assert toll.claimant is None
    assert (toll.qualifier, toll.stance, toll.aggregate, toll.event_type) == ("approx", "hedged", True, None)


def test_seed_has_no_other_figures(nlp: Any, seed_dir: Path) -> None:
    text = (seed_dir / "article.txt").read_text(encoding="utf-8")
    assert {(c.kind, c.value) for c in nlp(text)._.claims} == {
        ("killed", 120), ("killed", 42), ("killed", 70), ("killed", 1000)}
