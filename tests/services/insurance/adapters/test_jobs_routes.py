"""Insurance's city-wide operations as jobs, on the real FerretDB with real tokens: 202 and a Location, the result
of the old route, progress, a job interrupted mid-way finished by the next process with the same result, bad
parameters a 422 naming the field, and who may start and read a job."""
from __future__ import annotations

import asyncio
import re
from decimal import Decimal

import httpx
import pytest

from services.insurance.application import cycle as cycle_module
from services.insurance.bootstrap import bootstrap
from services.insurance.main import create_app
from shared.auth import Role, Verifier
from tests.services.insurance.adapters.conftest import NEW_PERSON, Api, Clock, resident_id
from tests.shared.test_auth import JWK, FakeJwks, token
from tests.support.jobs import poll_job, run_job, start_job
from tests.support.runtime import until

pytestmark = pytest.mark.infra
API = "/api/v1/insurance"
OFFICER = {"Authorization": f"Bearer {token(roles=[Role.INSURANCE_OFFICER], employer_id=None)}"}
OPS = {"Authorization": f"Bearer {token(roles=[Role.OPS], employer_id=None)}"}
AUDITOR = {"Authorization": f"Bearer {token(roles=[Role.AUDITOR], employer_id=None)}"}
REGISTRY = {"Authorization": f"Bearer {token(roles=[Role.REGISTRY_OFFICER], employer_id=None)}"}
STAFF = {"Authorization": f"Bearer {token(roles=[Role.EMPLOYER_USER], employer_id='u1')}"}
NOVEMBER = {"month": "2026-11", "on": "2026-11-28"}


async def _app(settings, clock):
    container = bootstrap(settings, today=lambda: clock.today)
    app = create_app(container)
    app.state.verifier = Verifier(FakeJwks(JWK))
    return container, app


@pytest.fixture
async def api(settings_for):
    clock = Clock()
    container, app = await _app(settings_for("insurance", auth_required=True), clock)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as client:
            yield Api(client, container, clock)


async def _units(api: Api, *ids: str) -> None:
    """Accounts with one insured person each, on a base of 10 000.00."""
    rows = {}
    for unit in ids:
        await api.account(unit)
        rid = resident_id()
        added = await api.client.post(f"{API}/accounts/{unit}/members", headers=OFFICER,
                                      json={"resident_id": rid, "name": "张三", "on": "2026-09-10", **NEW_PERSON})
        assert added.status_code == 201, added.text
        rows[rid] = Decimal("10000.00")
    await api.container.bases.write_bases(2026, rows)


async def test_a_month_statements_job_answers_202_and_ends_with_the_old_routes_result(api):
    await _units(api, "u1", "u2", "u3")
    started = await start_job(api.client, API, "month-statements", NOVEMBER, headers=OPS)
    assert started.status_code == 202, started.text
    body = started.json()
    assert started.headers["location"] == f"{API}/jobs/{body['job_id']}"
    assert (body["status"], body["kind"], body["params"], body["requested_by"]["role"]) == (
        "queued", "month-statements", NOVEMBER, Role.OPS)
    job = await poll_job(api.client, started.headers["location"], headers=OPS)
    assert job["status"] == "succeeded" and job["result"] == {"period": "2026-11", "statements": 3}
    assert job["progress"] == {"done_count": 3, "total_count": 3} and job["attempts"] == 1
    assert re.search(r"T[\d:.]+(Z|[+-]\d\d:\d\d)$", job["created_at"]), "an instant with its offset"
    assert job["finished_at"] >= job["started_at"] >= job["created_at"]
    again = await run_job(api.client, API, "month-statements", NOVEMBER, headers=OFFICER)
    assert again.status_code == 409 and again.json()["type"].endswith("/cycle-step-already-run")


async def test_on_left_out_is_today_in_beijing_fixed_when_the_job_is_created(api):
    api.clock.today = api.clock.today.replace(day=28)
    started = await start_job(api.client, API, "month-statements", {"month": "2026-11"}, headers=OPS)
    assert started.status_code == 202 and started.json()["params"]["on"] == "2026-11-28"


async def test_progress_is_reported_while_the_job_runs(api, monkeypatch):
    await _units(api, "u1", "u2", "u3")
    monkeypatch.setattr(cycle_module, "CHUNK", 1)
    monkeypatch.setattr("shared.jobs.runner.PROGRESS_EVERY_SECONDS", 0)
    held, write = asyncio.Event(), api.container.statements.add_statements
    calls = []

    async def second_write_waits(statements):
        calls.append(statements)
        if len(calls) == 2:
            await held.wait()
        await write(statements)

    monkeypatch.setattr(api.container.statements, "add_statements", second_write_waits)
    location = (await start_job(api.client, API, "month-statements", NOVEMBER, headers=OPS)).headers["location"]

    async def one_done():
        job = (await api.client.get(location, headers=OPS)).json()
        return job if job["status"] == "running" and job["progress"]["done_count"] == 1 else None

    job = await until(one_done, what="one statement of three reported")
    assert job["progress"]["total_count"] == 3
    held.set()
    assert (await poll_job(api.client, location, headers=OPS))["progress"] == {"done_count": 3, "total_count": 3}


async def test_a_job_interrupted_mid_way_is_finished_by_the_next_process_with_the_same_result(
        api, settings_for, monkeypatch):
    await _units(api, "u1", "u2", "u3")
    monkeypatch.setattr(cycle_module, "CHUNK", 1)
    write, calls = api.container.statements.add_statements, []

    async def stops_after_one(statements):
        calls.append(statements)
        if len(calls) == 2:
            await asyncio.Event().wait()  # the process stops here, one statement of three written
        await write(statements)

    monkeypatch.setattr(api.container.statements, "add_statements", stops_after_one)
    location = (await start_job(api.client, API, "month-statements", NOVEMBER, headers=OPS)).headers["location"]
    await until(lambda: len(calls) == 2, what="the job mid-way")
    await api.container.runtime.jobs.stop()  # as the lifespan does when the process stops
    stopped = (await api.client.get(location, headers=OPS)).json()
    assert stopped["status"] == "running" and await api.container.runtime.db["statements"].count_documents({}) == 1

    container, app = await _app(settings_for("insurance", auth_required=True), Clock())
    async with app.router.lifespan_context(app):  # the next process: its runner takes the job over
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://insurance") as other:
            job = await poll_job(other, location, headers=OPS)
            december = await run_job(other, API, "month-statements", {"month": "2026-12", "on": "2026-12-28"},
                                     headers=OPS)
    assert job["status"] == "succeeded" and job["attempts"] == 2
    assert job["result"] == {"period": "2026-11", "statements": 3}  # as an uninterrupted run: December's
    assert december.json() == {"period": "2026-12", "statements": 3}
    db = api.container.runtime.db
    assert await db["statements"].count_documents({"period": "2026-11"}) == 3


@pytest.mark.parametrize(("kind", "body", "field"), [
    ("month-statements", {"month": "2026-13"}, "month"),
    ("month-statements", {"month": "1999-12"}, "month"),
    ("month-close", {"on": "2026-12-31"}, "month"),
    ("wage-bases", {"year": 2101}, "year"),
    ("escalations", {"on": "2026-02-30"}, "on"),
])
async def test_bad_parameters_are_a_422_naming_the_field_and_no_job_is_made(api, kind, body, field):
    refused = await start_job(api.client, API, kind, body, headers=OPS)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in refused.json()["errors"]]
    assert await api.container.runtime.db["jobs"].count_documents({}) == 0


async def test_only_the_cycles_roles_start_a_job_and_read_it_auditors_read(api):
    for caller in (REGISTRY, STAFF, AUDITOR):
        refused = await start_job(api.client, API, "escalations", {"on": "2027-01-05"}, headers=caller)
        assert refused.status_code == 403 and refused.json()["type"].endswith("/access-denied"), refused.text
    assert await api.container.runtime.db["jobs"].count_documents({}) == 0
    location = (await start_job(api.client, API, "escalations", {"on": "2027-01-05"}, headers=OFFICER)
                ).headers["location"]
    await poll_job(api.client, location, headers=OPS)
    assert (await api.client.get(location, headers=AUDITOR)).status_code == 200
    for caller in (REGISTRY, STAFF):
        assert (await api.client.get(location, headers=caller)).status_code == 403
    assert (await api.client.get(f"{API}/jobs/no-such-job", headers=OPS)).status_code == 404


async def test_the_jobs_are_listed_by_kind_and_status_a_page_at_a_time(api):
    for body in ({"on": "2027-01-05"}, {"on": "2027-01-06"}):
        location = (await start_job(api.client, API, "escalations", body, headers=OPS)).headers["location"]
        await poll_job(api.client, location, headers=OPS)
    await run_job(api.client, API, "month-close", {"month": "2026-11", "on": "2026-12-31"}, headers=OPS)  # fails
    page = (await api.client.get(f"{API}/jobs", params={"kind": "escalations", "size": 1}, headers=OPS)).json()
    assert (page["total_count"], page["size"], len(page["items"])) == (2, 1, 1)
    assert page["items"][0]["params"] == {"on": "2027-01-06"}, "newest first"
    failed = (await api.client.get(f"{API}/jobs", params={"status": "failed"}, headers=AUDITOR)).json()
    assert [j["kind"] for j in failed["items"]] == ["month-close"]
    assert (await api.client.get(f"{API}/jobs", params={"kind": "payroll"}, headers=OPS)).status_code == 422
