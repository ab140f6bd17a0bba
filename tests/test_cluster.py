"""Events across articles: grouping, figures, sources, contradictions (no spaCy model needed)."""

from __future__ import annotations

import datetime as _dt
import random

import pytest

from reportedly.cluster import (
    ClaimRef,
    Constraints,
    block_keys,
    build_events,
    claim_location,
    claim_refs,
    cluster_claims,
    event_record,
    keys_meet,
    late_place_keys,
    source_key,
    text_features,
)
from reportedly.model import (
    Claim,
    Document,
    DocumentResult,
    Event,
    Evidence,
    Location,
    Span,
    TimeRef,
)
from reportedly.options import Options

# A hand-written report: a clash with two accounts of who did it, a separate civilian toll,
# a massacre decades ago and a cumulative toll.
HARBOUR = (
    "Government says 35 police officers killed in Port Vell\n\n"
    "State radio said that 35 police officers were killed in the port town of Port Vell on Tuesday. "
    "Marta Quell, head of the monitoring group Civic Watch, said that the violence in Port Vell was "
    "caused by a mutiny among junior officers. "
    "According to the interior ministry, smugglers armed with rifles ambushed the officers near the docks. "
    "Residents say at least 12 civilians have been killed in the town since Sunday. "
    "In 1975 the navy bombarded the harbour, killing as many as 200. "
    "More than 3,000 people are believed to have died since the unrest began."
)


def span(text: str, part: str) -> Span:
    i = text.index(part)
    return Span(text=part, start=i, end=i + len(part))


def ev(text: str, part: str) -> Evidence:
    i = text.index(part)
    return Evidence(start=i, end=i + len(part), text=part)


def when(start: str, end: str | None = None, precision: str = "day") -> TimeRef:
    return TimeRef(text=start, date_start=start, date_end=end or start, precision=precision)


def harbour_result() -> DocumentResult:
    t = HARBOUR
    port = Location(name="Port Vell")
    claims = [
        Claim(kind="killed", value=35, group="security_forces", claimant=span(t, "State radio"),
              claimant_type="state_media", event_type="battles", location=port, time=when("2031-03-04"),
              evidence=ev(t, "State radio said that 35 police officers were killed")),
        Claim(kind="killed", value=12, qualifier="at_least", group="civilians", claimant=span(t, "Residents"),
              claimant_type="witnesses", event_type="violence_against_civilians", location=port,
              time=when("2031-03-02", "2031-03-04"),
              evidence=ev(t, "Residents say at least 12 civilians have been killed")),
        Claim(kind="killed", value=200, qualifier="at_most", stance="hedged",
              event_type="explosions_remote_violence", perpetrator=span(t, "the navy"), location=port,
              time=TimeRef(text="1975", date_start="1975", date_end="1975", precision="year"),
              evidence=ev(t, "In 1975 the navy bombarded the harbour, killing as many as 200")),
        Claim(kind="killed", value=3000, qualifier="more_than", stance="hedged", aggregate=True,
              evidence=ev(t, "More than 3,000 people are believed to have died")),
    ]
    doc = Document(text=t, id="harbour", published="2031-03-05", source="example-news.test",
                   title="Government says 35 police officers killed in Port Vell")
    return DocumentResult(document=doc, claims=claims)


def test_one_document_four_events() -> None:
    events = build_events(claim_refs(harbour_result()))
    assert len(events) == 4
    by_value = {e.claims[0].value: e for e in events}
    assert all(len(e.claims) == 1 for e in events)
    clash = by_value[35]
    assert clash.date_start == "2031-03-04" and clash.event_type == "battles"
    assert clash.status == "contested"
    perp = [c for c in clash.contradictions if c.field == "perpetrator"]
    assert perp, clash.contradictions
    names = {p.name for p in clash.perpetrators}
    assert "smugglers" in names and any("mutiny" in n for n in names)
    assert {"Marta Quell", "the interior ministry"} <= {c for p in clash.perpetrators for c in p.claimants}
    assert by_value[3000].aggregate and by_value[3000].status == "aggregate"
    assert not by_value[12].aggregate and by_value[12].status == "single_source"
    assert by_value[200].perpetrators[0].name == "the navy"


def test_order_independent_and_stable_ids() -> None:
    refs = claim_refs(harbour_result()) + claim_refs(_doc("b", "2031-03-05", "Radio Two", 35))
    first = [event_record(e) for e in build_events(refs)]
    for seed in range(5):
        shuffled = refs[:]
        random.Random(seed).shuffle(shuffled)
        assert [event_record(e) for e in build_events(shuffled)] == first


BRIDGE = ("Gunmen attacked a checkpoint on the Kell bridge in Dunmore on Friday, killing {n} soldiers, "
          "{who} said. The attackers fled towards the hills after the ambush on the bridge, and Captain "
          "Ilse Varga ordered the crossing closed.")


def _doc(doc_id: str, published: str, outlet: str, n: int, who: str = "the army",
         qualifier: str = "exact", claimant_type: str = "military", day: str = "2031-05-09",
         text: str = BRIDGE) -> DocumentResult:
    t = text.format(n=n, who=who)
    claim = Claim(kind="killed", value=n, qualifier=qualifier, group="security_forces",
                  claimant=span(t, who), claimant_type=claimant_type,
                  location=Location(name="Dunmore", lat=10.0, lon=20.0, country="XK", precision=1),
                  time=when(day), evidence=ev(t, f"killing {n} soldiers"))
    return DocumentResult(document=Document(text=t, id=doc_id, published=published, source=outlet),
                          claims=[claim])


def test_same_incident_across_outlets_corroborated() -> None:
    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 9))
            + claim_refs(_doc("b", "2031-05-10", "Radio Two", 9, who="a local doctor",
                              claimant_type="medical")))
    events = build_events(refs)
    assert len(events) == 1
    e = events[0]
    assert e.status == "corroborated" and e.number_of_sources == 2
    assert e.fatalities["killed"].best == 9
    assert e.doc_ids == ["a", "b"]


def test_same_claimant_from_two_outlets_is_one_source() -> None:
    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 9))
            + claim_refs(_doc("b", "2031-05-10", "Radio Two", 9, who="the army")))
    (e,) = build_events(refs)
    assert e.number_of_sources == 1 and e.status == "single_source"


def test_update_by_one_claimant_is_not_a_contradiction() -> None:
    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 5))
            + claim_refs(_doc("b", "2031-05-11", "Daily One", 8)))
    (e,) = build_events(refs)
    assert e.status == "single_source" and not e.contradictions
    assert e.fatalities["killed"].best == 8  # the later figure replaces the earlier


def test_exact_figures_contradict_bounds_do_not() -> None:
    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 120))
            + claim_refs(_doc("b", "2031-05-09", "Radio Two", 30, who="a local doctor",
                              claimant_type="medical")))
    (e,) = build_events(refs)
    assert e.status == "contested"
    (c,) = e.contradictions
    assert c.field == "killed" and len(c.sides) == 2
    assert e.fatalities["killed"].low == 30 and e.fatalities["killed"].high == 120

    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 42, qualifier="at_least"))
            + claim_refs(_doc("b", "2031-05-09", "Radio Two", 50, qualifier="at_least",
                              who="a local doctor", claimant_type="medical")))
    (e,) = build_events(refs)
    assert e.status == "corroborated" and not e.contradictions


def test_best_rules() -> None:
    refs = []
    for i, (n, who) in enumerate([(10, "the army"), (14, "a local doctor"), (14, "Captain Orr"),
                                  (30, "the Kell Valley Monitoring Network")]):
        refs += claim_refs(_doc(f"d{i}", "2031-05-09", f"Outlet {i}", n, who=who,
                                qualifier="approx", claimant_type="none"))
    for rule, best in (("median", 14), ("lowest", 10), ("most_sources", 14)):
        (e,) = build_events(refs, options=Options(best_rule=rule))
        assert e.fatalities["killed"].best == best, rule
        assert (e.fatalities["killed"].low, e.fatalities["killed"].high) == (10, 30)
    assert e.number_of_sources == 4


LATER = ("Mortar rounds hit the Dunmore fuel depot on Monday, killing {n} soldiers, {who} said. "
         "A convoy carrying diesel was set alight and the depot was evacuated.")


def test_different_days_and_places_stay_apart() -> None:
    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 9))
            + claim_refs(_doc("b", "2031-05-20", "Daily One", 9, day="2031-05-19", text=LATER)))
    assert len(build_events(refs)) == 2
    far = _doc("c", "2031-05-09", "Radio Two", 9, text=LATER)
    assert far.claims[0].location is not None
    far.claims[0].location.lat = 12.0  # about 220 km away
    far.claims[0].location.name = "Kessel"
    assert len(build_events(claim_refs(_doc("a", "2031-05-09", "Daily One", 9)) + claim_refs(far))) == 2


def test_namesake_resolution_is_overruled_when_the_text_agrees() -> None:
    # the same story in another outlet, its town resolved to a namesake far away
    other = _doc("b", "2031-05-10", "Radio Two", 9)
    assert other.claims[0].location is not None
    other.claims[0].location.lat = 14.0
    assert len(build_events(claim_refs(_doc("a", "2031-05-09", "Daily One", 9)) + claim_refs(other))) == 1
    # but claims of one article on different days never merge
    t = BRIDGE.format(n=9, who="the army") + " Two more soldiers died in a raid on Monday."
    first = Claim(kind="killed", value=9, location=Location(name="Dunmore"), time=when("2031-05-09"),
                  evidence=ev(t, "killing 9 soldiers"))
    second = Claim(kind="killed", value=2, location=Location(name="Dunmore"), time=when("2031-05-12"),
                   evidence=ev(t, "Two more soldiers died"))
    res = DocumentResult(document=Document(text=t, id="one", published="2031-05-13"), claims=[first, second])
    assert len(build_events(claim_refs(res))) == 2


def test_unrelated_text_does_not_merge() -> None:
    other = ("A car bomb exploded outside a market in Orlen on Friday, killing {n} soldiers, {who} said. "
             "Traders closed their stalls while firefighters put out the blaze in the grain depot.")
    refs = (claim_refs(_doc("a", "2031-05-09", "Daily One", 9))
            + claim_refs(_doc("b", "2031-05-09", "Radio Two", 4, text=other, who="police",
                              claimant_type="police")))
    refs[1].claim.location = None
    refs[1].doc_location = None
    refs[1].doc_country = None  # a report naming no place at all
    assert len(cluster_claims(refs)) == 2


def test_constraints() -> None:
    a = claim_refs(_doc("a", "2031-05-09", "Daily One", 9))
    b = claim_refs(_doc("b", "2031-05-10", "Radio Two", 9))
    ida, idb = a[0].claim_id, b[0].claim_id
    assert len(build_events(a + b)) == 1
    assert len(build_events(a + b, Constraints.of(cannot_link=[(ida, idb)]))) == 2
    c = claim_refs(_doc("c", "2031-07-01", "Radio Two", 3, day="2031-06-30", text=LATER))
    assert len(build_events(a + c)) == 2
    assert len(build_events(a + c, Constraints.of(must_link=[(c[0].claim_id, ida)]))) == 1


def test_denial_is_a_contradiction() -> None:
    t = ("Rebels killed 6 soldiers at the Dunmore bridge on Friday, the army said. "
         "The Dunmore Liberation Front denied any involvement in the attack.")
    claim = Claim(kind="killed", value=6, group="security_forces", claimant=span(t, "the army"),
                  claimant_type="military", perpetrator=span(t, "Rebels"),
                  location=Location(name="Dunmore"), time=when("2031-05-09"),
                  evidence=ev(t, "Rebels killed 6 soldiers at the Dunmore bridge on Friday"))
    res = DocumentResult(document=Document(text=t, id="x", published="2031-05-10", source="s"), claims=[claim])
    (e,) = build_events(claim_refs(res))
    assert e.status == "contested"
    assert any(c.field == "denial" for c in e.contradictions)


def test_block_keys_cover_every_merge() -> None:
    rng = random.Random(7)
    results = []
    for i in range(40):
        day = f"2031-05-{rng.randint(1, 20):02d}"
        results.append(_doc(f"r{i:02d}", day, f"Outlet {i % 5}", rng.randint(1, 30), day=day))
    refs = [r for res in results for r in claim_refs(res)]
    for res in results[:10]:  # some with no date of their own
        res.claims[0].time = None
    refs = [r for res in results for r in claim_refs(res)]
    keys = {r.claim_id: set(block_keys(r)) for r in refs}
    for group in cluster_claims(refs):
        ids = [r.claim_id for r in group]
        # connected through shared keys
        seen = {ids[0]}
        frontier = [ids[0]]
        while frontier:
            x = frontier.pop()
            for y in ids:
                if y not in seen and keys_meet(keys[x], keys[y]):
                    seen.add(y)
                    frontier.append(y)
        assert seen == set(ids)


def test_block_keys_shape() -> None:
    (ref,) = claim_refs(_doc("a", "2031-05-09", "Daily One", 9))
    keys = block_keys(ref)
    assert "doc:a" in keys and "d2031-05-09|XK" in keys and "d2031-05-08|XK" in keys
    assert "d2031-05-11|XK" not in keys
    assert block_keys(ref.to_dict()) == keys
    agg = harbour_result()
    (agg_ref,) = [r for r in claim_refs(agg) if r.claim.aggregate]
    assert block_keys(agg_ref) == ["doc:harbour"]


def test_an_unresolved_place_is_indexed_under_its_documents_country() -> None:
    located, unnamed = _doc("a", "2031-05-09", "Daily One", 9), _doc("b", "2031-05-09", "Daily Two", 9)
    unnamed.claims[0].location = Location(name="the Old Mill")  # a name the gazetteer does not know
    (ra,), (rb,) = claim_refs(located), claim_refs(unnamed)
    rb.doc_country = "XK"  # most of the document's places are in XK: it meets XK's claims of the day
    assert "d2031-05-09|XK" in block_keys(rb)
    assert "d2031-05-09|XK" in keys_meet(block_keys(ra), block_keys(rb))
    rb.doc_country = None  # a document with no country: it meets every claim of the day, anywhere
    assert "d2031-05-09|??" in block_keys(rb) and "d2031-05-09|??~" in block_keys(ra)
    assert "d2031-05-09|??" in keys_meet(block_keys(ra), block_keys(rb))
    # ... but located claims do not meet each other there
    (rc,) = claim_refs(_doc("c", "2031-05-09", "Daily Three", 9))
    assert "d2031-05-09|??" not in keys_meet(block_keys(ra), block_keys(rc))


@pytest.mark.parametrize("a,b,same", [
    ("Mr Quell", "Marta Quell", True),
    ("the Kell Valley Monitoring Network", "KVMN", True),
    ("state TV", "the state news agency", True),
    ("police", "Police", True),
    ("Marta Quell", "Ilse Varga", False),
    ("activists", "police", False),
])
def test_source_keys(a: str, b: str, same: bool) -> None:
    ta = "police" if a.lower() == "police" else "none"
    tb = "police" if b.lower() == "police" else "none"
    if a == "activists":
        ta = "activists"
    assert (source_key(a, ta) == source_key(b, tb)) is same


def test_record_round_trip() -> None:
    for e in build_events(claim_refs(harbour_result())):
        rec = event_record(e)
        assert rec["schema"] == "reportedly/event/v1"
        assert set(rec["fatalities"]) == {"killed", "injured"}
        back = Event.from_dict(rec)
        assert back.to_dict() == e.to_dict()


def test_claim_ref_round_trip() -> None:
    for r in claim_refs(harbour_result()):
        assert ClaimRef.from_dict(r.to_dict()) == r


# A follow-up published weeks later, with no date of its own for the shooting.
FOLLOW_UP = ("Prosecutors charged a man over the attack killing {n} soldiers at the Kell bridge in Dunmore, "
             "{who} said. Captain Ilse Varga told the court the attackers fled towards the hills after "
             "the ambush on the bridge.")


def _undated(doc: DocumentResult) -> DocumentResult:
    for c in doc.claims:
        c.time = None
    return doc


def test_late_report_joins_the_incident_it_follows_up() -> None:
    first = _doc("a", "2031-05-09", "Daily One", 9)
    later = _undated(_doc("b", "2031-06-20", "Radio Two", 9, text=FOLLOW_UP))
    refs = claim_refs(first) + claim_refs(later)
    (e,) = build_events(refs)
    assert e.doc_ids == ["a", "b"]
    # they meet through narrow late-report keys (month, country and place), not a country's
    shared = keys_meet(block_keys(refs[0]), block_keys(refs[1]))
    assert shared and all(k.startswith(("r2031-05|XK|", "s2031|XK|")) for k in shared)
    # far late-report keys carry the names the two articles share
    assert {k.rsplit("|", 1)[1] for k in shared if k.startswith("s")} == {"captain varga"}  # one key per person: first and last name
    assert any(k.startswith("r2031-05|XK|c:") for k in shared)  # grid cells of a located town
    # the same follow-up about a town in another province does not join it
    elsewhere = _undated(_doc("c", "2031-06-20", "Radio Two", 9, text=FOLLOW_UP))
    loc = elsewhere.claims[0].location
    assert loc is not None
    loc.name, loc.lat = "Kessel", 14.0
    assert len(build_events(claim_refs(first) + claim_refs(elsewhere))) == 2
    assert not keys_meet(block_keys(refs[0]), block_keys(claim_refs(elsewhere)[0]))
    # nor one published more than LATE_REPORT_DAYS after it
    too_late = _undated(_doc("d", "2031-12-20", "Radio Two", 9, text=FOLLOW_UP))
    assert len(build_events(claim_refs(first) + claim_refs(too_late))) == 2


def test_late_place_keys_reach_neighbouring_cells() -> None:
    here = Location(name="Dunmore", lat=10.99, lon=20.99, country="XK", precision=1)
    near = Location(name="Kell", lat=11.05, lon=21.05, country="XK", precision=1)  # 9 km away
    far = Location(name="Kessel", lat=14.0, lon=20.0, country="XK", precision=1)
    assert set(late_place_keys(here)) & set(late_place_keys(near))
    assert not set(late_place_keys(here)) & set(late_place_keys(far))
    province = Location(name="Kell Province", lat=11.0, lon=21.0, country="XK", feature="admin1")
    assert late_place_keys(province) == ["n:kellprovince"]


def test_one_article_places_resolved_far_apart_stay_one_incident() -> None:
    t = ("A man was killed and two people were wounded on Friday in Dunmore, police said. "
         "One of the wounded, a driver from Kessel, was taken to hospital.")
    dunmore = Location(name="Dunmore", lat=10.0, lon=20.0, country="XK", precision=1)
    kessel = Location(name="Kessel", lat=14.0, lon=20.0, country="XK", precision=1)
    claims = [Claim(kind="killed", value=1, location=dunmore, time=when("2031-05-09"),
                    evidence=ev(t, "A man was killed")),
              Claim(kind="injured", value=2, location=kessel, time=when("2031-05-09"),
                    evidence=ev(t, "two people were wounded"))]
    res = DocumentResult(document=Document(text=t, id="one", published="2031-05-10"), claims=claims)
    (e,) = build_events(claim_refs(res))
    assert e.fatalities["killed"].best == 1 and e.fatalities["injured"].best == 2


def test_claim_at_a_namesake_elsewhere_takes_the_documents_place() -> None:
    from reportedly.model import Place

    t = ("Two men were shot on Broadway in Dunmore on Friday, police said. Dunmore police closed "
         "the street; the victims were taken to a Dunmore hospital.")
    # "Broadway" resolved to a namesake in another province
    broadway = Location(name="Broadway", lat=15.0, lon=25.0, country="XK", admin1="Orn", precision=1)
    claim = Claim(kind="injured", value=2, location=broadway, time=when("2031-05-09"),
                  evidence=ev(t, "Two men were shot"))
    places = [Place(name="Dunmore", start=i, end=i + 7, lat=10.0, lon=20.0, country="XK", admin1="Kell")
              for i in (t.index("Dunmore"), t.index("Dunmore police"), t.index("Dunmore hospital"))]
    res = DocumentResult(document=Document(text=t, id="x", published="2031-05-10", source="s"),
                         claims=[claim], places=places)
    (ref,) = claim_refs(res)
    assert ref.doc_admin1 == "Kell" and ref.doc_country == "XK"
    loc = claim_location(ref)
    assert loc is not None and loc.name == "Dunmore"
    assert ref.claim.location is broadway  # the claim itself keeps what was extracted
    # a document split between two provinces has no province of its own
    res.places = places + [Place(name="Orn", start=0, end=3, country="XK", admin1="Orn")]
    (ref,) = claim_refs(res)
    assert ref.doc_admin1 is None
    # a story that names its own province most, beside a victim's home town in a third one, has
    # that province even without a majority of the mentions (3 of 7)
    res.places = places + [Place(name="Vell", start=i, end=i + 4, country="XK", admin1="Vell") for i in (0, 9)]
    (ref,) = claim_refs(res)
    assert ref.doc_admin1 == "Kell"
    loc = claim_location(ref)
    assert loc is not None and loc.name == "Dunmore"


def test_long_windows_meet_each_other_not_every_day_of_their_place() -> None:
    day = claim_refs(_doc("a", "2031-05-09", "Daily One", 9))[0]
    month = claim_refs(_doc("b", "2031-06-02", "Radio Two", 9))[0]
    month.claim.time = when("2031-05-01", "2031-05-31", precision="month")
    this_year = claim_refs(_doc("c", "2031-06-02", "Radio Two", 40))[0]
    this_year.claim.time = when("2031-01-01", "2031-06-02", precision="year")
    other_year = claim_refs(_doc("d", "2031-07-02", "Daily One", 45))[0]
    other_year.claim.time = when("2031-01-01", "2031-07-02", precision="year")
    keys = {r.doc_id: block_keys(r) for r in (day, month, this_year, other_year)}
    assert keys_meet(keys["a"], keys["b"])  # a month finds its place's days
    assert not keys_meet(keys["a"], keys["c"])  # "this year" does not: it would meet a whole year
    assert keys_meet(keys["c"], keys["d"])


def test_an_undated_report_and_a_later_misdated_one_join_when_the_text_agrees() -> None:
    # the first report has no date of its own; a later copy of the story was dated from the
    # wrong sentence, three weeks after the first was published
    first = _undated(_doc("a", "2031-05-09", "Daily One", 9))
    misdated = _doc("b", "2031-06-01", "Radio Two", 9, day="2031-05-30")
    assert len(build_events(claim_refs(first) + claim_refs(misdated))) == 1
    # a different story in the same town stays apart
    other = _doc("c", "2031-06-01", "Daily One", 9, text=LATER, day="2031-05-30")
    assert len(build_events(claim_refs(first) + claim_refs(other))) == 2
    # and so does the same text two months later
    late = _doc("d", "2031-07-12", "Radio Two", 9, day="2031-07-10")
    assert len(build_events(claim_refs(first) + claim_refs(late))) == 2

def test_namesake_in_the_same_province_needs_less_evidence_than_one_elsewhere() -> None:
    from reportedly.cluster import OVERRULE_THRESHOLD, PROVINCE_OVERRULE_THRESHOLD

    assert PROVINCE_OVERRULE_THRESHOLD < OVERRULE_THRESHOLD
    first = ("Gunmen attacked a checkpoint in Dunmore on Friday, killing {n} soldiers, {who} said. "
             "Farmers nearby heard the gunfire.")
    # another outlet's story of the day, with some words in common (evidence about 0.5)
    second = ("Relatives gathered at the barracks on Saturday after the checkpoint raid, killing {n} "
              "soldiers, {who} said. Schools stayed shut.")

    def placed(doc_id: str, text: str, lat: float, admin1: str) -> DocumentResult:
        d = _doc(doc_id, "2031-05-09", "Radio Two", 9, text=text, who="a local doctor")
        loc = d.claims[0].location
        assert loc is not None
        loc.lat, loc.admin1 = lat, admin1
        if lat != 10.0:
            loc.name = "Kessel"
        return d

    a = placed("a", first, 10.0, "Kell")
    same_province = placed("b", second, 12.0, "Kell")  # 220 km off, same province
    other_province = placed("c", second, 12.0, "Orn")
    assert len(build_events(claim_refs(a) + claim_refs(same_province))) == 1
    assert len(build_events(claim_refs(a) + claim_refs(other_province))) == 2
    # a story with more in common (evidence about 0.6) joins even from another province
    closer = ("Relatives gathered at the barracks on Saturday after gunmen raided the checkpoint, "
              "killing {n} soldiers, {who} said. Farmers and schools stayed shut.")
    assert len(build_events(claim_refs(a) + claim_refs(placed("d", closer, 12.0, "Orn")))) == 1


def test_a_clash_in_one_report_and_an_attack_in_another_can_be_one_incident() -> None:
    # one outlet tells the checkpoint shooting as a clash, another as an attack on the guards
    clash = _doc("a", "2031-05-09", "Daily One", 9)
    attack = _doc("b", "2031-05-10", "Radio Two", 9, who="a local doctor", claimant_type="medical")
    clash.claims[0].event_type = "battles"
    attack.claims[0].event_type = "violence_against_civilians"
    assert len(build_events(claim_refs(clash) + claim_refs(attack))) == 1
    # a bombing is not a shooting, whatever the words in common
    bombing = _doc("c", "2031-05-10", "Radio Two", 9, who="a local doctor", claimant_type="medical")
    bombing.claims[0].event_type = "explosions_remote_violence"
    assert len(build_events(claim_refs(clash) + claim_refs(bombing))) == 2


def test_a_shooting_in_one_report_and_an_accident_in_another_can_be_one_incident() -> None:
    # a first report tells of a man shot; a later one of a gun that went off by accident
    shot = _doc("a", "2031-05-09", "Daily One", 1)
    accident = _doc("b", "2031-05-10", "Radio Two", 1, who="a local doctor", claimant_type="medical")
    shot.claims[0].event_type = "violence_against_civilians"
    accident.claims[0].event_type = "accident"
    (event,) = build_events(claim_refs(shot) + claim_refs(accident))
    assert event.event_type == "violence_against_civilians"  # an ACLED type wins a tie
    # an explosion is no shooting, accidental or not
    blast = _doc("c", "2031-05-10", "Radio Two", 1, who="a local doctor", claimant_type="medical")
    blast.claims[0].event_type = "explosions_remote_violence"
    assert len(build_events(claim_refs(accident) + claim_refs(blast))) == 2


VIGIL = ("Families held a vigil for the guards in a Dunmore church after the raid killing {n} soldiers, "
         "{who} said. Shops and schools shut early across the valley, and farmers brought bread, candles "
         "and photographs to the square, where a choir sang hymns until dusk and Mayor Tilda Oss read "
         "letters from widows.")


def test_a_late_report_with_the_same_toll_needs_less_text_in_common() -> None:
    first = _doc("a", "2031-05-09", "Daily One", 9)

    def vigil(n: int) -> DocumentResult:
        return _undated(_doc("b", "2031-06-20", "Radio Two", n, text=VIGIL, who="relatives",
                             claimant_type="witnesses"))

    # a month later, an undated story with a few words in common and the same toll of nine
    assert len(build_events(claim_refs(first) + claim_refs(vigil(9)))) == 1
    # the same story with another toll is not enough to tie them
    assert len(build_events(claim_refs(first) + claim_refs(vigil(4)))) == 2


def test_one_article_officers_killed_and_a_bystander_wounded_the_same_day() -> None:
    t = ("Two police officers were killed in Dunmore on Monday when a prisoner seized a gun, and a woman "
         "waiting in the hall was wounded on Monday too, the sheriff said.")
    town = Location(name="Dunmore", lat=10.0, lon=20.0, country="XK", precision=1)
    officers = Claim(kind="killed", value=2, group="security_forces", event_type="battles", location=town,
                     time=when("2031-05-05"), evidence=ev(t, "Two police officers were killed"))
    bystander = Claim(kind="injured", value=1, group="civilians", event_type="violence_against_civilians",
                      location=town, time=when("2031-05-05"), evidence=ev(t, "a woman waiting in the hall was wounded"))
    res = DocumentResult(document=Document(text=t, id="x", published="2031-05-06", source="s"),
                         claims=[officers, bystander])
    assert len(build_events(claim_refs(res))) == 1
    # the civilians' toll over several days is another incident (as in the harbour report)
    bystander.time = when("2031-05-03", "2031-05-05")
    assert len(build_events(claim_refs(res))) == 2


def test_an_event_no_claim_of_which_is_dated_is_dated_by_its_first_report() -> None:
    first = _undated(_doc("a", "2031-05-09", "Daily One", 9))
    later = _undated(_doc("b", "2031-05-10", "Radio Two", 9, who="a local doctor", claimant_type="medical"))
    (e,) = build_events(claim_refs(first) + claim_refs(later))
    assert (e.date_start, e.date_end, e.precision) == ("2031-05-09", "2031-05-09", "week")
    # a dated claim gives the event its own date
    (e,) = build_events(claim_refs(_doc("c", "2031-05-10", "Daily One", 9)))
    assert (e.date_start, e.precision) == ("2031-05-09", "day")
    # a cumulative toll stays undated
    (agg,) = [x for x in build_events(claim_refs(harbour_result())) if x.aggregate]
    assert agg.date_start is None


# Two parts of one story: who was there, and what the town saw.
NAMED = ("Captain Ilse Varga said gunmen ambushed the convoy of Tomas Brede at the Kell bridge in Dunmore. "
         "Ilse Varga and Tomas Brede both survived the ambush, {who} said. ")
SEEN = ("Farmers heard rifles and mortars before dawn, killing {n} soldiers; the market closed early, "
        "schools stayed shut and medics treated wounded drivers at the clinic. ")


def _moved(doc: DocumentResult, name: str, lat: float) -> DocumentResult:
    loc = doc.claims[0].location
    assert loc is not None
    loc.name, loc.lat = name, lat
    return doc


def test_second_pass_joins_two_alike_reports_of_a_day_that_a_third_keeps_apart() -> None:
    # a and c tell the named part of the story; c's place was resolved to a namesake 220 km
    # away, and it joins a only because their texts agree closely. b tells the town's part the
    # same day as a, with nothing in common with c: in the first pass c keeps b out.
    a = _doc("a", "2031-05-10", "Daily One", 9, text=NAMED + SEEN)
    b = _doc("b", "2031-05-10", "Radio Two", 9, text=SEEN + "Roads reopened at noon, {who} said.")
    c = _moved(_doc("c", "2031-05-10", "Daily Three", 9,
                    text=NAMED + "The attack was the worst in the province this year, killing {n} soldiers."),
               "Kessel", 12.0)
    refs = claim_refs(a) + claim_refs(b) + claim_refs(c)
    (e,) = build_events(refs)
    assert e.doc_ids == ["a", "b", "c"]
    # b about another town far away stays apart, however alike the texts
    far = _moved(_doc("b", "2031-05-10", "Radio Two", 9, text=SEEN + "Roads reopened at noon, {who} said."),
                 "Orley", 14.0)
    assert len(build_events(claim_refs(a) + claim_refs(far) + claim_refs(c))) == 2
    # and a human split holds in the second pass too
    split = Constraints.of(cannot_link=[(refs[0].claim_id, refs[1].claim_id)])
    assert len(cluster_claims(refs, split)) == 2


def test_a_report_a_year_later_joins_when_it_names_the_same_people() -> None:
    first = _doc("a", "2031-05-10", "Daily One", 9, text=NAMED + SEEN)
    trial = ("The trial opened over the ambush of the convoy of Tomas Brede at the Kell bridge in Dunmore, "
             "killing {n} soldiers, {who} said. Captain Ilse Varga told the court she saw the gunmen.")
    later = _undated(_doc("b", "2032-04-20", "Radio Two", 9, text=trial))
    assert len(build_events(claim_refs(first) + claim_refs(later))) == 1
    # without the names the same words are another story of the town
    nameless = _undated(_doc("c", "2032-04-20", "Radio Two", 9,
                             text=trial.replace("Tomas Brede", "a trader").replace("Captain Ilse Varga", "A guard")))
    assert len(build_events(claim_refs(first) + claim_refs(nameless))) == 2
    # nor does an article that tells no later step of the story (no trial, no sentence)
    news = trial.replace("The trial opened over", "Police described").replace(" told the court", " said")
    assert len(build_events(claim_refs(first) + claim_refs(_undated(_doc("e", "2032-04-20", "Radio Two", 9,
                                                                         text=news))))) == 2
    # and beyond LATE_FAR_DAYS even the names do not bring it back
    much_later = _undated(_doc("d", "2034-04-20", "Radio Two", 9, text=trial))
    assert len(build_events(claim_refs(first) + claim_refs(much_later))) == 2


def test_second_pass_joins_a_namesake_far_away_when_the_articles_share_three_names() -> None:
    from reportedly.model import Place

    def report(doc_id: str, names: str, text: str) -> DocumentResult:
        d = _doc(doc_id, "2031-05-10", "Radio Two", 9, text=names + " were hurt, {who} said. " + text)
        return d

    a = report("a", "Anna Pell, Ilse Varga and Tomas Brede", SEEN)
    # c was merged with a by hand; it is placed in another town and shares nothing with b
    c = _moved(_doc("c", "2031-05-10", "Daily Three", 9, text="Sirens sounded, killing {n} soldiers, {who} said."),
               "Kessel", 12.0)

    def misplaced(names: str) -> DocumentResult:
        # b's claim was placed at a namesake far away, but the article is about Dunmore
        b = _moved(report("b", names, "Mortars fell on the depot, killing {n} soldiers. Dunmore mourned."),
                   "Orley", 14.0)
        t = b.document.text
        b.places = [Place(name="Dunmore", start=t.index("Dunmore"), end=t.index("Dunmore") + 7,
                          lat=10.0, lon=20.0, country="XK")] * 3
        return b

    def groups(b: DocumentResult) -> int:
        refs = claim_refs(a) + claim_refs(b) + claim_refs(c)
        merged = Constraints.of(must_link=[(refs[0].claim_id, refs[2].claim_id)])
        return len(cluster_claims(refs, merged))

    assert groups(misplaced("Anna Pell, Ilse Varga and Tomas Brede")) == 1
    assert groups(misplaced("Anna Pell and Tomas Brede")) == 2  # two names are not enough


def test_second_pass_does_not_chain_a_daily_bulletin_into_one_event() -> None:
    from reportedly.cluster import JOIN_MAX_SPAN_DAYS

    # one outlet's daily bulletin from the wards of a town: alike enough for the second pass
    # day to day, but six days of incidents are not one incident
    sights = ["rain flooded Orm Ferry", "a bakery burned at Vask Mill", "the mayor opened Lind School",
              "a cable snapped on Brae Bridge", "tanks crossed Ness Ford", "pilgrims filled Mora Lane"]

    def bulletin(k: int) -> DocumentResult:
        day = f"2031-05-{10 + k:02d}"
        text = "Gunmen fired on a patrol in Dunmore, killing {n} soldiers, {who} said. " + sights[k] + "."
        d = _doc(f"d{k}", day, "Daily One", 2 + k, day=day, text=text)
        loc = d.claims[0].location
        assert loc is not None
        loc.name, loc.lat = f"Dunmore ward {k}", 10.0 + 0.02 * k
        return d

    events = build_events([r for k in range(6) for r in claim_refs(bulletin(k))])
    assert len(events) > 1
    for e in events:
        assert e.date_start is not None and e.date_end is not None
        span = _dt.date.fromisoformat(e.date_end[:10]) - _dt.date.fromisoformat(e.date_start[:10])
        assert span.days <= JOIN_MAX_SPAN_DAYS


def test_an_articles_undated_figures_are_its_dated_incidents() -> None:
    # a feature published weeks later dates the attack once; its other figures carry no date
    t = ("Gunmen attacked a checkpoint in Dunmore on May 9, killing nine soldiers. Weeks later the "
         "families of the nine soldiers still wait for answers; two more guards were wounded, police said.")
    dunmore = Location(name="Dunmore", lat=10.0, lon=20.0, country="XK", precision=1)
    claims = [Claim(kind="killed", value=9, location=dunmore, time=when("2031-05-09"),
                    evidence=ev(t, "killing nine soldiers")),
              Claim(kind="injured", value=2, location=dunmore, evidence=ev(t, "two more guards were wounded"))]
    res = DocumentResult(document=Document(text=t, id="f", published="2031-06-20", source="s"), claims=claims)
    (e,) = build_events(claim_refs(res))
    assert e.fatalities["injured"].best == 2 and e.date_start == "2031-05-09"
    # ... but not a year recalled in the background
    claims[0].time = TimeRef(text="1975", date_start="1975", date_end="1975", precision="year")
    assert len(build_events(claim_refs(res))) == 2


def test_abbreviated_place_names_are_the_same_place() -> None:
    from reportedly.cluster import place_relation

    def loc(name: str) -> Location:
        return Location(name=name)

    assert place_relation(loc("Bourbon St."), loc("Bourbon Street")) == "same"
    assert place_relation(loc("Mt. Pleasant"), loc("Mount Pleasant")) == "same"
    assert place_relation(loc("St. Louis Ave"), loc("Saint Louis Avenue")) == "same"
    assert place_relation(loc("Bourbon St."), loc("Burgundy Street")) == "different"


def test_a_named_place_and_its_located_namesake_are_one_area() -> None:
    from reportedly.cluster import late_place_keys, same_area

    located = Location(name="Bourbon Street", lat=29.95, lon=-90.07, country="US", admin1="Louisiana",
                       feature="site", precision=1)
    named = Location(name="Bourbon St.")
    assert same_area(located, named)
    # they meet through the name's key, which the located place holds beside its grid cells
    assert set(late_place_keys(located)) & set(late_place_keys(named)) == {"n:bourbonstreet"}
    # two located namesakes far apart are two places
    namesake = Location(name="Bourbon Street", lat=38.6, lon=-90.2, country="US", admin1="Missouri",
                        feature="site", precision=1)
    assert not same_area(located, namesake)


def test_a_nickname_or_a_middle_initial_does_not_split_a_name() -> None:
    # illustrative sentences: reports write one man's name in several forms
    _, names = text_features('Deputies named Dale "Bucky" Orrin as the driver. Later Dale R. Orrin was charged. '
                             "His cousin, Ada “Tiny” Vole, spoke. Ada Vole Jr. wept.")
    assert "dale orrin" in names and "ada vole" in names and "ada vole jr" not in names
    _, names = text_features("Ann Marie Vole, 30, was shot. Salt Lake City police came.")
    assert "ann marie vole" in names and "ann vole" in names  # a middle name is often left out
    assert "salt city" not in names  # not a person's name
    assert not any("bucky" in n or "tiny" in n for n in names)


def test_an_officials_title_makes_a_name_weak() -> None:
    from reportedly.cluster import name_is_strong

    # a governor or a mayor speaks after many incidents: a shared 'Gov Ann Lark' says little
    assert name_is_strong("gov ann lark") is False and name_is_strong("mayor ted pell") is False
    assert name_is_strong("ann lark") is True
    # page furniture one outlet prints under every story ties no two reports together
    assert name_is_strong("join conversation") is False and name_is_strong("related coverage") is False
    # a station's channel number is no street address
    _, names = text_features("KXLT 12 Lorton reports. Channel 13 Lorton too. He lived at 3200 Elm Road. "
                             "WXYZ News 14 Lorton came at 6:30 Saturday.")
    assert "3200 elm" in names and not any(n.startswith(("12 ", "13 ", "14 ", "30 ")) for n in names)
    assert name_is_strong("11 news") is False


PEOPLE = "Anna Pell, Ilse Varga and Tomas Brede were hurt, {who} said. "


def test_two_articles_naming_three_of_the_same_people_are_one_story() -> None:
    from reportedly.cluster import _is_place_name

    first = _doc("a", "2031-05-10", "Daily One", 9, text=PEOPLE + SEEN)

    def later(names: str, published: str = "2031-06-20", day: str = "2031-06-14") -> DocumentResult:
        # weeks later, dated from the wrong sentence ("on Sunday") and placed at a namesake far
        # away in the same country
        text = names + " were hurt, {who} said. The trial opened over the ambush, killing {n} soldiers."
        return _moved(_doc("b", published, "Radio Two", 9, day=day, text=text), "Orley", 14.0)

    refs = claim_refs(first) + claim_refs(later("Anna Pell, Ilse Varga and Tomas Brede"))
    (e,) = build_events(refs)
    assert e.doc_ids == ["a", "b"]
    # they meet through the keys of two of their people, whatever their days and places
    shared = keys_meet(block_keys(refs[0]), block_keys(refs[1]))
    assert {k.rstrip("~") for k in shared if k.startswith("p2031|")} == {
        "p2031|anna pell|ilse varga", "p2031|anna pell|tomas brede", "p2031|ilse varga|tomas brede"}
    # and so does a report none of whose places resolved
    unplaced = later("Anna Pell, Ilse Varga and Tomas Brede")
    unplaced.claims[0].location = None
    assert len(build_events(claim_refs(first) + claim_refs(unplaced))) == 1
    # two people in common are not enough
    assert len(build_events(claim_refs(first) + claim_refs(later("Anna Pell and Tomas Brede")))) == 2
    # nor are three, when both articles date their claims, by dates of their own, more than
    # PEOPLE_SPAN_DAYS apart (two incidents of one feud); a report with no date of its own
    # that late still joins
    months_on = later("Anna Pell, Ilse Varga and Tomas Brede", "2031-11-20", "2031-11-14")
    assert len(build_events(claim_refs(first) + claim_refs(months_on))) == 2
    assert len(build_events(claim_refs(first) + claim_refs(_undated(months_on)))) == 1
    # the dated first report waits in its people's blocks; the trial report finds it there
    assert all(k.endswith("~") for k in block_keys(refs[0]) if k.startswith("p"))
    assert any(k.startswith("p") and not k.endswith("~") for k in block_keys(refs[1]))
    # a name the gazetteer knows as a town is a place, not one of the people
    assert _is_place_name("fort worth") and not _is_place_name("ilse varga")


@pytest.mark.parametrize("name,person", [
    ("ilse varga", True), ("tomas brede", True), ("3200 rood", True),
    ("nusra front", False), ("free army", False), ("syrian observatory", False),  # organisations, parties
    ("al qaeda", False), ("syrian kurdish", False), ("ohio valley", False),  # articles, areas, demonyms
    ("21 jul", False), ("use privacy policy cookie policy", False), ("baton rouge", False)])
def test_people_are_names_of_persons_or_addresses(name: str, person: bool) -> None:
    from reportedly.cluster import _is_person_name

    assert _is_person_name(name) is person


def test_a_claim_told_in_the_background_does_not_carry_its_articles_people_into_that_incident() -> None:
    old = _doc("a", "2031-05-10", "Daily One", 9, text=SEEN + "Roads reopened at noon, {who} said.")
    # today's shooting in Orley, with a line recalling a's ambush months before in Dunmore
    text = (PEOPLE + "Gunmen fired on a depot in Orley, killing {n} soldiers. "
            "In May an ambush in Dunmore was killing 9 soldiers.")
    today = _moved(_doc("b", "2031-09-14", "Radio Two", 4, day="2031-09-13", text=text), "Orley", 14.0)
    background = Claim(kind="killed", value=9, group="security_forces", event_type=None,
                       location=Location(name="Dunmore", lat=10.0, lon=20.0, country="XK", precision=1),
                       time=when("2031-05-09"), evidence=ev(text, "was killing 9 soldiers"))
    today.claims.append(background)
    other = _moved(_doc("c", "2031-09-14", "Daily Three", 4, day="2031-09-13",
                        text=PEOPLE + "A depot in Orley was attacked, killing {n} soldiers."), "Orley", 14.0)
    groups = {tuple(sorted({r.doc_id for r in g})) for g in
              cluster_claims(claim_refs(old) + claim_refs(today) + claim_refs(other))}
    assert groups == {("a", "b"), ("b", "c")}
