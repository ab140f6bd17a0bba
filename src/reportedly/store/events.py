"""The store's side of clustering: claim rows in, event rows out.

The clusterer (``reportedly.cluster``) is a set of pure functions; this module adapts the
ledger's rows to them and their events back to rows. The ledger calls it only over the
claims of the blocks a batch touched, found through the ``claim_blocks`` index.

A clusterer (tests use small fakes) is anything with these five functions:

* ``claim_features(result, claim_ids, options) -> list[dict]``: at ingest, for each claim of
  a document, the JSON the clusterer will need later besides the claim itself (outlet,
  dates, word bags, responsibility claims...). Stored in ``claims.cluster_ref``.
* ``make_ref(claim, claim_id, features) -> ref``: a clusterer input from a (corrected) claim.
* ``block_keys(ref) -> list[str]``: index keys; two claims that could be one event share one.
* ``make_constraints(must_link, cannot_link)``: human merges and splits as claim-id pairs.
* ``build_events(refs, constraints, options) -> list[Event]``: deterministic, order-free.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportedly.model import Claim, DocumentResult, Event
from reportedly.options import Options


@dataclass
class DocMeta:
    """What the ledger knows of a claim's document besides its text."""

    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None

    def features(self) -> dict[str, Any]:
        return {"doc_id": self.id, "source": self.source, "published": self.published, "title": self.title}


class Clusterer(Protocol):
    def claim_features(self, result: DocumentResult, claim_ids: Sequence[str],
                       options: Options) -> list[dict[str, Any]]: ...

    def make_ref(self, claim: Claim, claim_id: str, features: dict[str, Any]) -> Any: ...

    def make_constraints(self, must_link: Sequence[tuple[str, str]],
                         cannot_link: Sequence[tuple[str, str]]) -> Any: ...

    def block_keys(self, ref: Any) -> list[str]: ...

    def build_events(self, refs: list[Any], constraints: Any, options: Options) -> list[Event]: ...


@dataclass
class ModuleClusterer:
    """The project's clusterer, ``reportedly.cluster``, adapted to the store."""

    module: Any = field(default=None)

    def __post_init__(self) -> None:
        if self.module is None:
            import reportedly.cluster as module

            self.module = module

    def claim_features(self, result: DocumentResult, claim_ids: Sequence[str],
                       options: Options) -> list[dict[str, Any]]:
        refs = self.module.claim_refs(result, options)
        out = []
        for ref, cid in zip(refs, claim_ids, strict=True):
            d = ref.to_dict()
            d.pop("claim", None)
            d["claim_id"] = cid
            out.append(d)
        return out

    def make_ref(self, claim: Claim, claim_id: str, features: dict[str, Any]) -> Any:
        ref = self.module.ClaimRef.from_dict({**features, "claim": {"kind": claim.kind, "value": claim.value},
                                              "claim_id": claim_id})
        ref.claim = claim
        return ref

    def make_constraints(self, must_link: Sequence[tuple[str, str]],
                         cannot_link: Sequence[tuple[str, str]]) -> Any:
        return self.module.Constraints.of(must_link, cannot_link)

    def block_keys(self, ref: Any) -> list[str]:
        return index_keys(self.module.block_keys(ref))

    @property
    def blocks_version(self) -> str:
        """Changes whenever :meth:`block_keys` does (the ledger then rewrites stored keys)."""
        return str(getattr(self.module, "BLOCKS_VERSION", 1))

    def build_events(self, refs: list[Any], constraints: Any, options: Options) -> list[Event]:
        return list(self.module.build_events(refs, constraints, options))


# A block key ending in this mark is passive (reportedly.cluster.PASSIVE): its claim is found
# by the claims holding the key without the mark, and passive claims never meet each other.
PASSIVE = "~"
# Longest key kept (without its mark; the column holds 200 characters).
MAX_KEY = 190


def index_keys(keys: Iterable[str]) -> list[str]:
    """The clusterer's keys as the ledger indexes them: each once, cut to ``MAX_KEY``
    characters before the passive mark (so both forms of a key are cut alike).

    A key ending in ``PASSIVE`` is passive: candidates of a claim are the claims holding any of
    its active keys (marked or not), and the claims holding its passive keys unmarked (see
    :func:`lookup_keys`). So a day claim waits in its place's month, year and late-report
    buckets for coarse and late claims, without meeting every day claim of its place there.
    """
    out: dict[str, None] = {}
    for k in keys:
        mark = PASSIVE if k.endswith(PASSIVE) else ""
        out[k[:len(k) - len(mark)][:MAX_KEY] + mark] = None
    return list(out)


def lookup_keys(keys: Iterable[str]) -> list[str]:
    """The stored keys whose holders are candidates of a claim with these (indexed) keys: an
    active key finds itself and its passive form, a passive key only its active form."""
    out: dict[str, None] = {}
    for k in keys:
        if k.endswith(PASSIVE):
            out[k[:-len(PASSIVE)]] = None
        else:
            out[k] = None
            out[k + PASSIVE] = None
    return list(out)


def default_clusterer() -> Clusterer | None:
    """``reportedly.cluster`` when it is installed, else None (claims are stored unclustered)."""
    try:
        return ModuleClusterer()
    except ImportError:
        return None


def event_record(event: Event) -> dict[str, Any]:
    """The JSON record kept in ``events.record``."""
    return event.to_dict()


def member_ids(event: Event) -> list[str]:
    return sorted({c.claim_id for c in event.claims})


def cell_of(lat: float | None, lon: float | None) -> str | None:
    """A 1-degree grid cell, for map queries."""
    if lat is None or lon is None:
        return None
    return f"{math.floor(lat)}:{math.floor(lon)}"


def _range(record: dict[str, Any], kind: str) -> dict[str, Any]:
    fat = (record.get("fatalities") or {}).get(kind) or {}
    return fat if isinstance(fat, dict) else {}


def event_row(event: Event) -> dict[str, Any]:
    """The flat, indexed columns of an event plus its full record."""
    record = event_record(event)
    loc = event.location
    killed, injured = _range(record, "killed"), _range(record, "injured")
    lat = loc.lat if loc else None
    lon = loc.lon if loc else None
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "place": loc.name if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "lat": lat,
        "lon": lon,
        "geo_precision": loc.precision if loc else None,
        "cell": cell_of(lat, lon),
        "date_start": event.date_start,
        "date_end": event.date_end or event.date_start,
        "date_precision": event.precision,
        "status": event.status,
        "aggregate": bool(event.aggregate),
        "killed_low": killed.get("low"),
        "killed_best": killed.get("best"),
        "killed_high": killed.get("high"),
        "injured_low": injured.get("low"),
        "injured_best": injured.get("best"),
        "injured_high": injured.get("high"),
        "number_of_sources": int(event.number_of_sources),
        "n_claims": len(event.claims),
        "n_documents": len(set(event.doc_ids) or {c.doc_id for c in event.claims}),
        "record": record,
    }


def chunks(items: Iterable[Any], size: int = 500) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
