"""The collection month's dunning and the escalation cases, through the routes on the real FerretDB and RabbitMQ:
not-arrived units dunned before the close, the escalation case opened by insurance's own hand-over events, handed on
by the officer, closed when paid; the escalation job started by the schedule; a blocked deregistration dunned."""
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.application.escalation_cases import dun_blocked_unit
from shared.auth import Role
from shared.events import Envelope
from shared.events.registry import DeregistrationBlocked
from tests.shared.test_auth import token
from tests.support.jobs import poll_job
from tests.support.runtime import until

pytestmark = pytest.mark.infra

BASE = Decimal("10000.00")  # one person each: 2600.00 a month with the default rates (26 %)
OFFICER = {"X-Civic-Role": "insurance-officer", "X-Civic-User": "officer-li"}


async def _month_with_a_failed_and_a_short_unit(api):
    for unit in ("ok", "short", "failed"):
        await api.account(unit)
        rid = await api.member(unit, on="2026-09-10")
        await api.container.bases.write_bases(2026, {rid: BASE})
    await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})
    early = await api.post("/cycles/2026-11/debit-results", {"on": "2026-12-03", "rows": []})
    assert early.status_code == 409 and early.json()["errors"][0]["rule"] == "debit-results-days"
    assert "第九条" in early.json()["errors"][0]["article"]
    rows = [{"employer_id": "ok", "amount": "2600.00"}, {"employer_id": "short", "amount": "2000.00"}]
    applied = await api.post("/cycles/2026-11/debit-results", {"on": "2026-12-04", "rows": rows})
    assert applied.json()["dunned"] == ["failed", "short"], applied.text  # failed: absent from the bank's file


async def test_units_whose_money_has_not_arrived_are_dunned_and_listed_before_the_close(api):
    await _month_with_a_failed_and_a_short_unit(api)
    notices = (await api.get("/cycles/2026-11/dunning-notices")).json()
    assert notices["total_count"] == 2
    assert [(n["employer_id"], n["outstanding"], n["statement_status"], n["payment_due"]) for n in notices["items"]] \
        == [("failed", "2600.00", "issued", "2026-12-20"), ("short", "600.00", "short", "2026-12-20")]
    redebit = await api.post("/cycles/2026-11/debit-file", {"on": "2026-12-10"})
    assert sorted(redebit.text.splitlines()[1:]) == ["failed,2600.00", "short,600.00"]
    again = await api.post("/cycles/2026-11/debit-results", {"on": "2026-12-11", "batch": "redebit-1",
                                                             "rows": [{"employer_id": "short", "amount": "600.00"}]})
    assert again.json()["dunned"] == ["failed"]
    own = (await api.get("/accounts/failed/dunning-notices")).json()
    assert [(n["batch"], n["dunned_on"]) for n in own["items"]] == [("first-debit", "2026-12-04"),
                                                                     ("redebit-1", "2026-12-11")]
    assert (await api.get("/cycles/2026-11/dunning-notices", size=1)).json()["total_count"] == 3


async def test_the_escalation_case_follows_the_hand_overs_and_closes_when_paid(api):
    await _month_with_a_failed_and_a_short_unit(api)
    assert (await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})).status_code == 200
    assert (await api.job("escalations", {"on": "2027-01-05"})).json()["escalated"] == {
        "failed": ["dunning"], "short": ["dunning"]}

    async def two_open():
        page = (await api.get("/escalation-cases", status="open")).json()
        return page if len(page["items"]) == 2 else None  # the count may see a case the page read just missed
    cases = await until(two_open, what="two escalation cases opened by insurance.collection.escalated")
    assert [(c["case_id"], c["stage"], c["contributions"]) for c in cases["items"]] == [
        ("failed", "dunning", "2600.00"), ("short", "dunning", "600.00")]

    handed = await api.post("/escalation-cases/failed/hand-over",
                            {"stage": "audit", "on": "2027-01-20", "reason": "no answer to the notices"},
                            headers=OFFICER)
    assert handed.status_code == 200, handed.text
    assert [(h["action"], h["acted_by"], h["on"]) for h in handed.json()["hand_overs"]] == [
        ("dunning", "schedule", "2027-01-05"), ("audit", "officer:officer-li", "2027-01-20")]
    assert (await api.get("/accounts/failed")).json()["stage"] == "audit"  # the schedule will not announce it again
    back = await api.post("/escalation-cases/failed/hand-over", {"stage": "audit", "on": "2027-01-21"},
                          headers=OFFICER)
    assert back.status_code == 409 and back.json()["errors"][0]["rule"] == "hand-over-forward"
    assert "第十一条" in back.json()["errors"][0]["article"]
    owing = await api.post("/escalation-cases/failed/closure", {"on": "2027-01-21"}, headers=OFFICER)
    assert owing.status_code == 409 and owing.json()["errors"][0]["rule"] == "arrears-paid"
    assert (await api.get("/escalation-cases", stage="audit")).json()["total_count"] == 1

    form = {"periods": ["2026-11"], "amount": "2639.00", "paid_on": "2027-01-19", "channel": "cash"}
    filed = (await api.post("/accounts/failed/repayments", form)).json()
    assert (await api.post(f"/accounts/failed/repayments/{filed['id']}/result", {"arrived": True})).status_code == 200
    closed = (await api.get("/escalation-cases/failed")).json()
    assert (closed["status"], closed["closed_on"], closed["hand_overs"][-1]["action"]) == (
        "closed", "2027-01-20", "closed")  # dated no earlier than its last hand-over
    assert (await api.get("/escalation-cases/nobody")).json()["errors"][0]["rule"] == "unknown-escalation-case"


def _bearer(*roles: str, employer_id: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(roles=list(roles), employer_id=employer_id)}"}


@pytest.fixture
async def secured(secured_api):
    return secured_api


async def test_only_the_insurance_officer_hands_a_case_on_and_a_blocked_deregistration_is_dunned(secured):
    api = secured
    await api.account("e9")
    blocked = DeregistrationBlocked(employer_id="e9", request_id="req-9", uscc="91110108551385082Q",
                                    total_due="1583.40", as_of=date(2027, 1, 19))
    envelope = Envelope.wrap(blocked, source="/civic/registry")
    for _ in range(2):  # a redelivery changes nothing
        await dun_blocked_unit(blocked, envelope, api.container.escalation_cases)
    body = {"stage": "audit", "on": "2027-01-25"}
    for caller in (_bearer(Role.REGISTRY_OFFICER), _bearer(Role.OPS), _bearer(Role.EMPLOYER_USER, employer_id="e9")):
        refused = await api.post("/escalation-cases/e9/hand-over", body, headers=caller)
        assert refused.status_code == 403, refused.text
    mine = await api.client.get("/api/v1/insurance/escalation-cases",
                                headers=_bearer(Role.EMPLOYER_USER, employer_id="e9"))
    assert mine.status_code == 403, "an employer user reads its dunning notices, not the agency's cases"
    read = await api.client.get("/api/v1/insurance/escalation-cases/e9", headers=_bearer(Role.REGISTRY_OFFICER))
    assert read.status_code == 200, read.text
    assert [(h["action"], h["acted_by"], h["reason"]) for h in read.json()["hand_overs"]] == [
        ("dunning", "deregistration", "deregistration request req-9 blocked: 1583.40 due")]
    handed = await api.post("/escalation-cases/e9/hand-over", body, headers=_bearer(Role.INSURANCE_OFFICER))
    assert handed.status_code == 200 and handed.json()["stage"] == "audit", handed.text


async def test_the_schedule_starts_one_escalations_job_a_day(api):
    api.clock.today = date(2027, 1, 5)
    assert api.container.escalation_schedule.name == "escalations-schedule"
    job_id = await api.container.schedule_escalations()
    assert job_id == "escalations-2027-01-05"
    assert await api.container.schedule_escalations() == job_id, "a tick run again late finds today's job"
    job = await poll_job(api.client, f"/api/v1/insurance/jobs/{job_id}")
    assert (job["status"], job["params"], job["requested_by"]) == (
        "succeeded", {"on": "2027-01-05"}, {"user": "scheduler", "role": "ops"})
    listed = (await api.get("/jobs", kind="escalations")).json()
    assert [j["job_id"] for j in listed["items"]] == [job_id]
