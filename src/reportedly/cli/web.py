"""`reportedly serve` (the web app) and `reportedly user` (reviewer accounts)."""

from __future__ import annotations

import sys

import typer

from reportedly.cli._app import app, warn

user_app = typer.Typer(help="Reviewer accounts of the web app.", no_args_is_help=True)
app.add_typer(user_app, name="user")

DB_HELP = "Ledger: a SQLAlchemy URL (sqlite:///x.db, postgresql+psycopg://...) or a SQLite file path."


@app.command()
def serve(
    db: str = typer.Option("reportedly.db", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    anonymous_read: bool = typer.Option(True, "--anonymous-read/--no-anonymous-read",
                                        help="Let visitors who are not signed in read the ledger."),
    tiles: str | None = typer.Option(None, "--tiles", help="Online map tiles URL ({z}/{x}/{y}); offline outline if unset."),
    tiles_attribution: str = typer.Option("", "--tiles-attribution", help="Attribution shown for --tiles."),
    https_only: bool = typer.Option(False, "--https-only", help="Send the session cookie over HTTPS only."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the web app and JSON API over a ledger."""
    import uvicorn

    from reportedly.store.ledger import ledger_url
    from reportedly.web import WebSettings, create_app

    if tiles is not None and not (tiles.startswith("https://") or tiles.startswith("http://")):
        raise typer.BadParameter("expected an http(s) URL with {z}, {x} and {y}", param_hint="--tiles")
    settings = WebSettings(anonymous_read=anonymous_read, tiles_url=tiles, tiles_attribution=tiles_attribution,
                           https_only=https_only)
    application = create_app(ledger_url(db), settings)
    warn(f"reportedly: serving {ledger_url(db)} on http://{host}:{port}/ "
         f"({'anonymous reading allowed' if anonymous_read else 'sign-in required to read'})")
    uvicorn.run(application, host=host, port=port, log_level=log_level)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="User name (letters, digits, . _ @ -)."),
    db: str = typer.Option("reportedly.db", "--db", help=DB_HELP),
    role: str = typer.Option("reviewer", "--role", help="reviewer or admin (admins may undo anyone's actions)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create a reviewer account (the password is hashed with Argon2id)."""
    from reportedly.store.ledger import Ledger
    from reportedly.web.accounts import AccountError, add_user, check_name
    from reportedly.web.passwords import PasswordError

    try:
        check_name(name)
    except AccountError as exc:
        raise typer.BadParameter(str(exc), param_hint="NAME") from exc
    password = _read_password(password_stdin)
    ledger = Ledger.open(db)
    try:
        user = add_user(ledger.engine, name, password, role=role)
    except (AccountError, PasswordError) as exc:
        warn(f"error: {exc}")
        raise typer.Exit(1) from exc
    finally:
        ledger.close()
    typer.echo(f"added {user.role} {user.name}")


@user_app.command("passwd")
def user_passwd(
    name: str = typer.Argument(..., help="User name."),
    db: str = typer.Option("reportedly.db", "--db", help=DB_HELP),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Set a new password for an account."""
    from reportedly.store.ledger import Ledger
    from reportedly.web.accounts import AccountError, set_password
    from reportedly.web.passwords import PasswordError

    password = _read_password(password_stdin)
    ledger = Ledger.open(db)
    try:
        set_password(ledger.engine, name, password)
    except (AccountError, PasswordError) as exc:
        warn(f"error: {exc}")
        raise typer.Exit(1) from exc
    finally:
        ledger.close()
    typer.echo(f"password changed for {name}")


@user_app.command("list")
def user_list(db: str = typer.Option("reportedly.db", "--db", help=DB_HELP)) -> None:
    """List accounts."""
    from reportedly.store.ledger import Ledger
    from reportedly.web.accounts import list_users

    ledger = Ledger.open(db)
    try:
        for u in list_users(ledger.engine):
            typer.echo(f"{u.name}\t{u.role}")
    finally:
        ledger.close()
