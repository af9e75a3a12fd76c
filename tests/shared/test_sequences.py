import asyncio

import pytest

from shared import mongo
from shared.sequences import SequenceAllocator

pytestmark = pytest.mark.infra


async def test_fifty_concurrent_allocations_give_fifty_distinct_consecutive_numbers(infra, namespace):
    """Five allocators with their own locks stand for five processes: only the unique key keeps them apart."""
    client = mongo.connect(infra.mongo_url)
    collection = client[f"{namespace}_seq"]["sequences"]
    allocators = [SequenceAllocator(collection) for _ in range(5)]
    await allocators[0].ensure_indexes()
    numbers = await asyncio.gather(*(allocators[i % 5].allocate("110108", owner=i) for i in range(50)))
    await client.close()
    assert sorted(numbers) == list(range(1, 51))


async def test_scopes_count_separately(infra, namespace):
    client = mongo.connect(infra.mongo_url)
    allocator = SequenceAllocator(client[f"{namespace}_seq"]["sequences"])
    assert [await allocator.allocate(s) for s in ("110101", "110102", "110101")] == [1, 1, 2]
    await client.close()


async def test_a_released_number_is_handed_out_again_before_the_next_one(infra, namespace):
    client = mongo.connect(infra.mongo_url)
    allocator = SequenceAllocator(client[f"{namespace}_seq"]["sequences"])
    await allocator.ensure_indexes()
    first, refused = await allocator.allocate("110108", owner="a"), await allocator.allocate("110108", owner="b")
    await allocator.release("110108", refused)
    assert [await allocator.allocate("110108", owner=o) for o in "cd"] == [refused, refused + 1]
    owners = {d["n"]: d["owner"] async for d in client[f"{namespace}_seq"]["sequences"].find({})}
    await client.close()
    assert owners == {first: "a", refused: "c", refused + 1: "d"}


async def test_a_claimed_number_is_held_once_and_allocation_skips_it(infra, namespace):
    """An imported certificate's number: claimed once; new numbers continue after the highest one claimed (the
    numbers below it belong to the earlier register, issued or not)."""
    client = mongo.connect(infra.mongo_url)
    allocator = SequenceAllocator(client[f"{namespace}_seq"]["sequences"])
    await allocator.ensure_indexes()
    assert await allocator.claim("110101", 2, owner="imported") is True
    assert await allocator.claim("110101", 2, owner="again") is False
    assert [await allocator.allocate("110101") for _ in range(2)] == [3, 4]
    await client.close()
