"""Who may call what in workforce, with real tokens on the real database (tokens required, as in production).

Street officers act; ops runs the scheduled steps; registry and insurance officers read what they need; an
employer user (even the street office's own, on its own workers) performs no officer's step and reads nothing here.
A refusal is 403 `access-denied` and changes nothing (read back as a street officer)."""
from datetime import date

import httpx
import pytest

from services.workforce.bootstrap import bootstrap
from services.workforce.main import create_app
from shared.auth import Role, Verifier
from tests.services.workforce.adapters.conftest import COMMUNITIES, employer_registered
from tests.services.workforce.factory import resident_id
from tests.services.workforce.payloads import hire_body
from tests.shared.test_auth import JWK, FakeJwks, token
from tests.support.runtime import until
from tests.support.jobs import run_job, start_job

pytestmark = pytest.mark.infra
TODAY = date(2026, 11, 20)
STREET_OFFICE = "street-1"  # the workers' employer in `hire_body`


def as_(*roles: str, employer_id: str | None = None) -> dict:
    return {"Authorization": f"Bearer {token(sub='caller', roles=list(roles), employer_id=employer_id)}"}


STREET, OPS = as_(Role.STREET_OFFICER), as_(Role.OPS)
REGISTRY, INSURANCE, AUDITOR = as_(Role.REGISTRY_OFFICER), as_(Role.INSURANCE_OFFICER), as_(Role.AUDITOR)
OWN_UNIT = as_(Role.EMPLOYER_USER, employer_id=STREET_OFFICE)


@pytest.fixture
async def secured(settings_for, infra, namespace):
    """Workforce with tokens required, knowing the street office (registry's event) and communities c1, c2."""
    app = create_app(bootstrap(settings_for("workforce", auth_required=True), today=lambda: TODAY))
    app.state.verifier = Verifier(FakeJwks(JWK))
    async with app.router.lifespan_context(app):
        await until(lambda: app.state.runtime.publisher.ready, what="the workforce publisher")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://workforce/api/v1/workforce") as client:
            client.container = app.state.container
            await employer_registered(client, infra, namespace)
            imported = await client.post("/communities/import", json={"communities": COMMUNITIES}, headers=STREET)
            assert imported.status_code == 204, imported.text
            yield client


def refused(response: httpx.Response) -> bool:
    return response.status_code == 403 and response.json()["type"].endswith("/access-denied")


async def hired(client, **overrides) -> dict:
    body = hire_body(**overrides)
    body["person"] |= {"resident_id": resident_id(date(1990, 5, 5))}
    response = await client.post("/workers", json=body, headers=STREET)
    assert response.status_code == 201, response.text
    return response.json()


async def test_the_street_officer_hires_and_keeps_the_records_and_reads_the_archive(secured):
    worker = await hired(secured)
    base = f"/workers/{worker['id']}"
    assessment = {"year": 2020, "grade": "pass", "task_completion": 90, "satisfaction": 90,
                  "notified_on": "2021-01-10"}
    assert (await secured.post(f"{base}/assessments", json=assessment, headers=STREET)).status_code == 201
    archive = await secured.get(f"{base}/archive", headers=STREET)
    assert archive.status_code == 200 and "assessment" in [e["kind"] for e in archive.json()["timeline"]]


async def test_the_street_offices_own_employer_user_performs_no_officers_step_and_nothing_changes(secured):
    worker = await hired(secured)
    base = f"/workers/{worker['id']}"
    timeline = (await secured.get(f"{base}/archive", headers=STREET)).json()["timeline"]
    assessment = {"year": 2020, "grade": "excellent", "task_completion": 99, "satisfaction": 99,
                  "notified_on": "2021-01-10"}
    attempts = [
        secured.post(f"{base}/assessments", json=assessment, headers=OWN_UNIT),
        secured.post(f"{base}/separation", json={"reason": "resignation", "on": "2026-12-31"}, headers=OWN_UNIT),
        secured.post(f"{base}/posts", json={"posts": ["station_head"], "effective_on": "2026-12-01"},
                     headers=OWN_UNIT),
        secured.post("/workers", json=hire_body(community_id="c2"), headers=OWN_UNIT),
        secured.post("/bonus/2025", json={"employer_id": STREET_OFFICE}, headers=OWN_UNIT),
        secured.get(f"/workers?employer_id={STREET_OFFICE}", headers=OWN_UNIT),
        secured.get(f"{base}/archive", headers=OWN_UNIT),
        secured.get("/vacancies", headers=OWN_UNIT),
        secured.get("/staffing", headers=OWN_UNIT),
        secured.get("/staffing/reassignments", headers=OWN_UNIT),
    ]
    for attempt in attempts:
        response = await attempt
        assert refused(response), (response.status_code, response.text[:200])
    after = (await secured.get(base, headers=STREET)).json()
    assert after == worker
    assert (await secured.get(f"{base}/archive", headers=STREET)).json()["timeline"] == timeline
    assert [w["id"] for w in (await secured.get("/workers", headers=STREET)).json()["items"]] == [worker["id"]]
    assert (await secured.get(f"/bonus/2025?employer_id={STREET_OFFICE}", headers=STREET)).status_code == 404


async def test_ops_runs_the_scheduled_steps_but_performs_no_street_officers_step(secured):
    worker = await hired(secured)
    assert refused(await secured.post("/workers", json=hire_body(community_id="c2"), headers=OPS))
    separation = {"reason": "resignation", "on": "2026-12-31"}
    assert refused(await secured.post(f"/workers/{worker['id']}/separation", json=separation, headers=OPS))
    assert (await secured.get(f"/workers/{worker['id']}", headers=STREET)).json()["status"] == "active"
    watch = await run_job(secured, "", "separation-watch", {"on": TODAY.isoformat()}, headers=OPS)
    assert watch.status_code == 200, watch.text
    assert (await run_job(secured, "", "payroll", {"month": "2026-10"}, headers=OPS)).status_code == 200


async def test_other_services_officers_read_what_they_need_and_change_nothing(secured):
    worker = await hired(secured)
    assert (await secured.get("/staffing", headers=REGISTRY)).status_code == 200
    assert (await secured.get("/staffing/reassignments", headers=REGISTRY)).status_code == 200
    assert (await secured.get("/workers?status=active", headers=INSURANCE)).json()["total_count"] == 1
    assert refused(await secured.get("/vacancies", headers=REGISTRY))
    assert (await secured.get("/vacancies", headers=AUDITOR)).status_code == 200
    assert (await secured.get("/vacancies", headers=STREET)).json()["items"] == []
    assert (await secured.get(f"/workers/{worker['id']}", headers=INSURANCE)).status_code == 200
    assert (await run_job(secured, "", "payroll", {"month": "2026-10"}, headers=STREET)).status_code == 200
    assert (await secured.get("/payroll/2026-10", headers=INSURANCE)).status_code == 200
    assert refused(await secured.get(f"/workers/{worker['id']}/archive", headers=INSURANCE))
    assert refused(await secured.put("/stations/c1/roster", json={"openings": []}, headers=REGISTRY))
    assert refused(await start_job(secured, "", "payroll", {"month": "2026-11"}, headers=INSURANCE))
    assert (await secured.get("/payroll/2026-11", headers=STREET)).status_code == 404
