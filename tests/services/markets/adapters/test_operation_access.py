"""Who may call which markets operation, with real tokens (tokens required, as in production) on the real
database: each route's declaration (`shared.access.allow`) on top of the gate's coarse policy.

Markets keeps no employer's records, so an employer user's token (a developer or an operator may well be one) never
performs an officer's step on a market: recording a fine, withdrawing the operating right, closing it. Other
services' officers read only the public food-safety page; registry and street officers read; the district approver
records what it approves, not the commerce office's inspections and fines; ops runs the monthly exit review."""
from __future__ import annotations

from datetime import date

import httpx
import pytest

from services.markets.bootstrap import bootstrap
from services.markets.main import create_app
from shared.auth import Role, Verifier
from tests.services.markets.adapters.conftest import DISTRICT_APPROVAL, market_row
from tests.shared.test_auth import JWK, FakeJwks, token
from tests.support.jobs import run_job, start_job

pytestmark = pytest.mark.infra
API = "/api/v1/markets"


def bearer(role: str, employer_id: str | None = None, sub: str = "someone") -> dict:
    return {"Authorization": f"Bearer {token(roles=[role], employer_id=employer_id, sub=sub)}"}


COMMERCE = bearer(Role.COMMERCE_OFFICER, sub="officer-7")
APPROVER = bearer(Role.DISTRICT_APPROVER, sub="approver-3")
EMPLOYER = bearer(Role.EMPLOYER_USER, "unit-A", sub="unit-staff")
STREET = bearer(Role.STREET_OFFICER, sub="street-1")
OPS = bearer(Role.OPS, sub="ops-bot")
INSURANCE = bearer(Role.INSURANCE_OFFICER, sub="insurance-2")
AUDITOR = bearer(Role.AUDITOR, sub="auditor-1")
SAMPLE = {"sampled_on": "2026-11-19", "product": "菠菜", "passed": True, "tested_by": "场内快检室"}
STATION = {"name": "和平里便民站", "lon": 116.4100, "lat": 39.9500, "agreement_start": "2026-01-01",
           "deposit": "2000.00", "applicant": {"name": "王师傅", "resident_id": "110105199003070017",
                                               "local_household_registration": True, "education": "high_school"}}


@pytest.fixture
async def client(settings_for):
    container = bootstrap(settings_for("markets", auth_required=True), today=lambda: date(2026, 11, 20))
    app = create_app(container)
    app.state.verifier = Verifier(FakeJwks(JWK))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://markets") as c:
            yield c


async def existing(client: httpx.AsyncClient, vegetable: str = "600") -> str:
    response = await client.post(f"{API}/import", json=[market_row(vegetable=vegetable)], headers=COMMERCE)
    assert response.status_code == 200 and response.json()["imported"] == 1, response.text
    return response.json()["ids"][0]


async def read_back(client: httpx.AsyncClient, market_id: str) -> dict:
    response = await client.get(f"{API}/{market_id}", headers=COMMERCE)
    assert response.status_code == 200, response.text
    return response.json()


def access_denied(response: httpx.Response) -> bool:
    return response.status_code == 403 and response.json()["type"].endswith("/access-denied")


async def test_an_employer_user_never_fines_a_market_the_commerce_officer_does(client):
    mid = await existing(client)
    inspection = {"on": "2026-10-01", "areas": {"business": "1000", "vegetable": "450"}}
    assert access_denied(await client.post(f"{API}/{mid}/inspections", json=inspection, headers=EMPLOYER))
    assert (await read_back(client, mid))["cases"] == []
    assert (await client.post(f"{API}/{mid}/inspections", json=inspection, headers=COMMERCE)).status_code == 200

    refused = await client.post(f"{API}/{mid}/cases/1/fine", json={"amount": "10000"}, headers=EMPLOYER)
    assert access_denied(refused)
    assert (await read_back(client, mid))["cases"][0]["fine"] is None
    fined = await client.post(f"{API}/{mid}/cases/1/fine", json={"amount": "10000"}, headers=COMMERCE)
    assert fined.status_code == 200, fined.text
    assert fined.json()["cases"][0]["fine"] == "10000.00" and fined.json()["cases"][0]["fined_by"] == "officer-7"


async def test_the_district_approver_records_a_closure_but_never_an_inspection(client):
    mid = await existing(client)
    inspection = {"on": "2026-10-01", "areas": {"business": "1000", "vegetable": "450"}}
    assert access_denied(await client.post(f"{API}/{mid}/inspections", json=inspection, headers=APPROVER))
    closure = {"on": "2026-09-10", "approvals": DISTRICT_APPROVAL}
    for caller in (EMPLOYER, STREET, OPS, AUDITOR):
        assert access_denied(await client.post(f"{API}/{mid}/closure", json=closure, headers=caller))
    after = await read_back(client, mid)
    assert (after["status"], after["cases"]) == ("operating", [])
    closed = await client.post(f"{API}/{mid}/closure", json=closure, headers=APPROVER)
    assert closed.status_code == 200 and closed.json()["status"] == "closed", closed.text


async def test_an_employer_user_never_withdraws_an_operating_right(client):
    mid = await existing(client)
    assert access_denied(await client.post(f"{API}/{mid}/operating-right-withdrawal", json={"on": "2026-11-01"},
                                           headers=EMPLOYER))
    assert (await read_back(client, mid))["status"] == "operating"


async def test_readers_read_and_only_the_public_page_is_for_everyone(client):
    mid = await existing(client)
    assert (await client.post(f"{API}/{mid}/samples", json=SAMPLE, headers=COMMERCE)).status_code == 201
    for caller in (STREET, AUDITOR, OPS, bearer(Role.REGISTRY_OFFICER)):
        assert (await client.get(f"{API}/{mid}", headers=caller)).status_code == 200
    assert access_denied(await client.get(f"{API}/{mid}", headers=INSURANCE))
    assert access_denied(await client.get(f"{API}/{mid}", headers=EMPLOYER))
    for caller in ({}, INSURANCE, EMPLOYER, STREET):  # 抽检结果公示: with a token or without
        page = await client.get(f"{API}/{mid}/food-safety", headers=caller)
        assert page.status_code == 200 and page.json()["samples"][0]["product"] == "菠菜", page.text
    assert access_denied(await client.post(f"{API}/{mid}/samples", json=SAMPLE, headers=EMPLOYER))
    assert len((await client.get(f"{API}/{mid}/food-safety")).json()["samples"]) == 1


async def test_ops_runs_the_monthly_exit_review_and_nothing_else_on_stations(client):
    assert access_denied(await client.post(f"{API}/stations", json=STATION, headers=OPS))
    opened = await client.post(f"{API}/stations", json=STATION, headers=COMMERCE)
    assert opened.status_code == 201, opened.text
    sid = opened.json()["id"]
    review = {"month": "2026-10", "on": "2026-11-01"}
    for caller in (EMPLOYER, STREET, APPROVER):
        assert access_denied(await start_job(client, API, "station-exit-review", review, headers=caller))
    assert (await client.get(f"{API}/stations/{sid}", headers=COMMERCE)).json()["status"] == "active"
    reviewed = await run_job(client, API, "station-exit-review", review, headers=OPS)
    assert reviewed.status_code == 200 and reviewed.json()["exited"] == [sid], reviewed.text
    assert (await client.get(f"{API}/stations/{sid}", headers=STREET)).json()["status"] == "exited"


async def test_the_commerce_officer_opens_a_case_for_an_unapproved_act_readers_read_the_cases(client):
    mid = await existing(client)
    finding = {"kind": "unapproved_closure", "act_on": "2026-09-01"}
    for caller in (EMPLOYER, APPROVER, STREET, OPS, AUDITOR):
        assert access_denied(await client.post(f"{API}/{mid}/cases", json=finding, headers=caller))
    assert (await read_back(client, mid))["cases"] == []
    opened = await client.post(f"{API}/{mid}/cases", json=finding, headers=COMMERCE)
    assert opened.status_code == 201, opened.text
    for caller in (STREET, AUDITOR, OPS, APPROVER, bearer(Role.REGISTRY_OFFICER)):
        listed = await client.get(f"{API}/cases", headers=caller)
        assert listed.status_code == 200 and listed.json()["total_count"] == 1, listed.text
        assert (await client.get(f"{API}/{mid}/cases/1", headers=caller)).status_code == 200
    for caller in (EMPLOYER, INSURANCE):
        assert access_denied(await client.get(f"{API}/cases", headers=caller))
        assert access_denied(await client.get(f"{API}/{mid}/cases", headers=caller))


async def test_the_overdue_case_run_is_started_by_the_commerce_officer_or_ops_only(client):
    for caller in (EMPLOYER, STREET, APPROVER):
        assert access_denied(await start_job(client, API, "overdue-cases", {"on": "2026-11-01"}, headers=caller))
    for caller in (COMMERCE, OPS):
        run = await run_job(client, API, "overdue-cases", {"on": "2026-11-01"}, headers=caller)
        assert run.status_code == 200 and run.json() == {"on": "2026-11-01", "opened": []}, run.text
