"""The gateway app on the real FerretDB through httpx's ASGI transport, with fake upstreams: an httpx
MockTransport that answers for the services, so the gateway's own behaviour is what is tested.

The gateway neither publishes nor consumes events, so only `init_db` of the lifespan is run here (the bus
connection is covered by the e2e tests)."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest

from gateway.bootstrap import Container, bootstrap
from gateway.identity import NewUser
from gateway.main import create_app
from gateway.openapi_merge import ServiceSpecs
from gateway.settings import GatewaySettings
from tests.e2e.tokens import sign_in

PASSWORD = "correct horse battery"


def reply(status: int = 200, body: dict | None = None, headers: dict | None = None) -> httpx.Response:
    """A fake upstream response whose body is a stream, as a real service's is (the proxy streams it back)."""
    content = json.dumps(body if body is not None else {}).encode()
    return httpx.Response(status, headers={"content-type": "application/json"} | (headers or {}),
                          stream=httpx.ByteStream(content))


@dataclass
class Upstreams:
    """Fake services: `handler(request)` answers; every request is recorded."""

    handler: Callable[[httpx.Request], httpx.Response] | None = None
    seen: list[httpx.Request] = field(default_factory=list)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.seen.append(request)
        if self.handler is not None:
            return self.handler(request)
        if request.method == "POST":
            return reply(201, {"path": request.url.path}, {"Location": request.url.path + "/new-id"})
        return reply(200, {"path": request.url.path})


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
        common = {key: overrides.pop(key) for key in ("auth_required", "max_body_bytes") if key in overrides}
        container = bootstrap(settings_for("gateway", **common), GatewaySettings(**overrides))
        container.http = httpx.AsyncClient(transport=httpx.MockTransport(upstreams))
        container.specs = ServiceSpecs(container.upstreams, container.http, ttl=0)
        app = create_app(container)
        await container.init_db()
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gateway")
        built.append((client, container))
        return Gateway(client, container, upstreams)

    yield build
    for client, container in built:
        await client.aclose()
        await container.http.aclose()
        await container.runtime.client.close()


@pytest.fixture
async def gateway(make_gateway):
    return await make_gateway()
