"""The one data model shared by every stage.

ingest -> extract -> resolve -> cluster -> store -> export/API/web all speak in these
dataclasses. Every class has ``to_dict()`` producing the documented JSON (schema
``reportedly/document/v1``) and ``from_dict()`` reading it back. Fields are only ever
added, never renamed.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "reportedly/document/v1"

Kind = Literal["killed", "injured"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "approx", "vague"]
Group = Literal["civilians", "security_forces", "combatants", "protesters", "unknown"]
Stance = Literal["asserted", "hedged", "denied"]

KINDS: tuple[str, ...] = ("killed", "injured")
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "at_most", "approx", "vague")
GROUPS: tuple[str, ...] = ("civilians", "security_forces", "combatants", "protesters", "unknown")
STANCES: tuple[str, ...] = ("asserted", "hedged", "denied")
CLAIMANT_TYPES: tuple[str, ...] = (
    "government", "state_media", "military", "police", "armed_group", "opposition", "ngo",
    "activists", "witnesses", "medical", "un_igo", "foreign_government", "media",
    "official_unnamed", "none",
)
EVENT_TYPES: tuple[str, ...] = (
    "battles", "violence_against_civilians", "explosions_remote_violence", "protests", "riots",
    "strategic_developments",
)
# Casualties of an unintentional shooting ("an accidental discharge wounded a hunter") are no
# figure claims: GUIDELINES.md says an accident is no violent incident. The ledger keeps them as
# records of this type, outside ACLED's, so that reports of one accident group into one event and
# a gun-violence count (GVA, GVDB) can include them; the claims evaluation and the ACLED and UCDP
# exports leave them out.
ACCIDENT = "accident"
RECORD_TYPES: tuple[str, ...] = (*EVENT_TYPES, ACCIDENT)
# ACLED sub-event types, by event type.
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "battles": ("armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"),
    "violence_against_civilians": ("attack", "abduction_forced_disappearance", "sexual_violence"),
    "explosions_remote_violence": (
        "air_drone_strike", "shelling_artillery_missile_attack", "chemical_weapon", "grenade",
        "remote_explosive_landmine_ied", "suicide_bomb",
    ),
    "protests": ("peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"),
    "riots": ("violent_demonstration", "mob_violence"),
    "strategic_developments": (
        "agreement", "arrests", "change_to_group_activity", "disrupted_weapons_use",
        "headquarters_or_base_established", "looting_property_destruction",
        "non_violent_transfer_of_territory", "other",
    ),
}


def content_hash(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _drop_none_extra(d: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k in keep or v is not None}


@dataclass
class Span:
    """A stretch of the document's text: ``text == doc.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        if d is None:
            return None
        return cls(text=d.get("text", ""), start=int(d["start"]), end=int(d["end"]))


@dataclass
class Location:
    """Where an incident happened: the name as written, then (after resolution) the place."""

    name: str
    start: int | None = None
    end: int | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    precision: int | None = None  # ACLED geo_precision: 1 place, 2 near/part of region, 3 province or larger
    feature: str | None = None  # city, admin1, admin2, country, region

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        return _drop_none_extra(d, ("name", "start", "end"))

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Location | None:
        if d is None:
            return None
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class TimeRef:
    """When an incident happened: the expression as written, then its resolution.

    ``start``/``end`` are character offsets (schema v1); the resolved dates are
    ``date_start``/``date_end`` (ISO dates) with ``precision`` one of day, week, month, year.
    """

    text: str
    start: int | None = None
    end: int | None = None
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        return _drop_none_extra(d, ("text", "start", "end"))

    @property
    def iso(self) -> str | None:
        """ISO date, or ``start/end`` range, or None when unresolved."""
        if not self.date_start:
            return None
        if self.date_end and self.date_end != self.date_start:
            return f"{self.date_start}/{self.date_end}"
        return self.date_start

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> TimeRef | None:
        if d is None:
            return None
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Evidence:
    """The sentence a claim was read from: offsets into the document's text, or, when ``part``
    is ``"title"``, into its title (a headline claim: the body told no figure)."""

    start: int
    end: int
    text: str = ""
    part: str = "text"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.part != "text":
            d["part"] = self.part
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(start=int(d["start"]), end=int(d["end"]), text=d.get("text", ""), part=d.get("part") or "text")


@dataclass
class Claim:
    """One figure claim, as GUIDELINES.md defines it."""

    kind: str
    value: int
    qualifier: str = "exact"
    group: str = "unknown"
    claimant: Span | None = None
    claimant_type: str = "none"
    stance: str = "asserted"
    aggregate: bool = False
    event_type: str | None = None
    sub_event_type: str | None = None
    perpetrator: Span | None = None
    location: Location | None = None
    time: TimeRef | None = None
    evidence: Evidence = field(default_factory=lambda: Evidence(0, 0))
    # The figure itself (e.g. "at least 42"), for highlighting; an addition to v1.
    figure: Span | None = None

    @property
    def accident(self) -> bool:
        """A record of an accident's casualties, not a figure claim (see ``ACCIDENT``)."""
        return self.event_type == ACCIDENT

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "qualifier": self.qualifier,
            "group": self.group,
            "claimant": self.claimant.to_dict() if self.claimant else None,
            "claimant_type": self.claimant_type,
            "stance": self.stance,
            "aggregate": self.aggregate,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "perpetrator": self.perpetrator.to_dict() if self.perpetrator else None,
            "location": self.location.to_dict() if self.location else None,
            "time": self.time.to_dict() if self.time else None,
            "evidence": self.evidence.to_dict(),
            "figure": self.figure.to_dict() if self.figure else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            kind=d["kind"],
            value=int(d["value"]),
            qualifier=d.get("qualifier", "exact"),
            group=d.get("group", "unknown"),
            claimant=Span.from_dict(d.get("claimant")),
            claimant_type=d.get("claimant_type", "none"),
            stance=d.get("stance", "asserted"),
            aggregate=bool(d.get("aggregate", False)),
            event_type=d.get("event_type"),
            sub_event_type=d.get("sub_event_type"),
            perpetrator=Span.from_dict(d.get("perpetrator")),
            location=Location.from_dict(d.get("location")),
            time=TimeRef.from_dict(d.get("time")),
            evidence=Evidence.from_dict(d.get("evidence") or {"start": 0, "end": 0}),
            figure=Span.from_dict(d.get("figure")),
        )


@dataclass
class Statement:
    """An attributed statement: who (speaker) said (cue) what (content)."""

    speaker: Span | None
    cue: Span
    content: Span
    # The source as written beside the cue when it differs from ``speaker`` (a pronoun
    # "he" whose antecedent "Wissam Tarif" is the speaker).
    speaker_as_written: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
        }
        if self.speaker_as_written is not None and self.speaker_as_written != self.speaker:
            d["speaker_as_written"] = self.speaker_as_written.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        cue = Span.from_dict(d["cue"])
        content = Span.from_dict(d["content"])
        assert cue is not None and content is not None
        return cls(speaker=Span.from_dict(d.get("speaker")), cue=cue, content=content,
                   speaker_as_written=Span.from_dict(d.get("speaker_as_written")))


@dataclass
class Mention:
    """A sentence reporting an incident of ACLED's taxonomy, with or without a figure."""

    event_type: str
    sub_event_type: str | None
    trigger: Span
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "trigger": self.trigger.to_dict(),
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        trig = Span.from_dict(d["trigger"])
        assert trig is not None
        return cls(
            event_type=d["event_type"],
            sub_event_type=d.get("sub_event_type"),
            trigger=trig,
            evidence=Evidence.from_dict(d["evidence"]),
        )


@dataclass
class Place:
    """A toponym in the text, resolved to GeoNames where possible."""

    name: str
    start: int
    end: int
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "start": self.start, "end": self.end,
            "geonames_id": self.geonames_id, "lat": self.lat, "lon": self.lon,
            "country": self.country, "admin1": self.admin1,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class ProcessingError:
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass
class Document:
    """An input article. ``text`` is what every offset points into."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from (not part of the v1 output)
    errors: list[ProcessingError] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)

    @property
    def published_date(self) -> _dt.date | None:
        if not self.published:
            return None
        try:
            return _dt.date.fromisoformat(self.published[:10])
        except ValueError:
            return None

    @property
    def name(self) -> str:
        """How to name this document in a message: its path, else its id."""
        return self.path or self.id

    def meta_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "published": self.published,
                "source": self.source, "url": self.url}


@dataclass
class DocumentResult:
    """Everything extracted from one document: schema ``reportedly/document/v1``."""

    document: Document
    claims: list[Claim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    errors: list[ProcessingError] = field(default_factory=list)
    # the places were recognised with the named entities (the spaCy pipeline ran): an empty
    # list means none, not "not looked for" (see resolve_result); not part of the schema
    places_found: bool = field(default=False, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not any(e.code.startswith("fatal") or e.code in FATAL_CODES for e in self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": self.document.meta_dict(),
            "claims": [c.to_dict() for c in self.claims],
            "statements": [s.to_dict() for s in self.statements],
            "mentions": [m.to_dict() for m in self.mentions],
            "places": [p.to_dict() for p in self.places],
            "errors": [e.to_dict() for e in self.errors],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str = "") -> DocumentResult:
        meta = d.get("document", {})
        doc = Document(text=text, id=meta.get("id", ""), title=meta.get("title"),
                       published=meta.get("published"), source=meta.get("source"), url=meta.get("url"))
        return cls(
            document=doc,
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            statements=[Statement.from_dict(s) for s in d.get("statements", [])],
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
            places=[Place.from_dict(p) for p in d.get("places", [])],
            errors=[ProcessingError(**e) for e in d.get("errors", [])],
        )


# Error codes that mean the document could not be processed at all.
FATAL_CODES = frozenset({"empty", "binary", "encoding", "no_article", "too_large", "not_english",
                         "unreadable", "parse_error"})


# ---------------------------------------------------------------------------
# Events across articles (cluster stage). Appended; see ``reportedly.cluster``.
# ---------------------------------------------------------------------------

EVENT_STATUSES: tuple[str, ...] = ("single_source", "corroborated", "contested", "aggregate")


@dataclass
class ResponsibilityClaim:
    """Someone says who did it: "police blamed a gang", "X was caused by Y", "Z denied any role".

    ``stance`` is ``asserted`` (the claimant names the perpetrator) or ``denied`` (the named
    party, or the claimant on its behalf, rejects responsibility).
    """

    perpetrator: Span
    claimant: Span | None = None
    claimant_type: str = "none"
    stance: str = "asserted"
    evidence: Evidence = field(default_factory=lambda: Evidence(0, 0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "perpetrator": self.perpetrator.to_dict(),
            "claimant": self.claimant.to_dict() if self.claimant else None,
            "claimant_type": self.claimant_type,
            "stance": self.stance,
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ResponsibilityClaim:
        perp = Span.from_dict(d["perpetrator"])
        assert perp is not None
        return cls(
            perpetrator=perp,
            claimant=Span.from_dict(d.get("claimant")),
            claimant_type=d.get("claimant_type", "none"),
            stance=d.get("stance", "asserted"),
            evidence=Evidence.from_dict(d.get("evidence") or {"start": 0, "end": 0}),
        )


@dataclass
class FatalityRange:
    """UCDP-style figures for one kind (and group) of an event: low <= best <= high."""

    low: int
    best: int
    high: int

    def to_dict(self) -> dict[str, int]:
        return {"low": self.low, "best": self.best, "high": self.high}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> FatalityRange | None:
        if d is None:
            return None
        return cls(low=int(d["low"]), best=int(d["best"]), high=int(d["high"]))


@dataclass
class EventClaim:
    """One figure claim as a member of an event, with where it came from."""

    doc_id: str
    claim_id: str
    kind: str
    value: int
    qualifier: str = "exact"
    group: str = "unknown"
    claimant: str | None = None
    claimant_type: str = "none"
    # The normalised independent source: an outlet relaying state TV is state TV.
    source: str = ""
    stance: str = "asserted"
    evidence: str = ""
    outlet: str | None = None
    published: str | None = None
    perpetrator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventClaim:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Perpetrator:
    """A party said to have done it, and who says so."""

    name: str
    claimants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Perpetrator:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Contradiction:
    """Claims of one event that cannot all be true.

    ``field`` is ``killed`` or ``injured`` (incompatible figures), ``perpetrator`` (different
    parties blamed for the same deaths) or ``denial`` (one claimant denies what another
    asserts). ``sides`` lists the claim ids (or, for perpetrators, the source keys) on each
    side; ``between`` names the claimants on each side as written.
    """

    field: str
    about: str
    sides: list[list[str]] = dataclasses.field(default_factory=list)
    between: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "about": self.about, "sides": [list(s) for s in self.sides],
                "between": list(self.between)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Contradiction:
        return cls(field=d["field"], about=d.get("about", ""),
                   sides=[list(s) for s in d.get("sides", [])], between=list(d.get("between", [])))


@dataclass
class Event:
    """An incident (or, with ``aggregate``, a cumulative toll) and every claim about it."""

    id: str
    claims: list[EventClaim] = field(default_factory=list)
    aggregate: bool = False
    event_type: str | None = None
    sub_event_type: str | None = None
    location: Location | None = None
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None
    # kind -> range over the event's claims (a kind with no claim is absent)
    fatalities: dict[str, FatalityRange] = field(default_factory=dict)
    # group -> kind -> range
    fatalities_by_group: dict[str, dict[str, FatalityRange]] = field(default_factory=dict)
    perpetrators: list[Perpetrator] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    number_of_sources: int = 0
    status: str = "single_source"
    doc_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "aggregate": self.aggregate,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "location": self.location.to_dict() if self.location else None,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "precision": self.precision,
            "fatalities": {k: (self.fatalities[k].to_dict() if k in self.fatalities else None)
                           for k in KINDS},
            "fatalities_by_group": {g: {k: r.to_dict() for k, r in sorted(kinds.items())}
                                    for g, kinds in sorted(self.fatalities_by_group.items())},
            "perpetrators": [p.to_dict() for p in self.perpetrators],
            "claims": [c.to_dict() for c in self.claims],
            "number_of_sources": self.number_of_sources,
            "status": self.status,
            "contradictions": [c.to_dict() for c in self.contradictions],
            "doc_ids": list(self.doc_ids),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        fat = {k: r for k, v in (d.get("fatalities") or {}).items()
               if (r := FatalityRange.from_dict(v)) is not None}
        by_group: dict[str, dict[str, FatalityRange]] = {}
        for g, kinds in (d.get("fatalities_by_group") or {}).items():
            by_group[g] = {k: r for k, v in kinds.items() if (r := FatalityRange.from_dict(v)) is not None}
        return cls(
            id=d["id"],
            claims=[EventClaim.from_dict(c) for c in d.get("claims", [])],
            aggregate=bool(d.get("aggregate", False)),
            event_type=d.get("event_type"),
            sub_event_type=d.get("sub_event_type"),
            location=Location.from_dict(d.get("location")),
            date_start=d.get("date_start"),
            date_end=d.get("date_end"),
            precision=d.get("precision"),
            fatalities=fat,
            fatalities_by_group=by_group,
            perpetrators=[Perpetrator.from_dict(p) for p in d.get("perpetrators", [])],
            contradictions=[Contradiction.from_dict(c) for c in d.get("contradictions", [])],
            number_of_sources=int(d.get("number_of_sources", 0)),
            status=d.get("status", "single_source"),
            doc_ids=list(d.get("doc_ids", [])),
        )
