"""The one aggregate repository against the real database: codec round trip, derived query fields, the 409 a
unique index becomes, pages."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from shared.concurrency import KeyedLock
from shared.errors import Conflict, NotFound
from shared.mongo import connect
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore
from shared.usecase import change


@dataclass(frozen=True)
class Unit:
    id: str
    uscc: str
    since: date
    capital: Decimal


CODEC = Codec.of(Unit, derived=lambda unit: {"uscc_key": unit.uscc}, derived_fields=("uscc_key",))


@pytest.fixture
async def units(infra, namespace):
    client = connect(infra.mongo_url)
    db = client[f"{namespace}_repo"]
    repository = AggregateRepository(AggregateStore(db["units"], db["outbox"], KeyedLock(), source="/t"), CODEC,
                                     what="unit", indexes=[("uscc_key", {"unique": True}), "since"],
                                     duplicate=lambda unit: Conflict(f"USCC {unit.uscc} is taken"))
    await repository.ensure_indexes()
    yield repository
    await client.close()


async def test_an_aggregate_comes_back_as_it_went_in_and_its_query_fields_stay_in_the_document(units):
    unit = Unit("u1", "91110000000000000X", date(2026, 3, 2), Decimal("100.50"))
    await units.add(unit)
    assert await units.get("u1") == unit
    loaded, meta = await units.load("u1")
    assert loaded == unit and meta.rev == 1
    assert (await units.collection.find_one({"uscc_key": unit.uscc}))["_id"] == "u1"


async def test_a_second_unit_with_the_same_key_is_the_declared_409(units):
    await units.add(Unit("u1", "K", date(2026, 1, 1), Decimal(1)))
    with pytest.raises(Conflict, match="USCC K is taken"):
        await units.add(Unit("u2", "K", date(2026, 1, 1), Decimal(1)))


async def test_change_goes_through_the_repository_and_pages_count_everything(units):
    for n in range(5):
        await units.add(Unit(f"u{n}", f"K{n}", date(2026, 1, 1 + n), Decimal(n)))
    await change(units, "u3", lambda unit: (Unit(unit.id, unit.uscc, unit.since, Decimal(99)), []), what="unit")
    page = await units.page({}, page=2, size=2)
    assert [u.id for u in page.items] == ["u2", "u3"] and page.total == 5 and page.items[1].capital == 99
    with pytest.raises(NotFound, match="no unit u9"):
        await change(units, "u9", lambda unit: (unit, []), what="unit")
