"""The registry app on the real FerretDB and RabbitMQ, through httpx's ASGI transport and the app's lifespan."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import httpx
import pytest

from services.registry.bootstrap import Container, bootstrap
from services.registry.main import create_app
from services.registry.domain.units import REQUIRED_DOCUMENTS, UnitType
from tests.e2e.flows import new_uscc


@dataclass
class Clock:
    today: date = date(2026, 11, 20)
    now: datetime = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@dataclass
class Api:
    client: httpx.AsyncClient
    container: Container
    clock: Clock

    async def post(self, path: str, body: dict | None = None) -> httpx.Response:
        return await self.client.post(f"/api/v1/registry{path}", json=body or {})

    async def get(self, path: str, **params) -> httpx.Response:
        return await self.client.get(f"/api/v1/registry{path}", params=params)

    async def apply(self, **overrides) -> dict:
        body = {"name": "海淀区申请科技有限公司", "uscc": new_uscc(), "district_code": "110108",
                "unit_type": "enterprise", "licence_date": "2026-11-02", "address": "中关村大街1号",
                "documents": sorted(REQUIRED_DOCUMENTS[UnitType.ENTERPRISE])} | overrides
        response = await self.post("/employers/applications", body)
        assert response.status_code == 201, response.text
        return response.json()

    async def registered(self, **overrides) -> dict:
        employer = await self.apply(**overrides)
        assert (await self.post(f"/employers/applications/{employer['id']}/review",
                                {"decision": "approve"})).status_code == 200
        response = await self.post(f"/employers/applications/{employer['id']}/bank-account",
                                   {"bank_name": "工商银行", "account_number": "0200",
                                    "receipt_date": self.clock.today.isoformat()})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
async def api(settings_for):
    clock = Clock()
    container = bootstrap(settings_for("registry"), today=lambda: clock.today, now=lambda: clock.now)
    app = create_app(container)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://registry") as client:
            yield Api(client, container, clock)
