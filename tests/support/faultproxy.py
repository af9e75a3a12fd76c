"""A TCP fault proxy on 127.0.0.1: forwards to one upstream, with latency and connection resets on demand.

It runs its own event loop in a thread, so it keeps forwarding while the test blocks (starting processes,
waiting on subprocesses). The test steers it from any thread:

    with FaultProxy(5672) as proxy:            # amqp://…@127.0.0.1:{proxy.port}/ instead of the broker's port
        proxy.latency = 0.2                    # seconds added to every chunk, both directions, order kept
        proxy.reset_all()                      # RST every open connection (SO_LINGER 0), now
        proxy.refusing = True                  # new connections are reset at once, until set back to False
"""
from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

CHUNK = 64 * 1024


@dataclass(eq=False)  # identity: a link is kept in a set
class _Link:
    """One client connection and its upstream connection."""

    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter
    tasks: list[asyncio.Task] = field(default_factory=list)


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.latency = 0.0
        self.refusing = False
        self.accepted = 0
        self.resets = 0
        self.port = 0
        self._links: set[_Link] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy", daemon=True)
        self._server: asyncio.base_events.Server | None = None

    def start(self) -> "FaultProxy":
        self._thread.start()
        self._server = self._call(self._listen())
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        self._call(self._close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def reset_all(self) -> int:
        """Abort every open connection with a TCP reset, both sides; returns how many were cut."""
        return self._call(self._reset_all())

    @property
    def open_links(self) -> int:
        return len(self._links)

    def __enter__(self) -> "FaultProxy":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _call(self, coro, timeout: float = 10.0):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _listen(self) -> asyncio.base_events.Server:
        return await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def _close(self) -> None:
        self._server.close()
        await self._reset_all()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        if self.refusing:
            _abort(writer)
            self.resets += 1
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            _abort(writer)
            return
        link = _Link(writer, up_writer)
        self._links.add(link)
        link.tasks = [asyncio.create_task(self._pipe(reader, up_writer, link)),
                      asyncio.create_task(self._pipe(up_reader, writer, link))]
        await asyncio.gather(*link.tasks, return_exceptions=True)
        self._drop(link)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: _Link) -> None:
        """Copy one direction; each chunk is held `latency` seconds after it arrived (a queue keeps the order)."""
        queue: asyncio.Queue = asyncio.Queue()
        delivery = asyncio.create_task(self._deliver(queue, writer))
        try:
            while data := await reader.read(CHUNK):
                queue.put_nowait((time.monotonic() + self.latency, data))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait(None)
        try:
            await delivery
        finally:
            self._drop(link)

    @staticmethod
    async def _deliver(queue: asyncio.Queue, writer: asyncio.StreamWriter) -> None:
        try:
            while (item := await queue.get()) is not None:
                due, data = item
                if (wait := due - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass

    async def _reset_all(self) -> int:
        links = list(self._links)
        for link in links:
            _abort(link.client)
            _abort(link.upstream)
            self._links.discard(link)
        self.resets += len(links)
        return len(links)

    def _drop(self, link: _Link) -> None:
        """One side ended: end the other too (an orderly close, unless already aborted)."""
        if link in self._links:
            self._links.discard(link)
            for writer in (link.client, link.upstream):
                if not writer.is_closing():
                    writer.close()


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with RST rather than FIN: SO_LINGER on, timeout 0."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()
