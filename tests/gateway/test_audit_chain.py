"""Audit records chained by SHA-256: an edited, removed or reordered record is detected."""
from datetime import datetime, timezone

import pytest

from gateway.audit import GENESIS, AuditLog, Entry, chain_record, verify_chain
from shared.auth import Role

AT = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)


def entry(path: str = "/api/v1/registry/employers", status: int = 201, subject: str = "officer") -> Entry:
    return Entry(subject, (Role.REGISTRY_OFFICER,), None, "10.0.0.1", "POST", path, None, status, "t" * 32, "r-1")


def chain(n: int) -> list[dict]:
    records, prev = [], GENESIS
    for i in range(1, n + 1):
        records.append(chain_record(entry(f"/api/v1/registry/employers/E{i}"), i, prev, AT))
        prev = records[-1]["hash"]
    return records


def test_an_untouched_chain_verifies():
    assert verify_chain(chain(5)).ok and verify_chain(chain(5)).checked == 5


def test_an_edited_field_is_detected_at_its_position():
    records = chain(5)
    records[2]["subject"] = "somebody-else"
    result = verify_chain(records)
    assert not result.ok and result.broken_at == 3 and result.reason == "content changed"


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link():
    from gateway.audit import record_hash
    records = chain(5)
    records[2]["status"] = 500
    records[2]["hash"] = record_hash(records[2])
    result = verify_chain(records)
    assert not result.ok and result.broken_at == 4 and result.reason == "broken link"


def test_a_removed_record_is_detected():
    records = chain(5)
    del records[1]
    assert verify_chain(records).reason == "position gap"


def test_outcome_follows_the_status():
    assert chain_record(entry(status=201), 1, GENESIS, AT)["outcome"] == "success"
    assert chain_record(entry(status=422), 1, GENESIS, AT)["outcome"] == "failure"


@pytest.mark.infra
async def test_a_record_edited_in_the_database_is_detected(settings_for):
    from shared import mongo
    settings = settings_for("gateway")
    client = mongo.connect(settings.mongo_url)
    audit = AuditLog(client[settings.database_name]["audit"])
    await audit.ensure_indexes()
    for i in range(1, 6):
        await audit.append(entry(f"/api/v1/registry/employers/E{i}"))
    assert (await audit.verify()).ok
    await client[settings.database_name]["audit"].update_one({"n": 3}, {"$set": {"subject": "intruder"}})
    result = await audit.verify()
    await client.close()
    assert not result.ok and result.broken_at == 3


@pytest.mark.infra
async def test_two_writers_on_one_collection_keep_one_unbroken_chain(settings_for):
    import asyncio

    from shared import mongo
    settings = settings_for("gateway")
    client = mongo.connect(settings.mongo_url)
    collection = client[settings.database_name]["audit"]
    first, second = AuditLog(collection), AuditLog(collection)  # two replicas: separate in-process locks
    await first.ensure_indexes()
    await asyncio.gather(*(log.append(entry(f"/p/{i}")) for i in range(10) for log in (first, second)))
    result = await first.verify()
    count = await collection.count_documents({})
    await client.close()
    assert result.ok and result.checked == 20 and count == 20
