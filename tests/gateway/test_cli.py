"""`civic users add` / `civic clients add` write argon2-hashed accounts the token endpoint accepts."""
import asyncio

import pytest
import typer
from typer.testing import CliRunner

from gateway import cli as users

pytestmark = pytest.mark.infra


@pytest.fixture
def cli(settings_for, monkeypatch):
    settings = settings_for("gateway")
    monkeypatch.setenv("CIVIC_NAMESPACE", settings.namespace)
    monkeypatch.setenv("MONGO_URL", settings.mongo_url)
    app = typer.Typer()
    app.add_typer(users.users_app, name="users")
    app.add_typer(users.clients_app, name="clients")
    return lambda *args, **kw: CliRunner().invoke(app, list(args), **kw)


async def test_users_add_then_sign_in(cli, gateway, monkeypatch):
    monkeypatch.setenv("CIVIC_NAMESPACE", gateway.container.runtime.settings.namespace)
    result = await asyncio.to_thread(cli, "users", "add", "emp1", "--role", "employer-user", "--employer-id",
                                     "E-9", input="long enough pw\nlong enough pw\n")  # the CLI runs its own loop
    assert result.exit_code == 0, result.output
    token = await gateway.token("emp1", "long enough pw")
    assert token.count(".") == 2


def test_users_add_refuses_an_employer_user_without_employer(cli):
    result = cli("users", "add", "emp2", "--role", "employer-user", input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 1 and "employer_id" in result.output


def test_clients_add_prints_a_secret_once(cli):
    result = cli("clients", "add", "tax-bureau", "--scope", "events:read")
    assert result.exit_code == 0 and "secret (shown once): " in result.output
    assert len(result.output.split("secret (shown once): ")[1].strip()) >= 40
