"""The gateway app on the real FerretDB through httpx's ASGI transport, with fake upstreams, so the gateway's own
behaviour is what is tested: one real HTTP server per service on a free port (aiohttp's), which the gateway
forwards to over TCP, and an httpx MockTransport answering the catalogue documents the gateway fetches with httpx.
Both ask the same `Upstreams.handler`, which sees an `httpx.Request` and answers an `httpx.Response`.

The gateway neither publishes nor consumes events, so only `init_db` of the lifespan is run here (the bus
connection is covered by the e2e tests)."""
from __future__ import annotations

import inspect
import json
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
import pytest
from aiohttp import web

from gateway.bootstrap import Container, bootstrap
from gateway.identity import NewUser
from gateway.main import create_app
from gateway.openapi_merge import ServiceSpecs
from gateway.settings import GatewaySettings
from shared.config import SERVICES
from tests.e2e.tokens import sign_in

PASSWORD = "correct horse battery"


def reply(status: int = 200, body: dict | None = None, headers: dict | None = None) -> httpx.Response:
    """A fake upstream response whose body is a stream, as a real service's is (the proxy streams it back)."""
    content = json.dumps(body if body is not None else {}).encode()
    return httpx.Response(status, headers={"content-type": "application/json"} | (headers or {}),
                          stream=httpx.ByteStream(content))


@dataclass
class Upstreams:
    """Fake services: `handler(request)` answers (or an awaitable of the answer); every request is recorded. A
    handler that raises `httpx.ConnectError` makes the server drop the connection without an answer."""

    handler: Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]] | None = None
    seen: list[httpx.Request] = field(default_factory=list)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.seen.append(request)
        if self.handler is not None:
            answer = self.handler(request)
            return await answer if inspect.isawaitable(answer) else answer
        if request.method == "POST":
            return reply(201, {"path": request.url.path}, {"Location": request.url.path + "/new-id"})
        return reply(200, {"path": request.url.path})

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """The same answer over real HTTP."""
        seen = httpx.Request(request.method, str(request.url), headers=list(request.raw_headers),
                             content=await request.read())
        try:
            answer = await self(seen)
        except httpx.ConnectError:
            request.transport.close()  # no status line: the gateway sees the connection dropped
            return web.Response(status=500)
        headers = [(k, v) for k, v in answer.headers.multi_items()
                   if k.lower() not in ("content-length", "transfer-encoding")]
        if "content-length" in answer.headers:  # the body as given (a gzip body stays gzip)
            return web.Response(status=answer.status_code, headers=headers, body=b"".join(answer.stream))
        streamed = web.StreamResponse(status=answer.status_code, headers=headers)  # unsized: sent chunked
        streamed.enable_chunked_encoding()
        await streamed.prepare(request)
        for chunk in answer.stream:
            await streamed.write(chunk)
        await streamed.write_eof()
        return streamed


async def _serve_every_service(upstreams: Upstreams) -> tuple[web.AppRunner, dict[str, str]]:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", upstreams.serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    urls = {}
    for name in SERVICES:
        listening = socket.create_server(("127.0.0.1", 0))
        await web.SockSite(runner, listening).start()
        urls[name] = f"http://127.0.0.1:{listening.getsockname()[1]}"
    return runner, urls


@dataclass
class Gateway:
    client: httpx.AsyncClient
    container: Container
    upstreams: Upstreams

    async def token(self, username: str, password: str = PASSWORD) -> str:
        return await sign_in(self.client, username, password)

    async def user(self, username: str, *roles: str, employer_id: str | None = None) -> str:
        await self.container.accounts.add_user(NewUser(username, PASSWORD, list(roles), employer_id))
        return await self.token(username)


@pytest.fixture
async def make_gateway(settings_for):
    built: list = []

    async def build(**overrides) -> Gateway:
        upstreams = Upstreams()
        runner, urls = await _serve_every_service(upstreams)
        common = {key: overrides.pop(key) for key in ("auth_required", "max_body_bytes") if key in overrides}
        container = bootstrap(settings_for("gateway", upstreams=urls, **common), GatewaySettings(**overrides))
        container.http = httpx.AsyncClient(transport=httpx.MockTransport(upstreams))
        container.specs = ServiceSpecs(container.upstreams, container.http, ttl=0)
        app = create_app(container)
        await container.init_db()
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gateway")
        built.append((client, container, runner))
        return Gateway(client, container, upstreams)

    yield build
    for client, container, runner in built:
        await client.aclose()
        await container.http.aclose()
        await container.forwarder.aclose()
        await container.runtime.client.close()
        await runner.cleanup()


@pytest.fixture
async def gateway(make_gateway):
    return await make_gateway()
