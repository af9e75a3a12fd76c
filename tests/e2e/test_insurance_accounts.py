"""Insurance's accounts and membership across real processes (gateway, registry, insurance) on RabbitMQ and FerretDB,
through the gateway with real tokens (issues 22 and 23):

- a unit owing a month still in its collection (issued, not closed) cannot deregister until it pays it;
- a deregistered unit's insured people leave its account with a transfer certificate (表二十二), in the trace of the
  deregistration, and another unit enrols the same person on that certificate;
- a change registered in registry (变更登记) reaches the insurance account.
"""
import secrets
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.calendar import Period
from shared.clock import beijing_today
from shared.events.registry import EmployerDeregistered
from shared.tracefile import build_tree
from tests.e2e.flows import account_of, register_employer, spans_once
from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id
from tests.support.jobs import run_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

REGISTRY = "/api/v1/registry/employers"
INSURANCE = "/api/v1/insurance"


def _window_day(today: date) -> date:
    """A day of the 5th–25th window, not after today (additions are processed in it)."""
    if today.day >= 5:
        return today.replace(day=min(today.day, 25))
    return Period(today.year, today.month).previous().day(25)


async def _status_is(client, employer_id, wanted, timeout=30):
    async def check():
        body = (await client.get(f"{REGISTRY}/{employer_id}")).json()
        return body if body["status"] == wanted else None
    return await until(check, timeout=timeout, interval=0.2, what=f"employer {employer_id} {wanted}")


async def _deregister(client, employer, **headers):
    response = await client.post(f"{REGISTRY}/{employer['id']}/deregistration", headers=headers,
                                 json={"reason": "dissolution", "event_date": employer["registered_on"]})
    assert response.status_code == 202, response.text


async def test_an_unpaid_month_still_in_its_collection_blocks_the_deregistration_until_it_is_paid(
        secured_stack, officer_client):
    c, today = officer_client, beijing_today()
    month = Period(today.year, today.month).previous()  # its statement issued, its payment still due by the 20th
    period = str(month)
    employer = await register_employer(c)
    await account_of(c, employer["id"])
    method = await c.put(f"{INSURANCE}/accounts/{employer['id']}/payment-method",
                         json={"payment_method": "cash_cheque"})
    assert method.status_code == 200, method.text
    assert (await c.put(f"{INSURANCE}/average-wages/{month.year - 1}", json={"wage": "10000.00"})).status_code == 204
    member = {"resident_id": resident_id(), "name": "赵六", "on": f"{period}-12", **NEW_PERSON}
    assert (await c.post(f"{INSURANCE}/accounts/{employer['id']}/members", json=member)).status_code == 201
    made = await run_job(c, INSURANCE, "month-statements", {"month": period, "on": f"{period}-28"})
    assert made.status_code == 200, made.text

    await _deregister(c, employer)
    blocked = await _status_is(c, employer["id"], "deregistration_blocked")
    owed = blocked["arrears_check"]
    assert Decimal(owed["contributions"]) == Decimal("1560.00")  # the open month: 6 000 floor × 26 %
    if today.day > 20:  # past the due date: late fees run, and the month can no longer be paid at the counter
        assert Decimal(owed["late_fees"]) > 0
        return
    assert Decimal(owed["late_fees"]) == 0  # not yet past the 20th

    receipt = {"on": today.isoformat(), "batch": "counter-1",
               "payments": [{"employer_id": employer["id"], "amount": "1560.00"}]}
    paid = await c.post(f"{INSURANCE}/cycles/{period}/payments", json=receipt)
    assert paid.status_code == 200 and paid.json()["statuses"] == {employer["id"]: "paid"}, paid.text
    done = await _status_is(c, employer["id"], "deregistered")
    assert done["certificate_status"] == "recalled"


async def test_a_deregistered_units_insured_leave_with_a_transfer_certificate_and_another_unit_enrols_them(
        secured_stack, officer_client):
    c, today = officer_client, beijing_today()
    first, second = await register_employer(c), await register_employer(c)
    await account_of(c, first["id"])
    await account_of(c, second["id"])
    rid, on = resident_id(), _window_day(today).isoformat()
    person = {"resident_id": rid, "name": "钱七", "on": on, **NEW_PERSON}
    assert (await c.post(f"{INSURANCE}/accounts/{first['id']}/members", json=person)).status_code == 201
    refused = await c.post(f"{INSURANCE}/accounts/{second['id']}/members", json=person)
    assert refused.status_code == 409 and refused.json()["errors"][0]["rule"] == "insured-once"

    trace_id = secrets.token_hex(16)
    await _deregister(c, first, traceparent=f"00-{trace_id}-{secrets.token_hex(8)}-01")
    await _status_is(c, first["id"], "deregistered")

    async def issued():
        page = (await c.get(f"{INSURANCE}/accounts/{first['id']}/transfer-documents")).json()
        return page["items"] if page["total_count"] == 1 else None
    [certificate] = await until(issued, timeout=30, interval=0.2, what="the transfer certificate")
    assert (certificate["form"], certificate["resident_id"], certificate["reason"]) == ("表二十二", rid, "transfer_out")
    members = (await c.get(f"{INSURANCE}/accounts/{first['id']}/members")).json()["items"]
    assert [(m["resident_id"], m["removal_reason"]) for m in members] == [(rid, "transfer_out")]
    account = (await c.get(f"{INSURANCE}/accounts/{first['id']}")).json()
    assert account["status"] == "deregistered"

    moved = {"resident_id": rid, "name": "钱七", "on": on, "documents": ["transfer_certificate"],
             "transfer_certificate_id": certificate["document_id"]}
    enrolled = await c.post(f"{INSURANCE}/accounts/{second['id']}/members", json=moved)
    assert enrolled.status_code == 201, enrolled.text
    assert enrolled.json()["transfer_certificate_id"] == certificate["document_id"]

    handled = ("insurance", f"handle {EmployerDeregistered.type}")
    spans = await until(lambda: spans_once(secured_stack, trace_id, handled), timeout=30, what="the spans")
    assert len(build_tree(spans)) == 1, "the deregistration and the separation do not form one trace"


async def test_a_change_registered_in_registry_reaches_the_insurance_account(secured_stack, officer_client):
    c, today = officer_client, beijing_today()
    employer = await register_employer(c)
    await account_of(c, employer["id"])
    change = {"new_values": {"name": "海淀区新名称科技有限公司", "address": "海淀区中关村大街1号"},
              "change_date": today.isoformat(),
              "documents": ["form_1_1", "registration_certificate", "change_proof"]}
    changed = await c.post(f"{REGISTRY}/{employer['id']}/changes", json=change)
    assert changed.status_code == 200, changed.text

    async def renamed():
        account = (await c.get(f"{INSURANCE}/accounts/{employer['id']}")).json()
        return account if account["name"] == "海淀区新名称科技有限公司" else None
    account = await until(renamed, timeout=30, interval=0.2, what="the account under its new name")
    assert account["address"] == "海淀区中关村大街1号" and account["uscc"] == employer["uscc"]
