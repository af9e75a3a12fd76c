"""AggregateStore on the real database server (FerretDB locally, MongoDB in containers)."""
import asyncio

import pytest

from shared import mongo
from shared.concurrency import KeyedLock
from shared.events import AccountOpened
from shared.store import AggregateStore, StaleWrite

pytestmark = pytest.mark.infra


@pytest.fixture
async def db(infra, namespace):
    client = mongo.connect(infra.mongo_url)
    yield client[f"{namespace}_store"]
    await client.close()


def make_store(db, locks=None):
    return AggregateStore(db["counters"], db["outbox"], locks or KeyedLock(), source="/civic/test")


async def increment(store, key):
    async with store.lock(key):
        loaded = await store.load(key)
        await store.save(key, {"n": loaded.state["n"] + 1}, loaded=loaded)


async def test_fifty_writers_times_twenty_increments_make_exactly_one_thousand(db):
    """Section 2b: FerretDB's unlocked read-modify-write would lose updates; one writer per aggregate does not."""
    store = make_store(db)
    await store.save("c", {"n": 0}, loaded=None)

    async def writer():
        for _ in range(20):
            await increment(store, "c")

    await asyncio.gather(*(writer() for _ in range(50)))
    loaded = await store.load("c")
    assert loaded.state["n"] == 1000 and loaded.rev == 1001


async def test_a_write_from_a_stale_read_is_refused_not_lost(db):
    store = make_store(db)
    await store.save("c", {"n": 0}, loaded=None)
    first, second = await store.load("c"), await store.load("c")
    await store.save("c", {"n": 1}, loaded=first)
    with pytest.raises(StaleWrite):
        await store.save("c", {"n": 99}, loaded=second)
    assert (await store.load("c")).state["n"] == 1


async def test_events_travel_in_the_same_document_announced_by_a_marker_of_their_write(db):
    store = make_store(db)
    event = AccountOpened(employer_id="c", opened_on="2026-11-20")
    [envelope] = await store.save("c", {"n": 0}, [event], loaded=None)
    loaded = await store.load("c")
    assert [e["id"] for e in loaded.outbox] == [envelope.id] and loaded.outbox[0]["subject"] == "c"
    [marker] = await db["outbox"].find({"aggregate_id": "c"}).to_list(None)
    assert marker["rev"] == 1 and marker["events"] == [envelope.id] and marker["collection"] == "counters"
    await db["outbox"].delete_many({})  # what the relay does once the broker confirmed
    assert (await store.load("c")).outbox == []
    loaded = await store.load("c")
    await store.save("c", {"n": 1}, loaded=loaded)  # the next write prunes what was published
    assert (await db["counters"].find_one({"_id": "c"}))["_outbox"] == []


async def test_a_refused_write_takes_its_marker_back(db):
    store = make_store(db)
    event = AccountOpened(employer_id="c", opened_on="2026-11-20")
    await store.save("c", {"n": 0}, loaded=None)
    stale = await store.load("c")
    await store.save("c", {"n": 1}, loaded=await store.load("c"))
    with pytest.raises(StaleWrite):
        await store.save("c", {"n": 2}, [event], loaded=stale)
    with pytest.raises(mongo.DuplicateKeyError):
        await store.save("c", {"n": 0}, [event], loaded=None)
    assert await db["outbox"].count_documents({}) == 0


async def test_insert_many_writes_each_aggregate_with_its_event_and_marker_and_names_the_refused(db):
    store = make_store(db)
    await db["counters"].create_index("code", unique=True)
    await store.save("a0", {"code": "X"}, loaded=None)
    opened = AccountOpened(employer_id="e", opened_on="2026-11-20")
    records = [(f"a{i}", {"code": f"C{i}"}, [opened]) for i in range(1, 5)] + [("dup", {"code": "X"}, [opened])]
    refused = await store.insert_many(records, chunk=2)
    assert refused == {4}
    loaded = await store.load("a3")
    assert loaded.rev == 1 and [e["type"] for e in loaded.outbox] == [AccountOpened.type]
    markers = {m["aggregate_id"] async for m in db["outbox"].find()}
    assert markers == {"a1", "a2", "a3", "a4"} and await store.load("dup") is None
