"""The annual inspection against insurance's closed months, a lapsed certificate restored by a late pass, and the
rectification plan with the registrar's overdue cases, through the routes on the real FerretDB."""
from datetime import date

import pytest

from services.registry.domain.units import INSPECTION_DOCUMENTS
from shared.events import Envelope
from shared.events.insurance import MonthClosed
from tests.services.registry.adapters.test_centres_routes import certified
from tests.services.registry.application.wiring import registry_handlers
from tests.support.jobs import run_job

pytestmark = pytest.mark.infra

API = "/api/v1/registry"
FORM = {"insurance_types": ["pension", "work_injury"], "insured_headcount": 8, "wage_base_total": "64000.00",
        "documents": sorted(INSPECTION_DOCUMENTS)}


async def registered_in_2025(api):
    api.clock.today = date(2025, 3, 1)
    employer = await api.registered(licence_date="2025-02-20")
    api.clock.today = date(2026, 11, 20)
    return employer


async def month_closed(api, employer_id, period, paid, **facts):
    event = MonthClosed(employer_id=employer_id, period=period, headcount=8, due=paid, paid=paid, arrears="0.00",
                        closed_on=date(2026, 11, 5), **facts)
    await registry_handlers(employers=api.container.employers)[MonthClosed.type](
        Envelope.wrap(event, source="/civic/insurance"))


async def test_the_declaration_is_checked_against_insurances_wage_base_types_and_payments(api):
    employer = await registered_in_2025(api)
    for period, paid in (("2026-09", "9000.00"), ("2026-10", "9500.50")):
        await month_closed(api, employer["id"], period, paid, wage_base_total="64000.00",
                           insurance_types=["work_injury", "pension"])
    record = (await api.get(f"/employers/{employer['id']}")).json()["insurance_record"]
    assert record == {"period": "2026-10", "insured_headcount": 8, "wage_base_total": "64000.00",
                      "insurance_types": ["pension", "work_injury"], "paid_by_year": {"2026": "18500.50"}}
    wrong = await api.post(f"/employers/{employer['id']}/inspections/2026",
                           FORM | {"wage_base_total": "60000", "insurance_types": ["pension"],
                                   "contributions_paid": "18000"})
    assert wrong.status_code == 422, wrong.text
    assert {(e["field"], e["rule"], e["article"]) for e in wrong.json()["errors"]} == {
        ("wage_base_total", "matches-insurance", "第十九条第3项"),
        ("insurance_types", "matches-insurance", "第十九条第2项"),
        ("contributions_paid", "matches-insurance", "第十九条第3项")}
    missing = await api.post(f"/employers/{employer['id']}/inspections/2026", FORM)
    assert [(e["rule"], e["expected"]) for e in missing.json()["errors"]] == [
        ("contributions-paid-declared", "18500.50")]
    passed = await api.post(f"/employers/{employer['id']}/inspections/2026", FORM | {"contributions_paid": 18500.5})
    assert passed.status_code == 200 and passed.json()["inspected_years"] == [2026], passed.text


async def test_a_late_pass_of_the_lapsed_year_restores_the_certificate(api):
    employer = await registered_in_2025(api)
    api.clock.today = date(2027, 1, 5)
    run = await run_job(api.client, API, "certificate-lapse", {"year": 2026, "on": "2027-01-02"})
    assert run.json()["lapsed"] == [employer["id"]]
    other_year = await api.post(f"/employers/{employer['id']}/inspections/2025", FORM)
    assert other_year.status_code == 422  # registered in 2025: its first inspection is for 2026
    late = await api.post(f"/employers/{employer['id']}/inspections/2026", FORM)
    assert late.status_code == 200 and late.json()["certificate_status"] == "valid", late.text
    timeline = (await api.get(f"/employers/{employer['id']}/events", size=50)).json()["items"]
    assert timeline[-1]["what"] == "certificate restored: inspected late" and timeline[-1]["data"]["year"] == "2026"
    assert late.json()["certificate_number"] == employer["certificate_number"]


async def test_a_warned_centre_owes_a_plan_listed_as_overdue_until_it_is_filed(api):
    employer_id = (await api.registered())["id"]
    await certified(api, employer_id)
    evaluated = await api.post(f"/technology-centres/{employer_id}/evaluations",
                               {"year": 2026, "score": "62.50", "materials_submitted_on": "2026-04-20",
                                "evaluated_on": "2026-09-01"})
    [evaluation] = evaluated.json()["evaluations"]
    assert evaluation["warning"] and evaluation["rectification_plan_due"] == "2026-10-19", evaluation
    listed = (await api.get("/overdue-cases", on="2026-10-20")).json()
    assert listed["total_count"] == 1 and listed["items"][0] | {"subject_name": None} == {
        "kind": "rectification-plan", "subject_id": employer_id, "subject_name": None, "due": "2026-10-19",
        "overdue_days": 1, "waiting_for": "enterprise", "rule": "rectification-plan-after-warning",
        "article": "第十八条", "year": 2026}
    assert (await api.get("/overdue-cases", on="2026-10-19")).json()["total_count"] == 0
    filed = await api.post(f"/technology-centres/{employer_id}/evaluations/2026/rectification-plan",
                           {"summary": "补充专职研发人员至60人", "on": "2026-10-22"})
    assert filed.status_code == 201 and filed.json()["evaluations"][0]["rectification_plan"]["late"] is True
    again = await api.post(f"/technology-centres/{employer_id}/evaluations/2026/rectification-plan",
                           {"summary": "again"})
    assert again.status_code == 409 and again.json()["errors"][0]["rule"] == "one-rectification-plan"
    assert (await api.get("/overdue-cases")).json()["total_count"] == 0


async def test_reviews_and_centre_results_past_their_working_days_are_overdue_cases(api):
    api.clock.today = date(2026, 11, 2)
    applicant = await api.apply(licence_date="2026-11-01")
    late_centre = (await api.registered())["id"]
    api.clock.today = date(2026, 11, 20)
    created = await api.post("/technology-centres/applications", {
        "employer_id": late_centre, "enterprise_name": "海淀科技有限公司", "applied_on": "2026-04-30",
        "centre_established_on": "2025-04-30", "figures": {"main_revenue": "150000000.00", "st_spending": "5000000",
                                                           "rd_staff": 50, "equipment_value": "5000000"}})
    result_due = created.json()["applications"][0]["result_due"]
    cases = (await api.get("/overdue-cases")).json()
    assert [(c["kind"], c["subject_id"], c["article"]) for c in cases["items"]] == [
        ("technology-centre-result", late_centre, "第十条"), ("registration-review", applicant["id"], "第七条")]
    assert cases["items"][0]["due"] == result_due
    only = (await api.get("/overdue-cases", kind="registration-review")).json()
    assert [c["due"] for c in only["items"]] == [applicant["application"]["decision_due"]]
    future = await api.get("/overdue-cases", on="2026-12-01")
    assert future.status_code == 422 and future.json()["errors"][0]["rule"] == "date-in-future"
    before_the_calendar = await api.get("/overdue-cases", on="0001-11-01")  # the schema fuzz once got a 500 here
    assert before_the_calendar.status_code == 422 and before_the_calendar.json()["errors"][0]["field"] == "on"
