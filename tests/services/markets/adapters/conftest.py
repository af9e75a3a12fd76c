"""The markets app on the real FerretDB and RabbitMQ, through httpx's ASGI transport and the app's lifespan."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import httpx
import pytest

from services.markets.bootstrap import Container, bootstrap
from services.markets.main import create_app

OFFICER = {"X-Civic-Role": "commerce-officer", "X-Civic-User": "officer-7"}
DISTRICT_APPROVAL = [{"authority": "district_commerce", "reference": "东商审〔2026〕8号", "approved_on": "2026-09-01"}]


@dataclass
class Api:
    client: httpx.AsyncClient
    container: Container

    async def post(self, path: str, body=None, **headers) -> httpx.Response:
        return await self.client.post(f"/api/v1/markets{path}", json=body if body is not None else {},
                                      headers=headers)

    async def get(self, path: str, **params) -> httpx.Response:
        return await self.client.get(f"/api/v1/markets{path}", params=params)

    async def existing(self, name="和平里菜市场", lon=116.4100, lat=39.9500, business="1000", vegetable="600") -> str:
        body = [market_row(name, lon, lat, business, vegetable)]
        response = await self.post("/import", body)
        assert response.status_code == 200 and response.json()["imported"] == 1, response.text
        return response.json()["ids"][0]


def market_row(name="和平里菜市场", lon=116.4100, lat=39.9500, business="1000", vegetable="600") -> dict:
    return {"name": name, "district_code": "110101", "kind": "standardised_market", "lon": lon, "lat": lat,
            "areas": {"business": business, "vegetable": vegetable}, "owner": "市菜市场网点管理机构",
            "operator": "首农菜篮子公司", "opened_on": "2020-01-01"}


@pytest.fixture
async def api(settings_for):
    container = bootstrap(settings_for("markets"), today=lambda: date(2026, 11, 20))
    app = create_app(container)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://markets") as client:
            yield Api(client, container)
