from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="reportedly",
    help="Turn news reports of violence into an evidence ledger of attributed casualty claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def warn(message: str) -> None:
    """A message for the user, on standard error."""
    typer.echo(message, err=True)


def progress(iterable, *, total: int | None = None, quiet: bool = False, desc: str = "documents"):  # type: ignore[no-untyped-def]
    """A progress bar on standard error, unless quiet or not a terminal run of many items."""
    if quiet:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="doc", file=sys.stderr,
                disable=None if total is None else total <= 1)


def warn_error(name: str, code: str, message: str) -> None:
    """One input problem, naming the document once (messages often begin with its name)."""
    warn(f"{code}: {message if message.startswith(name) else f'{name}: {message}'}")
