"""Turning the paths a user gives into a stream of input files.

A path is a local file, a local directory (read recursively, hidden entries and unknown
extensions skipped), a glob (``news/**/*.html``), or a remote URL that fsspec can open
(``s3://bucket/prefix/``, ``https://host/file.jsonl``) when its filesystem package is installed;
a single ``http(s)://`` page or file is fetched with the standard library otherwise.
Nothing is read here: each :class:`Source` opens its file when a reader asks for it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

# File name extension -> input kind. ``.gz`` may follow any of them.
KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}


@dataclass
class Source:
    """One input file, not yet opened."""

    name: str  # the local path or URL, as messages and ``Document.path`` give it
    opener: Callable[[], IO[bytes]] | None = None
    size: int | None = None  # bytes on disk, when cheap to know
    explicit: bool = False  # named by the user (so an unknown type is an error, not skipped)
    error: str | None = None  # why it cannot be read at all

    def open(self) -> IO[bytes]:
        if self.opener is None:
            raise OSError(self.error or f"{self.name}: cannot be opened")
        return self.opener()


def kind_of(name: str) -> tuple[str | None, bool]:
    """The input kind a file name announces, and whether it is gzipped."""
    base = name.rsplit("/", 1)[-1].split("?", 1)[0].split("#", 1)[0].lower()
    gz = base.endswith(".gz")
    if gz:
        base = base[:-3]
    dot = base.rfind(".")
    ext = base[dot:] if dot > 0 else ""
    return KINDS.get(ext), gz


def is_remote(path: str) -> bool:
    return "://" in path


def has_magic(path: str) -> bool:
    return glob.has_magic(path)


def expand(path: str) -> Iterator[Source]:
    """The input files one user-given path stands for, in a stable (sorted) order."""
    if is_remote(path):
        yield from _expand_remote(path)
    elif os.path.isdir(path):
        yield from _walk(path)
    elif os.path.exists(path):
        yield _local(path, explicit=True)
    elif has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield Source(path, explicit=True, error=f"{path}: no file matches this pattern")
        for m in matches:
            if os.path.isdir(m):
                yield from _walk(m)
            elif kind_of(m)[0] is not None:
                yield _local(m)
    else:
        yield Source(path, explicit=True, error=f"{path}: no such file or directory")


def _local(path: str, explicit: bool = False) -> Source:
    try:
        size: int | None = os.path.getsize(path)
    except OSError:
        size = None
    return Source(path, opener=lambda: open(path, "rb"), size=size, explicit=explicit)


def _walk(root: str) -> Iterator[Source]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if fn.startswith(".") or kind_of(fn)[0] is None:
                continue
            yield _local(os.path.join(dirpath, fn))


# Packages that fsspec needs for common protocols, for a helpful message.
_FS_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs",
                "http": "aiohttp", "https": "aiohttp", "sftp": "paramiko", "hf": "huggingface_hub"}


def _expand_remote(url: str) -> Iterator[Source]:
    protocol = url.split("://", 1)[0].lower()
    try:
        from fsspec.core import url_to_fs

        fs, root = url_to_fs(url)
    except ImportError as exc:
        if protocol in ("http", "https") and not has_magic(url):
            yield _urllib_file(url)  # one page or file: the standard library can fetch it
            return
        pkg = _FS_PACKAGES.get(protocol)
        hint = f"install the '{pkg}' package" if pkg else "install the fsspec filesystem package for it"
        yield Source(url, explicit=True, error=f"{url}: cannot read {protocol}:// paths here ({exc}); {hint}")
        return
    except (ValueError, OSError) as exc:
        yield Source(url, explicit=True, error=f"{url}: cannot read {protocol}:// paths: {exc}")
        return
    try:
        if has_magic(root):
            names = sorted(fs.glob(root))
            if not names:
                yield Source(url, explicit=True, error=f"{url}: no file matches this pattern")
            for n in names:
                if fs.isdir(n):
                    yield from _remote_dir(fs, n)
                elif kind_of(n)[0] is not None:
                    yield _remote_file(fs, n)
        elif fs.isdir(root):
            yield from _remote_dir(fs, root)
        elif fs.exists(root):
            yield _remote_file(fs, root, explicit=True, name=url)
        else:
            yield Source(url, explicit=True, error=f"{url}: no such file or directory")
    except (OSError, ValueError) as exc:
        yield Source(url, explicit=True, error=f"{url}: cannot be listed: {exc}")


def _remote_dir(fs: Any, root: str) -> Iterator[Source]:
    for n in sorted(fs.find(root)):
        base = n.rsplit("/", 1)[-1]
        if base.startswith(".") or kind_of(n)[0] is None:
            continue
        yield _remote_file(fs, n)


def _remote_file(fs: Any, path: str, explicit: bool = False, name: str | None = None) -> Source:
    def opener() -> IO[bytes]:
        fh: IO[bytes] = fs.open(path, "rb")
        return fh

    size = None
    try:
        size = fs.size(path)
    except (OSError, ValueError, NotImplementedError):
        pass
    return Source(name or fs.unstrip_protocol(path), opener=opener, size=size, explicit=explicit)


USER_AGENT = "reportedly (+https://pypi.org/project/reportedly)"
HTTP_TIMEOUT = 30


def _urllib_file(url: str) -> Source:
    """An http(s) URL fetched with urllib, for when fsspec's HTTP filesystem (aiohttp) is absent."""

    def opener() -> IO[bytes]:
        from urllib.request import Request, urlopen

        response: IO[bytes] = urlopen(Request(url, headers={"User-Agent": USER_AGENT}), timeout=HTTP_TIMEOUT)
        return response

    return Source(url, opener=opener, explicit=True)
