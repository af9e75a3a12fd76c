"""`civic audit verify`: 0 and the count for sound chains, 1 and the first bad record's position and reason."""
import asyncio

import pytest
from typer.testing import CliRunner

from shared import mongo
from shared.audit.chain import Entry
from shared.audit.keys import Keyring
from shared.audit.log import AuditLog
from shared.cli.main import app

pytestmark = pytest.mark.infra
KEY = "cli-test-audit-key-" + "z" * 20


def entry(path: str) -> Entry:
    return Entry("officer", ("registry-officer",), None, None, "token", None, "POST", path, None, 201, None, None)


@pytest.fixture
async def chains(settings_for, monkeypatch, tmp_path):
    """Two records in registry's chain, one in the gateway's; the CLI's environment points at them."""
    settings = settings_for("registry")
    for name, value in {"CIVIC_NAMESPACE": settings.namespace, "MONGO_URL": settings.mongo_url,
                        "CIVIC_AUDIT_KEY": KEY, "CIVIC_VAR_DIR": str(tmp_path / "cli-var")}.items():
        monkeypatch.setenv(name, value)
    client = mongo.connect(settings.mongo_url)
    for service, count in (("registry", 2), ("gateway", 1)):
        db = client[f"{settings.namespace}_{service}"]
        log = AuditLog(db["audit"], db["audit_checkpoints"], Keyring.of(KEY), chain=service)
        for i in range(count):
            await log.append(entry(f"/api/v1/registry/employers/E{i}"))
    yield client[f"{settings.namespace}_registry"]
    await client.close()


async def civic(*args: str):
    return await asyncio.to_thread(CliRunner().invoke, app, ["audit", *args])  # the CLI runs its own loop


async def test_sound_chains_exit_0_with_their_counts(chains):
    result = await civic("verify", "--service", "registry")
    assert result.exit_code == 0 and result.output.strip() == "registry: sound, 2 record(s)"
    every = await civic("verify", "--all")
    assert every.exit_code == 0 and "gateway: sound, 1 record(s)" in every.output
    assert "workforce: sound, 0 record(s)" in every.output


async def test_an_edited_record_exits_1_naming_its_position_and_reason(chains):
    await chains["audit"].update_one({"n": 2}, {"$set": {"status": 200}})
    result = await civic("verify", "--service", "registry", "--service", "gateway")
    assert result.exit_code == 1
    assert "registry: BROKEN at record 2: wrong mac (1 record(s) sound before it)" in result.output
    assert "gateway: sound, 1 record(s)" in result.output


async def test_a_chain_cut_before_its_checkpoint_exits_1_as_truncated(chains):
    log = AuditLog(chains["audit"], chains["audit_checkpoints"], Keyring.of(KEY), chain="registry")
    await log.checkpoint()
    await chains["audit"].delete_one({"n": 2})
    result = await civic("verify", "--service", "registry")
    assert result.exit_code == 1 and "registry: BROKEN at record 2: truncated" in result.output


async def test_another_key_than_the_one_that_sealed_the_chain_fails_it(chains, monkeypatch):
    monkeypatch.setenv("CIVIC_AUDIT_KEY", "another-key-" + "q" * 30)
    result = await civic("verify", "--service", "registry")
    assert result.exit_code == 1 and "BROKEN at record 1: unknown key" in result.output


async def test_an_unknown_process_is_refused(chains):
    result = await civic("verify", "--service", "billing")
    assert result.exit_code == 2 and "no such process: billing" in result.output


async def test_without_a_key_the_cli_says_where_one_comes_from_and_creates_none(chains, monkeypatch, tmp_path):
    monkeypatch.delenv("CIVIC_AUDIT_KEY")
    result = await civic("verify", "--service", "registry")
    assert result.exit_code == 1 and "set CIVIC_AUDIT_KEY" in result.output
    assert not (tmp_path / "cli-var" / "keys").exists()
