"""Issue 20, finding 1 (OWASP API5) in insurance: with real tokens, an employer user reaches its own account but
never performs the agency's steps on it — confirming the receipt of its back-payment, paying a fine imposed on it,
setting its industry class, concluding its repayment. Each is refused with 403 `access-denied` and nothing changes
(read back as an officer); the insurance officer can. On the real database, tokens required."""
from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from shared.auth import Role
from tests.services.insurance.adapters.conftest import NEW_PERSON, Api, resident_id
from tests.shared.test_auth import token

pytestmark = pytest.mark.infra

UNIT = "acc-own"
OFFICER = {"Authorization": f"Bearer {token(roles=[Role.INSURANCE_OFFICER], employer_id=None)}"}
OPS = {"Authorization": f"Bearer {token(roles=[Role.OPS], employer_id=None)}"}
STAFF = {"Authorization": f"Bearer {token(roles=[Role.EMPLOYER_USER], employer_id=UNIT)}"}


@pytest.fixture
async def api(secured_api):
    return secured_api


async def _unit_with_a_member(api: Api, on: str) -> str:
    await api.account(UNIT)  # bank debit: opened in the repository, no call needed
    rid = resident_id()
    added = await api.post(f"/accounts/{UNIT}/members", {"resident_id": rid, "name": "张三", "on": on,
                                                       **NEW_PERSON}, headers=STAFF)  # the unit adds its own staff
    assert added.status_code == 201, added.text
    return rid


def _refused(response: httpx.Response) -> None:
    assert response.status_code == 403, response.text
    assert response.json()["type"].endswith("/access-denied"), response.json()


async def test_the_unit_cannot_confirm_the_receipt_of_its_own_back_payment_an_officer_can(api):
    rid = await _unit_with_a_member(api, "2026-05-10")
    await api.container.bases.write_bases(2026, {rid: Decimal("10000.00")})
    body = {"items": [{"period": "2026-05", "resident_id": rid}], "amount": "2639.00", "paid_on": "2026-07-20",
            "channel": "bank_debit"}
    filed = await api.post(f"/accounts/{UNIT}/back-payments", body, headers=STAFF)  # filed in its own name
    assert filed.status_code == 201, filed.text
    result = f"/accounts/{UNIT}/back-payments/{filed.json()['id']}/result"

    _refused(await api.post(result, {"arrived": True}, headers=STAFF))
    listed = await api.client.get(f"/api/v1/insurance/accounts/{UNIT}/back-payments", headers=OFFICER)
    assert [b["status"] for b in listed.json()["items"]] == ["filed"]

    received = await api.post(result, {"arrived": True}, headers=OFFICER)
    assert received.status_code == 200 and received.json()["status"] == "received", received.text


async def test_the_unit_cannot_mark_a_fine_on_itself_paid_an_officer_can(api):
    await api.account(UNIT)
    fine = {"offence": "declaration", "severity": "serious", "amount": "5000.00", "imposed_on": "2026-12-01",
            "reason": "wage bases not declared"}
    _refused(await api.post(f"/accounts/{UNIT}/fines", fine, headers=STAFF))
    made = await api.post(f"/accounts/{UNIT}/fines", fine, headers=OFFICER)
    assert made.status_code == 201, made.text
    payment = f"/accounts/{UNIT}/fines/{made.json()['id']}/payment"

    _refused(await api.post(payment, {"amount": "5000.00", "paid_on": "2027-01-25"}, headers=STAFF))
    fines = (await api.client.get(f"/api/v1/insurance/accounts/{UNIT}/fines", headers=OFFICER)).json()
    assert [(f["status"], f["paid_on"]) for f in fines["items"]] == [("imposed", None)]

    paid = await api.post(payment, {"amount": "5000.00", "paid_on": "2027-01-25"}, headers=OFFICER)
    assert paid.status_code == 200 and paid.json()["status"] == "paid", paid.text


async def test_the_unit_cannot_change_its_own_industry_class_an_officer_can(api):
    await api.account(UNIT)
    path = f"/api/v1/insurance/accounts/{UNIT}/industry-class"
    assert (await api.client.put(path, json={"industry_class": 5}, headers=OFFICER)).status_code == 200

    _refused(await api.client.put(path, json={"industry_class": 1}, headers=STAFF))
    assert (await api.client.get(f"/api/v1/insurance/accounts/{UNIT}", headers=OFFICER)).status_code == 200
    assert (await api.container.accounts.get(UNIT)).industry_class == 5  # not in the account's JSON: read it back

    assert (await api.client.put(path, json={"industry_class": 2}, headers=OFFICER)).status_code == 200
    assert (await api.container.accounts.get(UNIT)).industry_class == 2


async def test_the_unit_cannot_conclude_its_own_repayment_an_officer_can(api):
    rid = await _unit_with_a_member(api, "2026-09-10")
    await api.container.bases.write_bases(2026, {rid: Decimal("10000.00")})
    assert (await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"}, headers=OPS)).status_code == 200
    assert (await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"}, headers=OPS)).status_code == 200
    form = {"periods": ["2026-11"], "amount": "2639.00", "paid_on": "2027-01-19", "channel": "cheque"}
    filed = await api.post(f"/accounts/{UNIT}/repayments", form, headers=STAFF)  # the form, in its own name
    assert filed.status_code == 201, filed.text
    result = f"/accounts/{UNIT}/repayments/{filed.json()['id']}/result"

    _refused(await api.post(result, {"arrived": True}, headers=STAFF))
    _refused(await api.post(result, {"arrived": True}, headers=OPS))  # ops runs the cycle, not the counter
    account = (await api.client.get(f"/api/v1/insurance/accounts/{UNIT}", headers=OFFICER)).json()
    assert account["arrears"] == "2600.00"
    assert (await api.container.repayments.get(filed.json()["id"])).status.value == "filed"

    concluded = await api.post(result, {"arrived": True}, headers=OFFICER)
    assert concluded.status_code == 200 and concluded.json()["status"] == "received", concluded.text
    account = (await api.client.get(f"/api/v1/insurance/accounts/{UNIT}", headers=OFFICER)).json()
    assert account["arrears"] == "0.00"
