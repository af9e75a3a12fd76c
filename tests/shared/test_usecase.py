"""lock → load → decide → save, written once: a missing aggregate, an event applied once, an async rule."""
from dataclasses import dataclass, replace

import pytest

from shared.errors import NotFound
from shared.usecase import apply_once, change, without_events
from tests.support.fakes import InMemoryRepository


@dataclass(frozen=True)
class Counter:
    id: str
    value: int = 0


def bump(counter: Counter):
    return replace(counter, value=counter.value + 1), [f"bumped {counter.id}"]


async def test_change_saves_the_decided_state_and_its_events_in_one_save():
    counters = InMemoryRepository(Counter("c1"))
    changed = await change(counters, "c1", bump, what="counter")
    assert changed == Counter("c1", 1) and await counters.get("c1") == Counter("c1", 1)
    assert counters.saved == [["bumped c1"]]


async def test_change_of_a_missing_aggregate_is_a_404_naming_it_and_saves_nothing():
    counters = InMemoryRepository()
    with pytest.raises(NotFound, match="no counter c9"):
        await change(counters, "c9", bump, what="counter")
    assert counters.saves == 0


async def test_an_async_rule_is_awaited():
    async def decide(counter):
        return bump(counter)

    counters = InMemoryRepository(Counter("c1"))
    assert (await change(counters, "c1", decide, what="counter")).value == 1


async def test_an_event_is_applied_once_even_when_redelivered():
    counters = InMemoryRepository(Counter("c1"))
    assert await apply_once(counters, "c1", "ev-1", bump) == Counter("c1", 1)
    assert await apply_once(counters, "c1", "ev-1", bump) is None
    assert (await counters.get("c1")).value == 1 and counters.saves == 1


async def test_an_event_for_a_missing_aggregate_is_skipped_or_refused_as_asked():
    counters = InMemoryRepository()
    assert await apply_once(counters, "c1", "ev-1", bump) is None
    with pytest.raises(NotFound, match="not yet"):
        await apply_once(counters, "c1", "ev-1", bump, missing="not yet")


async def test_without_events_saves_the_change_and_announces_nothing():
    counters = InMemoryRepository(Counter("c1"))
    await change(counters, "c1", without_events(lambda c: replace(c, value=7)), what="counter")
    assert counters.saved == [[]] and (await counters.get("c1")).value == 7


async def test_a_command_that_changes_nothing_and_announces_nothing_writes_nothing():
    counters = InMemoryRepository(Counter("c1"))
    assert await change(counters, "c1", lambda c: (c, []), what="counter") == Counter("c1")
    assert counters.saves == 0


async def test_an_event_that_changed_nothing_stays_applied_when_redelivered_after_a_later_change():
    """Found by the saga state machine: the first answer was a no-op, a later one changed the aggregate, and the
    redelivered first answer must not then be decided again (it would put the older answer back)."""
    counters = InMemoryRepository(Counter("c1"))
    set_to = lambda value: lambda c: (replace(c, value=value), [])  # noqa: E731
    await apply_once(counters, "c1", "ev-1", set_to(0))  # changes nothing
    await apply_once(counters, "c1", "ev-2", set_to(5))
    assert await apply_once(counters, "c1", "ev-1", set_to(0)) is None
    assert (await counters.get("c1")).value == 5


async def test_change_or_create_creates_the_first_time_and_changes_after():
    from shared.usecase import change_or_create

    counters = InMemoryRepository()
    first = await change_or_create(counters, "c1", lambda c: bump(c or Counter("c1")))
    second = await change_or_create(counters, "c1", lambda c: bump(c or Counter("c1")))
    assert (first.value, second.value) == (1, 2) and counters.saved == [["bumped c1"], ["bumped c1"]]
