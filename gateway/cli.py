"""`civic users add …` and `civic clients add …` — accounts in the gateway's own collections; `civic keys new` —
the signing key gateway replicas share (a Kubernetes Secret).

Mounted as `civic users` / `civic clients` through the `civic.cli` entry points in pyproject.toml. Uses the gateway's settings (`CIVIC_NAMESPACE`, `MONGO_URL`).
"""
from __future__ import annotations

import asyncio

import typer

from gateway.identity import Accounts, NewClient, NewUser, new_secret
from gateway.keys import new_private_pem
from shared import mongo
from shared.auth import ROLES
from shared.config import load_settings
from shared.errors import DomainError

users_app = typer.Typer(help="People who sign in: officers, employer staff, auditors, ops.", no_args_is_help=True)
clients_app = typer.Typer(help="Department systems (client-credentials grant).", no_args_is_help=True)
keys_app = typer.Typer(help="The gateway's token-signing key.", no_args_is_help=True)


async def _with_accounts(action) -> None:
    settings = load_settings("gateway")
    client = mongo.connect(settings.mongo_url)
    try:
        db = client[settings.database_name]
        accounts = Accounts(db["users"], db["clients"])
        await accounts.ensure_indexes()
        await action(accounts)
    finally:
        await client.close()


def _run(action) -> None:
    try:
        asyncio.run(_with_accounts(action))
    except DomainError as exc:
        details = "; ".join(f"{e.field}: {e.message}" for e in exc.errors) or exc.detail
        typer.echo(f"refused: {details}", err=True)
        raise typer.Exit(1) from None


@users_app.command("add")
def add_user(username: str,
             role: list[str] = typer.Option(..., "--role", help=f"repeatable; one of {', '.join(sorted(ROLES))}"),
             employer_id: str = typer.Option(None, help="required for (and only for) employer-user"),
             password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True)) -> None:
    """Add a user; the password is stored as an argon2 hash only."""
    _run(lambda accounts: accounts.add_user(NewUser(username, password, role, employer_id)))
    typer.echo(f"user {username} added with roles {', '.join(role)}")


@clients_app.command("add")
def add_client(client_id: str, scope: list[str] = typer.Option([], "--scope", help="repeatable, e.g. events:read"),
               name: str = typer.Option("", help="the department's name")) -> None:
    """Add a department system; its secret is generated and printed once."""
    secret = new_secret()
    _run(lambda accounts: accounts.add_client(NewClient(client_id, secret, scope, name)))
    typer.echo(f"client {client_id} added; secret (shown once): {secret}")


@keys_app.command("new")
def new_key() -> None:
    """Print a new Ed25519 signing key (PEM) for the gateway replicas' Secret, e.g.
    `kubectl create secret generic civic-gateway-key --from-file=gateway-signing.pem=<(civic keys new)`."""
    typer.echo(new_private_pem().decode(), nl=False)
