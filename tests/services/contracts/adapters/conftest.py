"""The contracts app on the real FerretDB and RabbitMQ, driven in-process through ASGI with its lifespan."""
from __future__ import annotations

from datetime import date

import httpx
import pytest

from services.contracts.bootstrap import bootstrap
from services.contracts.main import create_app


class Clock:
    def __init__(self, today: date) -> None:
        self.today = today

    def __call__(self) -> date:
        return self.today


@pytest.fixture
def clock():
    return Clock(date(2026, 11, 20))


@pytest.fixture
async def app_container(settings_for, clock):
    container = bootstrap(settings_for("contracts", outbox_relay_enabled=False), today=clock)
    app = create_app(container)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://contracts") as client:
            yield client, container


@pytest.fixture
def client(app_container):
    return app_container[0]
