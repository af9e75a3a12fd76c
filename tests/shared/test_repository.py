"""The one aggregate repository against the real database: codec round trip, derived query fields, the 409 a
unique index becomes, pages."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from pymongo import monitoring

from shared.concurrency import KeyedLock
from shared.errors import Conflict, NotFound
from shared.events import AccountOpened
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


class FindsSent(monitoring.CommandListener):
    """pymongo's command monitoring: the `find` commands this client sent, as the server received them."""

    def __init__(self) -> None:
        self.finds: list[dict] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name == "find":
            self.finds.append(dict(event.command))

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


@pytest.fixture
def sent() -> FindsSent:
    return FindsSent()


@pytest.fixture
async def units(infra, namespace, sent):
    client = connect(infra.mongo_url, event_listeners=[sent])
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


async def test_reads_leave_the_events_waiting_for_the_relay_and_the_applied_ids_in_the_database(units, sent):
    await units.add(Unit("u1", "K1", date(2026, 1, 1), Decimal(1)), [AccountOpened(employer_id="u1", opened_on="2026-01-01")])
    sent.finds.clear()
    assert [u.id for u in (await units.page({}, size=5)).items] == ["u1"] and await units.get("u1") is not None
    assert [find.get("projection") for find in sent.finds] == [{"_outbox": 0, "_applied": 0}] * 2
