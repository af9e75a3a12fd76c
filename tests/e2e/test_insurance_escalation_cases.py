"""The collection month's dates, dunning and escalation cases, through the gateway with real tokens on real
processes (issues 22.5 and 23.3):

- the debit file, the bank's results and the close refused outside their days (rule and article), a unit whose
  money has not arrived dunned before the close, the escalation job's hand-over (`insurance.collection.escalated`)
  consumed by insurance into an escalation case, in the trace of the POST that started the job; the officer hands
  the case on to audit, the hand-overs visible;
- a deregistration registry blocks for arrears (`registry.employer.deregistration_blocked`) opens the unit's case
  at dunning, in the trace of the deregistration request; the repayment closes it.
"""
import secrets
from decimal import Decimal

import pytest

from services.insurance.domain.calendar import Period
from shared.clock import beijing_today
from shared.events.insurance import CollectionEscalated
from shared.events.registry import DeregistrationBlocked
from shared.tracefile import build_tree, read_spans
from tests.e2e.flows import account_of, register_employer, spans_once
from tests.e2e.test_deregistration_saga import REGISTRY, status_is
from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id
from tests.support.jobs import poll_job, run_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/insurance"
MONTH = "1560.00"  # one person on the floor: 60 % of a 10 000.00 city average wage, × 26 %


async def _unit(client, wage_year: int, joined_on: str) -> dict:
    employer = await register_employer(client)
    await account_of(client, employer["id"])
    assert (await client.put(f"{API}/average-wages/{wage_year}", json={"wage": "10000.00"})).status_code == 204
    member = {"resident_id": resident_id(), "name": "赵六", "on": joined_on, **NEW_PERSON}
    assert (await client.post(f"{API}/accounts/{employer['id']}/members", json=member)).status_code == 201
    return employer


def _refused(response, rule):
    assert response.status_code == 409, response.text
    error = response.json()["errors"][0]
    assert error["rule"] == rule and "第九条" in error["article"], error


async def _case(client, employer_id, **wanted):
    async def check():
        response = await client.get(f"{API}/escalation-cases/{employer_id}")
        body = response.json() if response.status_code == 200 else {}
        return body if all(body.get(k) == v for k, v in wanted.items()) else None
    return await until(check, timeout=30, interval=0.2, what=f"the escalation case of {employer_id} {wanted}")


async def test_a_unit_that_does_not_pay_is_dunned_then_its_escalation_case_follows_the_hand_overs(
        secured_stack, officer_client):
    c = officer_client
    paid, failed = [await _unit(c, 2025, "2026-10-12") for _ in range(2)]
    assert (await run_job(c, API, "month-statements", {"month": "2026-11", "on": "2026-11-28"})).status_code == 200
    _refused(await c.post(f"{API}/cycles/2026-11/debit-file", json={"on": "2026-12-03"}), "debit-file-days")
    debit = await c.post(f"{API}/cycles/2026-11/debit-file", json={"on": "2026-12-02"})
    assert sorted(debit.text.splitlines()[1:]) == sorted(f"{u['id']},{MONTH}" for u in (paid, failed))
    bank = {"on": "2026-12-04", "rows": [{"employer_id": paid["id"], "amount": MONTH},
                                         {"employer_id": failed["id"], "amount": "0"}]}
    _refused(await c.post(f"{API}/cycles/2026-11/debit-results", json=bank | {"on": "2026-12-03"}),
             "debit-results-days")
    results = await c.post(f"{API}/cycles/2026-11/debit-results", json=bank)
    assert results.status_code == 200 and results.json()["dunned"] == [failed["id"]], results.text
    notices = (await c.get(f"{API}/accounts/{failed['id']}/dunning-notices")).json()
    assert [(n["period"], n["outstanding"], n["payment_due"]) for n in notices["items"]] == [
        ("2026-11", MONTH, "2026-12-20")]
    early = await run_job(c, API, "month-close", {"month": "2026-11", "on": "2026-12-30"})
    _refused(early, "close-days")
    assert (await run_job(c, API, "month-close", {"month": "2026-11", "on": "2026-12-31"})).status_code == 200

    started = await c.post(f"{API}/jobs/escalations", json={"on": "2027-01-05"})
    assert started.status_code == 202, started.text
    job = await poll_job(c, started.headers["location"])
    assert job["result"]["escalated"].get(failed["id"]) == ["dunning"], job
    case = await _case(c, failed["id"], stage="dunning")
    assert [(h["action"], h["acted_by"], h["contributions"]) for h in case["hand_overs"]] == [
        ("dunning", "schedule", MONTH)]

    def the_jobs_trace():
        span = next((s for s in read_spans(secured_stack.var_dir / "traces") if s["name"] == "job escalations"
                     and s["attributes"].get("civic.job.id") == job["job_id"]), None)
        handled = ("insurance", f"handle {CollectionEscalated.type}")
        return span and spans_once(secured_stack, span["trace_id"], handled)
    spans = await until(the_jobs_trace, timeout=30, what="the hand-over's consumption in the job's trace")
    assert len(build_tree(spans)) == 1 and "gateway" in {s["service"] for s in spans}

    handed = await c.post(f"{API}/escalation-cases/{failed['id']}/hand-over",
                          json={"stage": "audit", "on": "2027-01-20", "reason": "no answer to the notice"})
    assert handed.status_code == 200, handed.text
    assert [h["action"] for h in handed.json()["hand_overs"]] == ["dunning", "audit"]
    back = await c.post(f"{API}/escalation-cases/{failed['id']}/hand-over", json={"stage": "audit"})
    assert back.status_code == 409 and back.json()["errors"][0]["rule"] == "hand-over-forward"
    listed = (await c.get(f"{API}/escalation-cases", params={"status": "open", "stage": "audit"})).json()
    assert failed["id"] in [item["case_id"] for item in listed["items"]]
    assert paid["id"] not in [item["case_id"] for item in (await c.get(f"{API}/escalation-cases")).json()["items"]]


async def test_a_blocked_deregistration_opens_the_units_case_and_its_repayment_closes_it(
        secured_stack, officer_client):
    c, today = officer_client, beijing_today()
    month = Period.parse(f"{today:%Y-%m}").previous().previous()  # closed after its payment deadline
    period = str(month)
    employer = await _unit(c, month.year - 1, f"{period}-12")
    for kind, on in (("month-statements", f"{period}-28"), ("month-close", month.next().last_day().isoformat())):
        finished = await run_job(c, API, kind, {"month": period, "on": on})
        assert finished.status_code == 200, finished.text

    trace_id = secrets.token_hex(16)
    response = await c.post(f"{REGISTRY}/{employer['id']}/deregistration",
                            json={"reason": "bankruptcy", "event_date": employer["registered_on"]},
                            headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert response.status_code == 202, response.text
    owed = (await status_is(c, employer["id"], "deregistration_blocked"))["arrears_check"]
    case = await _case(c, employer["id"], status="open")
    assert case["stage"] == "dunning" and Decimal(case["contributions"]) == Decimal(owed["total"])
    assert case["hand_overs"][0]["acted_by"] == "deregistration" and "blocked" in case["hand_overs"][0]["reason"]

    handled = ("insurance", f"handle {DeregistrationBlocked.type}")
    spans = await until(lambda: spans_once(secured_stack, trace_id, handled), timeout=30,
                        what="the block's consumption in the request's trace")
    assert len(build_tree(spans)) == 1 and {"gateway", "registry"} <= {s["service"] for s in spans}

    form = {"periods": [period], "amount": owed["total"], "paid_on": owed["as_of"], "channel": "cash"}
    filed = await c.post(f"{API}/accounts/{employer['id']}/repayments", json=form)
    assert filed.status_code == 201, filed.text
    received = await c.post(f"{API}/accounts/{employer['id']}/repayments/{filed.json()['id']}/result",
                            json={"arrived": True})
    assert received.status_code == 200, received.text
    closed = await _case(c, employer["id"], status="closed")
    assert closed["hand_overs"][-1]["action"] == "closed"
    await status_is(c, employer["id"], "deregistered")
