"""One writer per aggregate inside a process.

FerretDB v1 runs update/findAndModify as an unlocked read-modify-write, so two concurrent writers to one
document can lose an update. Every write to an aggregate therefore happens under that aggregate's lock here,
and (for MongoDB and several replicas) with its revision in the filter.
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager


class KeyedLock:
    """An asyncio lock per key, forgotten when nobody holds or waits for it (so memory stays flat)."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
