"""The deregistration saga across real processes (gateway, registry, insurance, …) on RabbitMQ and FerretDB.

- No arrears: answered by insurance's own handler of `registry.employer.deregistration_requested` (skipped while
  insurance does not consume that event), and the whole saga is one trace.
- Arrears: a real month in insurance that the unit does not pay → blocked with insurance's breakdown; the
  repayment recorded in insurance → `insurance.arrears.settled` → deregistered.
"""
import secrets
from decimal import Decimal

import pytest

from services.insurance.domain.calendar import Period
from shared.clock import beijing_today
from shared.events.insurance import ArrearsAssessed
from shared.events.registry import DeregistrationRequested
from shared.tracefile import build_tree
from tests.e2e.flows import account_of, register_employer, spans_once
from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id
from tests.support.jobs import run_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

REGISTRY = "/api/v1/registry/employers"
INSURANCE = "/api/v1/insurance"


async def status_is(client, employer_id, wanted, timeout=30):
    async def check():
        body = (await client.get(f"{REGISTRY}/{employer_id}")).json()
        return body if body["status"] == wanted else None
    return await until(check, timeout=timeout, interval=0.2, what=f"employer {employer_id} {wanted}")


@pytest.mark.skipif("insurance" not in DeregistrationRequested.consumers,
                    reason="insurance does not handle registry.employer.deregistration_requested yet")
async def test_no_arrears_deregisters_through_insurance_in_one_trace(secured_stack, officer_client):
    employer = await register_employer(officer_client)
    await account_of(officer_client, employer["id"])
    trace_id = secrets.token_hex(16)
    response = await officer_client.post(f"{REGISTRY}/{employer['id']}/deregistration",
                                         json={"reason": "dissolution", "event_date": employer["registered_on"]},
                                         headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert response.status_code == 202, response.text
    done = await status_is(officer_client, employer["id"], "deregistered")
    assert done["certificate_status"] == "recalled" and done["arrears_check"]["total"] in ("0", "0.00")
    wanted = (("insurance", f"handle {DeregistrationRequested.type}"), ("registry", f"handle {ArrearsAssessed.type}"))
    spans = await until(lambda: spans_once(secured_stack, trace_id, *wanted), timeout=30, what="the saga's spans")
    assert len(build_tree(spans)) == 1, "the saga's spans do not form one trace"


async def test_arrears_block_then_repayment_in_insurance_completes_the_deregistration(secured_stack, officer_client):
    """Insurance's real month: the unit never pays period P, so at the request it owes P's contributions and late
    fees → blocked with the breakdown; the officer records the repayment in insurance → settled → deregistered."""
    c, today = officer_client, beijing_today()
    month = Period.parse(f"{today:%Y-%m}").previous().previous()  # closed after its payment deadline
    period, closed_on = str(month), month.next().last_day().isoformat()
    employer = await register_employer(c)
    await account_of(c, employer["id"])
    wage = await c.put(f"{INSURANCE}/average-wages/{month.year - 1}", json={"wage": "10000.00"})
    assert wage.status_code == 204
    member = {"resident_id": resident_id(), "name": "赵六", "on": f"{period}-12", **NEW_PERSON}
    assert (await c.post(f"{INSURANCE}/accounts/{employer['id']}/members", json=member)).status_code == 201
    for kind, on in (("month-statements", f"{period}-28"), ("month-close", closed_on)):
        finished = await run_job(c, INSURANCE, kind, {"month": period, "on": on})
        assert finished.status_code == 200, finished.text

    response = await c.post(f"{REGISTRY}/{employer['id']}/deregistration",
                            json={"reason": "bankruptcy", "event_date": employer["registered_on"]})
    assert response.status_code == 202, response.text
    blocked = await status_is(c, employer["id"], "deregistration_blocked")
    owed = blocked["arrears_check"]
    assert Decimal(owed["contributions"]) == Decimal("1560.00") and Decimal(owed["late_fees"]) > 0
    assert Decimal(owed["total"]) == sum(Decimal(owed[k]) for k in ("contributions", "late_fees", "fines"))

    form = {"periods": [period], "amount": owed["total"], "paid_on": owed["as_of"], "channel": "cash"}
    filed = await c.post(f"{INSURANCE}/accounts/{employer['id']}/repayments", json=form)
    assert filed.status_code == 201, filed.text
    received = await c.post(f"{INSURANCE}/accounts/{employer['id']}/repayments/{filed.json()['id']}/result",
                            json={"arrived": True})
    assert received.status_code == 200, received.text
    done = await status_is(c, employer["id"], "deregistered")
    assert done["certificate_status"] == "recalled" and done["deregistration"]["forced"] is False
    timeline = [e["what"] for e in (await c.get(f"{REGISTRY}/{employer['id']}/events")).json()["items"]]
    assert timeline.count("deregistered: certificate recalled") == 1 and "deregistration blocked" in timeline
