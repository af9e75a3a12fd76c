"""The audit chain in a real database (FerretDB locally): appends from racing replicas, checkpoints, and what
verification says after the database was tampered with."""
import asyncio

import pytest

from shared import mongo
from shared.audit import log as audit_log
from shared.audit.chain import Entry
from shared.audit.keys import Keyring
from shared.audit.log import AuditLog

pytestmark = pytest.mark.infra
KEYS = Keyring.of("test-audit-key-" + "x" * 20)


def entry(path: str) -> Entry:
    return Entry("officer", ("registry-officer",), None, None, "token", "10.0.0.1", "POST", path, None, 201,
                 None, None)


@pytest.fixture
async def database(settings_for):
    settings = settings_for("registry")
    client = mongo.connect(settings.mongo_url)
    yield client[settings.database_name]
    await client.close()


def audit_of(db) -> AuditLog:
    return AuditLog(db["audit"], db["audit_checkpoints"], KEYS, chain="registry")


async def filled(db, count: int) -> AuditLog:
    audit = audit_of(db)
    await audit.ensure_indexes()
    for i in range(1, count + 1):
        await audit.append(entry(f"/api/v1/registry/employers/E{i}"))
    return audit


async def test_a_record_edited_in_the_database_is_named(database):
    audit = await filled(database, 5)
    assert (await audit.verify()).ok
    await database["audit"].update_one({"n": 3}, {"$set": {"subject": "intruder"}})
    result = await audit.verify()
    assert (result.ok, result.checked, result.broken_at, result.reason) == (False, 2, 3, "wrong mac")


async def test_the_tail_deleted_after_a_checkpoint_is_truncated(database):
    audit = await filled(database, 5)
    checkpoint = await audit.checkpoint()
    assert checkpoint["n"] == 5 and (await audit.verify()).checked == 5
    await database["audit"].delete_many({"n": {"$gt": 3}})
    result = await audit.verify()
    assert (result.ok, result.checked, result.broken_at, result.reason) == (False, 3, 4, "truncated")


async def test_every_nth_position_is_checkpointed_by_its_appender(database, monkeypatch):
    monkeypatch.setattr(audit_log, "CHECKPOINT_EVERY", 2)
    await filled(database, 5)
    assert sorted(c["n"] for c in await database["audit_checkpoints"].find({}).to_list(None)) == [2, 4]


async def test_a_checkpoint_edited_in_the_database_is_forged(database):
    audit = await filled(database, 3)
    await audit.checkpoint()
    await database["audit_checkpoints"].update_one({"n": 3}, {"$set": {"n": 9}})
    result = await audit.verify()
    assert not result.ok and result.reason == "forged checkpoint" and result.broken_at == 9


async def test_two_appenders_racing_on_one_collection_keep_one_contiguous_chain(database):
    await audit_of(database).ensure_indexes()
    first, second = audit_of(database), audit_of(database)  # two replicas: separate in-process locks and heads
    await asyncio.gather(*(log.append(entry(f"/p/{i}")) for i in range(10) for log in (first, second)))
    result = await first.verify()
    positions = sorted(r["n"] for r in await database["audit"].find({}).to_list(None))
    assert result.ok and result.checked == 20 and positions == list(range(1, 21))
