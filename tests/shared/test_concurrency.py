import asyncio

from shared.concurrency import KeyedLock


async def test_one_holder_per_key_and_no_leftover_locks():
    locks, inside, most = KeyedLock(), 0, 0

    async def work(key):
        nonlocal inside, most
        async with locks.hold(key):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.001)
            inside -= 1

    await asyncio.gather(*(work("a") for _ in range(20)))
    assert most == 1 and len(locks) == 0


async def test_different_keys_do_not_wait_for_each_other():
    locks = KeyedLock()
    async with locks.hold("a"):
        await asyncio.wait_for(_enter(locks, "b"), timeout=1)


async def _enter(locks, key):
    async with locks.hold(key):
        return True
