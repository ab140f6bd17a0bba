"""Units of the web app that need neither a ledger nor the model."""

from __future__ import annotations

import pytest

from reportedly.web import queries as Q
from reportedly.web.charts import timeline_svg
from reportedly.web.highlight import Mark, highlight, snippet_bounds
from reportedly.web.passwords import PasswordError, hash_password, needs_rehash, verify_password
from reportedly.web.security import content_security_policy, safe_next
from reportedly.web.views import claim_marks, event_claims, safe_url, spell_contradictions


def test_highlight_escapes_every_segment_and_wraps_marks() -> None:
    text = "a <b>bold</b> & 'x' claim"
    html = str(highlight(text, [Mark(2, 13, ("claim",), "t<i>tle")]))
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert html.startswith("a ")
    assert '<span class="hl claim" title="t&lt;i&gt;tle">&lt;b&gt;bold&lt;/b&gt;</span>' in html
    assert html.endswith(" &amp; &#39;x&#39; claim")


def test_highlight_handles_overlap_and_nesting_without_nested_tags() -> None:
    text = "0123456789"
    html = str(highlight(text, [Mark(0, 6, ("claim",)), Mark(4, 10, ("place",)), Mark(2, 3, ("fig",))]))
    assert html == ('<span class="hl claim">01</span><span class="hl claim fig">2</span>'
                    '<span class="hl claim">3</span><span class="hl claim place">45</span>'
                    '<span class="hl place">6789</span>')


def test_highlight_clips_bad_offsets_and_windows() -> None:
    text = "hello world"
    assert str(highlight(text, [Mark(-5, 3, ("a",)), Mark(8, 99, ("b",)), Mark(5, 2, ("c",))])) == (
        '<span class="hl a">hel</span>lo wo<span class="hl b">rld</span>')
    assert str(highlight(text, [Mark(0, 11, ("a",))], 6, 11)) == '<span class="hl a">world</span>'


def test_highlight_never_splits_an_entity() -> None:
    text = "x&y"
    assert str(highlight(text, [Mark(1, 2, ("a",))])) == 'x<span class="hl a">&amp;</span>y'


def test_snippet_bounds_cut_at_spaces() -> None:
    text = "one two three four five six seven"
    a, b = snippet_bounds(text, text.index("four"), text.index("four") + 4, context=6)
    assert text[a:b] == "three four five"


def test_parse_filters_accepts_good_values() -> None:
    f = Q.parse_filters(since="2011", until="2011-06", bbox="30,30,40,40", near="35.8,36.3", km=20,
                        type="battles,protests", status="contested,verified", q=" Jisr ", country="sy",
                        sort="killed_desc")
    assert f.since == "2011-01-01" and f.until == "2011-06-30"
    assert f.bbox == (30.0, 30.0, 40.0, 40.0) and f.near == (35.8, 36.3) and f.km == 20
    assert f.types == ("battles", "protests") and f.statuses == ("contested", "verified")
    assert f.q == "Jisr" and f.country == "SY" and f.sort == "killed_desc"
    again = Q.parse_filters(**{k: v for k, v in f.to_params().items() if k != "aggregates"})
    assert again == f


@pytest.mark.parametrize("kwargs", [
    {"since": "yesterday"}, {"until": "2011-13-01"}, {"since": "2012-01-01", "until": "2011-01-01"},
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "0,50,10,40"}, {"bbox": "nan,0,1,1"},
    {"near": "95,0"}, {"near": "nowhere at all"}, {"km": -1.0}, {"km": float("inf")},
    {"type": "battles;DROP TABLE events"}, {"status": "' OR 1=1 --"}, {"sort": "id; --"},
    {"country": "Syria"}, {"q": "x" * 201},
])
def test_parse_filters_refuses_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(Q.FilterError):
        Q.parse_filters(**kwargs)  # type: ignore[arg-type]


def test_near_takes_a_place_name_through_the_lookup() -> None:
    f = Q.parse_filters(near="Kharkiv", place_lookup=lambda name: (50.0, 36.25) if name == "Kharkiv" else None)
    assert f.near == (50.0, 36.25)


def test_like_pattern_escapes_wildcards() -> None:
    assert Q.like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_radius_box_contains_the_circle_and_wraps_the_antimeridian() -> None:
    w, s, e, n = Q._bbox_of_radius(0.0, 179.9, 50)
    assert w > e  # wrapped
    assert Q.haversine_km(0, 179.9, 0, -179.9) < 50
    w, s, e, n = Q._bbox_of_radius(60.0, 10.0, 100)
    assert Q.haversine_km(60, 10, 60, e) >= 99 and Q.haversine_km(60, 10, n, 10) >= 99


def test_passwords_hash_with_argon2id_and_verify() -> None:
    h = hash_password("correct horse battery")
    assert h.startswith("$argon2id$")
    assert verify_password(h, "correct horse battery")
    assert not verify_password(h, "correct horse batterx")
    assert not verify_password("not a hash", "correct horse battery")
    assert not verify_password(None, "x")
    assert not needs_rehash(h)
    assert hash_password("correct horse battery") != h  # salted
    with pytest.raises(PasswordError):
        hash_password("short")
    with pytest.raises(PasswordError):
        hash_password("        ")


@pytest.mark.parametrize("url,ok", [
    ("/events/1", "/events/1"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
    ("/\\evil", "/"), (None, "/"), ("", "/"), ("javascript:alert(1)", "/"),
])
def test_safe_next_stays_on_this_site(url: str | None, ok: str) -> None:
    assert safe_next(url) == ok


def test_safe_url_allows_only_http_links() -> None:
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("http://") is None


def test_csp_forbids_inline_script_and_allows_the_tile_host() -> None:
    csp = content_security_policy(None)
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert "img-src 'self' data:;" in csp
    csp = content_security_policy("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert "https://*.tile.example.org" in csp


def test_timeline_svg_escapes_and_scales() -> None:
    tl = {"unit": "day", "buckets": [{"key": "2020-01-01", "killed": 10, "injured": 0, "events": 1},
                                     {"key": "<x>", "killed": 0, "injured": 5, "events": 1}]}
    svg = str(timeline_svg(tl))
    assert svg.startswith("<svg") and "<x>" not in svg and "&lt;x&gt;" in svg
    assert svg.count('class="bar"') == 1 and svg.count('class="bar-injured"') == 1
    assert "No dated incident" in str(timeline_svg({"buckets": []}))


def test_contradictions_are_spelled_out() -> None:
    claims = [{"id": "a", "qualifier": "exact", "value": 120, "kind": "killed"},
              {"id": "b", "qualifier": "at_least", "value": 30, "kind": "killed"}]
    rec = {
        "perpetrators": [{"name": "armed gangs", "sources": ["state_media"]},
                         {"name": "army defectors", "sources": ["ngo:x"]}],
        "contradictions": [
            {"field": "killed", "about": "soldiers", "sides": [["a"], ["b"]], "between": ["state TV", "activists"]},
            {"field": "perpetrator", "about": "the deaths", "sides": [["state_media"], ["ngo:x"]],
             "between": ["state TV", "an NGO"]},
            {"field": "denial", "about": "killed", "sides": [["a"], ["c"]], "between": ["state TV", "the army"]},
        ],
    }
    out = spell_contradictions(rec, claims)
    assert out[0]["text"] == ("120 killed according to state TV; at least 30 killed according to activists. "
                              "These figures cannot all be true.")
    assert out[1]["text"] == "armed gangs according to state TV; army defectors according to an NGO."
    assert out[2]["text"] == "the army denies what state TV asserts."


def test_packaged_assets_make_the_map_work_offline() -> None:
    import json
    from pathlib import Path

    import reportedly.web

    static = Path(reportedly.web.__file__).parent / "static"
    world = static / "world.geojson"
    assert world.stat().st_size < 400_000  # small enough to load on every page
    geo = json.loads(world.read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) > 150
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Syria", "Nigeria", "Somalia", "Mali"} <= names
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in geo["features"])
    assert "Leaflet 1.9.4" in (static / "vendor" / "leaflet.js").read_text(encoding="utf-8")
    assert "https://" not in (static / "map.js").read_text(encoding="utf-8")  # no remote resource


def test_a_headline_claim_is_shown_as_its_headline_not_highlighted_in_the_body() -> None:
    body = "Police said the victims were taken to a hospital."
    claim = {"id": "c1", "doc_id": "d1", "kind": "killed", "value": 1,
             "evidence": {"start": 0, "end": 20, "text": "One dead in shooting", "part": "title"}}
    assert claim_marks(claim, len(body)) == []
    (shown,) = event_claims({"claim_details": [claim]}, {"d1": body})
    assert str(shown["snippet"]) == "headline: One dead in shooting"
    # the same offsets in the body are highlighted there
    in_body = {**claim, "evidence": {"start": 0, "end": 20, "text": body[:20]}}
    assert [m.start for m in claim_marks(in_body, len(body))] == [0]
