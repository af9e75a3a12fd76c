"""Changes, reissue, annual inspection and the lapse run through the routes, on the real FerretDB."""
from datetime import date

import pytest

from services.registry.domain.units import CHANGE_DOCUMENTS, INSPECTION_DOCUMENTS
from tests.support.jobs import run_job

API = "/api/v1/registry"

pytestmark = pytest.mark.infra

CHANGE_DOCS = sorted(CHANGE_DOCUMENTS)
INSPECTION = {"insurance_types": ["pension", "work_injury"], "insured_headcount": 8,
              "wage_base_total": "64000.00", "documents": sorted(INSPECTION_DOCUMENTS)}


async def test_a_name_change_reprints_with_the_same_number_and_keeps_the_history(api):
    employer = await api.registered()
    response = await api.post(f"/employers/{employer['id']}/changes",
                              {"new_values": {"name": "新名称有限公司"}, "change_date": "2026-10-01",
                               "documents": CHANGE_DOCS})
    assert response.status_code == 200 and response.json()["name"] == "新名称有限公司"
    certificate = (await api.get(f"/employers/{employer['id']}/certificate")).json()
    assert certificate["number"] == employer["certificate_number"] and certificate["version"] == 2
    assert certificate["history"][0]["name"] == employer["name"]
    assert certificate["history"][0]["recalled_on"] == "2026-11-20"
    timeline = (await api.get(f"/employers/{employer['id']}/events")).json()
    assert timeline["items"][-1]["data"]["days_late"] == "20"  # 50 days after the change: 30 allowed


async def test_a_lost_certificate_is_reissued_with_the_same_number(api):
    employer = await api.registered()
    response = await api.post(f"/employers/{employer['id']}/certificate/reissue", {"statement": "lost on the bus"})
    assert response.status_code == 200
    assert response.json()["number"] == employer["certificate_number"] and response.json()["version"] == 2


async def test_a_change_to_a_deregistered_employer_is_409_and_nothing_changes(api):
    employer = await api.registered()
    await api.post(f"/employers/{employer['id']}/deregistration/forced", {"event_date": "2026-11-19"})
    response = await api.post(f"/employers/{employer['id']}/changes",
                              {"new_values": {"name": "新"}, "change_date": "2026-11-19", "documents": CHANGE_DOCS})
    assert response.status_code == 409 and response.headers["content-type"] == "application/problem+json"
    assert [(e.get("field"), e["rule"], e["status_now"]) for e in response.json()["errors"]] == [
        (None, "employer-status", "deregistered")]
    assert (await api.get(f"/employers/{employer['id']}")).json()["name"] == employer["name"]


async def test_inspection_passes_once_and_a_second_one_for_the_year_is_409(api):
    api.clock.today = date(2025, 3, 1)
    employer = await api.registered(licence_date="2025-02-20")
    api.clock.today = date(2026, 11, 20)
    first = await api.post(f"/employers/{employer['id']}/inspections/2026", INSPECTION | {"on": "2026-11-18",
                                                                                          "wage_base_total": 64000})
    assert first.status_code == 200 and first.json()["inspected_years"] == [2026], first.text
    events = (await api.get(f"/employers/{employer['id']}/events")).json()["items"]
    assert [e["on"] for e in events if e["what"].startswith("annual inspection")] == ["2026-11-18"]
    again = await api.post(f"/employers/{employer['id']}/inspections/2026", INSPECTION)
    assert again.status_code == 409 and [(e["field"], e["rule"], e["year"]) for e in again.json()["errors"]] == [
        ("year", "one-inspection-a-year", 2026)]
    future = await api.post(f"/employers/{employer['id']}/inspections/2027", INSPECTION)
    assert future.status_code == 422 and future.json()["errors"][0]["rule"] == "not-in-future"


async def test_the_lapse_run_lapses_only_the_uninspected_and_emits_one_event_each(api):
    api.clock.today = date(2025, 3, 1)
    inspected = await api.registered(licence_date="2025-02-20")
    forgotten = await api.registered(licence_date="2025-02-20")
    api.clock.today = date(2026, 11, 20)
    await api.post(f"/employers/{inspected['id']}/inspections/2026", INSPECTION)
    api.clock.today = date(2027, 1, 5)
    early = await run_job(api.client, API, "certificate-lapse", {"year": 2026, "on": "2026-12-31"})
    assert early.status_code == 422 and early.json()["errors"][0]["rule"] == "after-deadline"
    run = await run_job(api.client, API, "certificate-lapse", {"year": 2026, "on": "2027-01-02"})
    assert run.json()["lapsed"] == [forgotten["id"]]
    again = await run_job(api.client, API, "certificate-lapse", {"year": 2026, "on": "2027-01-03"})
    assert again.json()["lapsed"] == []
    assert (await api.get(f"/employers/{forgotten['id']}")).json()["certificate_status"] == "lapsed"
    assert (await api.get(f"/employers/{inspected['id']}")).json()["certificate_status"] == "valid"
