"""The evidence ledger (SQLAlchemy Core + Alembic): see :class:`reportedly.store.ledger.Ledger`."""

from reportedly.store.events import Clusterer, DocMeta, ModuleClusterer
from reportedly.store.ledger import (
    DEFAULT_URL,
    EventFilter,
    IngestReport,
    Ledger,
    LedgerError,
    NotFound,
    haversine_km,
    ledger_url,
)
from reportedly.store.rows import CORRECTABLE, CorrectionError

__all__ = [
    "CORRECTABLE", "DEFAULT_URL", "Clusterer", "CorrectionError", "DocMeta", "EventFilter", "IngestReport",
    "Ledger", "LedgerError", "ModuleClusterer", "NotFound", "haversine_km", "ledger_url",
]
