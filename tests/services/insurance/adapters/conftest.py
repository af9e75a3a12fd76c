"""The insurance app on the real FerretDB and RabbitMQ, through httpx's ASGI transport and the app's lifespan."""
from __future__ import annotations

import contextvars
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import httpx
import pytest
from pymongo import monitoring
from stdnum.cn import ric

from services.insurance.bootstrap import Container, bootstrap
from services.insurance.domain.account import open_for
from services.insurance.main import create_app
from shared import mongo
from shared.auth import Verifier
from shared.events import EmployerRegistered
from tests.shared.test_auth import JWK, FakeJwks
from tests.support.jobs import Finished, run_job

_serial = itertools.count(1)


NEW_PERSON = {"documents": ["personal_information_form", "id_copy"]}
"""The documents of a first addition (征缴管理办法 第七条): the personal-information form and an ID copy."""


def resident_id(birth: str = "19800101") -> str:
    """A fresh resident ID with a correct check digit (python-stdnum)."""
    body = f"110105{birth}{next(_serial) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function expects a check digit place


@dataclass
class Clock:
    today: date = date(2026, 11, 10)


class CommandsSent(monitoring.CommandListener):
    """pymongo's command monitoring on the app's own client: the commands sent inside `counting()` — by the test's
    task and the tasks it starts, which serve its requests (httpx's ASGI transport calls the app in the caller's
    task). The outbox relay, the job runner and the leases run in tasks of their own, started before: left out."""

    HANDSHAKES = {"hello", "ismaster", "isMaster", "ping", "buildInfo", "endSessions"}

    def __init__(self) -> None:
        self._sent: contextvars.ContextVar[list[tuple[str, str]] | None] = contextvars.ContextVar("sent", default=None)

    @contextmanager
    def counting(self) -> Iterator[list[tuple[str, str]]]:
        """Yields the (command, collection) pairs sent until the block ends."""
        sent: list[tuple[str, str]] = []
        token = self._sent.set(sent)
        try:
            yield sent
        finally:
            self._sent.reset(token)

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        sent = self._sent.get()
        if sent is not None and event.command_name not in self.HANDSHAKES:
            command = event.command  # a getMore names its collection under "collection"
            sent.append((event.command_name, command.get("collection") or command.get(event.command_name)))

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


@dataclass
class Api:
    client: httpx.AsyncClient
    container: Container
    clock: Clock
    commands: CommandsSent | None = None  # `counted_api` only

    async def post(self, path: str, body: dict | None = None, **kw) -> httpx.Response:
        return await self.client.post(f"/api/v1/insurance{path}", json=body, **kw) if body is not None else \
            await self.client.post(f"/api/v1/insurance{path}", **kw)

    async def job(self, kind: str, body: dict, **kw) -> Finished:
        """Start a job and poll it to its end; read like the old synchronous route's answer."""
        return await run_job(self.client, "/api/v1/insurance", kind, body, **kw)

    async def get(self, path: str, **params) -> httpx.Response:
        return await self.client.get(f"/api/v1/insurance{path}", params=params)

    async def account(self, employer_id: str, method: str = "bank_debit") -> str:
        registered = EmployerRegistered(employer_id=employer_id, name=f"单位{employer_id}", uscc="91110108551385082Q",
                                        district_code="110108", registered_on=date(2026, 1, 5))
        account, events = open_for(None, registered, date(2026, 1, 5))
        await self.container.accounts.save(account, events, loaded=None)
        if method != "bank_debit":
            response = await self.client.put(f"/api/v1/insurance/accounts/{employer_id}/payment-method",
                                             json={"payment_method": method})
            assert response.status_code == 200, response.text
        return employer_id

    async def member(self, employer_id: str, on: str = "2026-10-10") -> str:
        rid = resident_id()
        response = await self.post(f"/accounts/{employer_id}/members", {"resident_id": rid, "name": "张三", "on": on,
                                                                   **NEW_PERSON})
        assert response.status_code == 201, response.text
        return rid


async def _serve(settings, *, verifier=None):
    clock = Clock()
    container = bootstrap(settings, today=lambda: clock.today)
    app = create_app(container)
    if verifier is not None:
        app.state.verifier = verifier
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as client:
            yield Api(client, container, clock)


@pytest.fixture
async def api(settings_for):
    async for served in _serve(settings_for("insurance")):
        yield served


@pytest.fixture
async def counted_api(settings_for, monkeypatch):
    """The app whose database client reports its commands to `counted_api.commands` (the listener is given to the
    client the runtime creates, as `shared.metrics` gives its own)."""
    commands, connect = CommandsSent(), mongo.connect
    monkeypatch.setattr(mongo, "connect", lambda url, **kw: connect(url, event_listeners=[commands], **kw))
    async for served in _serve(settings_for("insurance")):
        served.commands = commands
        yield served


@pytest.fixture
async def secured_api(settings_for):
    """Insurance with tokens required, verified against the test key (`tests.shared.test_auth`)."""
    async for served in _serve(settings_for("insurance", auth_required=True), verifier=Verifier(FakeJwks(JWK))):
        yield served
