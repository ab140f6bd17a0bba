"""Reading documents from files. Owned by the ingest work."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from reportedly.model import Document
from reportedly.options import Options


def read_paths(paths: Sequence[str], options: Options) -> Iterator[Document]:
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            text = f.read_text(encoding="utf-8")
            title, _, _ = text.partition("\n")
            yield Document(text=text, title=title.strip() or None, path=str(f),
                           published=options.published)
