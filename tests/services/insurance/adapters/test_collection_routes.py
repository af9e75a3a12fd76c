"""Back-payments, base corrections and fines through the real insurance app on FerretDB."""
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry import DeregistrationRequested
from shared.wiring import dependencies_of, event_handlers

pytestmark = pytest.mark.infra

OFFICER = {"X-Civic-Role": "insurance-officer"}


async def test_a_back_payment_is_exact_and_a_failed_debit_cancels_it_so_it_is_filed_again(api):
    unit = await api.account("bp")
    rid = await api.member(unit, on="2026-05-10")
    await api.container.bases.write_bases(2026, {rid: Decimal("10000.00")})
    body = {"items": [{"period": "2026-05", "resident_id": rid}], "amount": "2638.99", "paid_on": "2026-07-20",
            "channel": "bank_debit"}
    wrong = await api.post(f"/accounts/{unit}/back-payments", body)
    assert wrong.status_code == 422 and wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["errors"][0] == {"field": "amount", "rule": "exact-amount", "message": wrong.json()["detail"]}
    assert (await api.get(f"/accounts/{unit}/back-payments")).json()["items"] == []  # nothing stored

    body["amount"] = "2639.00"  # 2 600.00 + 0.05 % × 30 days from 21 June
    filed = await api.post(f"/accounts/{unit}/back-payments", body)
    assert filed.status_code == 201, filed.text
    first = filed.json()
    assert (first["contributions"], first["late_fees_by_month"], first["status"]) == ("2600.00", {"2026-05": "39.00"}, "filed")
    assert first["items"][0]["by_type"]["pension"] == {"employer": "1600.00", "individual": "800.00"}
    assert (await api.post(f"/accounts/{unit}/back-payments", body)).status_code == 422  # the same month twice

    failed = await api.post(f"/accounts/{unit}/back-payments/{first['id']}/result", {"arrived": False})
    assert failed.json()["status"] == "cancelled"
    assert (await api.post(f"/accounts/{unit}/back-payments/{first['id']}/result",
                           {"arrived": True})).status_code == 409
    again = (await api.post(f"/accounts/{unit}/back-payments", body | {"channel": "cheque"})).json()
    received = await api.post(f"/accounts/{unit}/back-payments/{again['id']}/result", {"arrived": True})
    assert received.json()["status"] == "received"
    statuses = sorted(b["status"] for b in (await api.get(f"/accounts/{unit}/back-payments")).json()["items"])
    assert statuses == ["cancelled", "received"]


async def test_a_base_is_corrected_until_20_april_clamped_and_used_by_the_statements(api):
    unit = await api.account("corr")
    rid = await api.member(unit, on="2026-03-10")
    early = await api.client.put(f"/api/v1/insurance/accounts/{unit}/bases/2026/{rid}",
                                 json={"wage": "9000.00", "on": "2026-04-01"})
    assert early.status_code == 409  # nothing generated yet
    assert (await api.job("wage-bases", {"year": 2026, "on": "2026-04-01"})).json()["bases"] == 1

    def correct(wage, on):
        return api.client.put(f"/api/v1/insurance/accounts/{unit}/bases/2026/{rid}", json={"wage": wage, "on": on})

    late = await correct("50000.00", "2026-04-21")
    assert late.status_code == 409 and late.json()["errors"][0]["deadline"] == "2026-04-20" and "2026-04-20" in late.json()["detail"]
    ok = await correct("50000.00", "2026-04-20")
    assert ok.json()["base"] == "35283.00"  # ceiling: 300 % of 11 761.00
    assert (await correct("1.00", "2026-04-21")).status_code == 409
    assert (await api.job("month-statements", {"month": "2026-04", "on": "2026-04-28"})).json()["statements"] == 1
    statement = (await api.get(f"/accounts/{unit}/statements")).json()["items"][0]
    assert statement["total"] == "9173.59"  # 35 283.00 × 26 %, each line rounded to the fen


async def test_fines_are_recorded_in_range_by_an_officer_assessed_and_their_payment_settles(api):
    unit = await api.account("fined")
    fine = {"offence": "declaration", "severity": "serious", "amount": "999.99", "imposed_on": "2026-12-01",
            "reason": "wage bases not declared"}
    assert (await api.post(f"/accounts/{unit}/fines", fine | {"amount": "1000.00"})).status_code == 403
    low = await api.post(f"/accounts/{unit}/fines", fine, headers=OFFICER)
    assert low.status_code == 422 and low.json()["errors"][0]["rule"] == "fine-range"
    assert "from 1000.00 to 5000.00" in low.json()["detail"]
    assert (await api.post(f"/accounts/{unit}/fines", fine | {"amount": "5000.01"}, headers=OFFICER)).status_code == 422
    for absurd in ("1e30", "NaN", "Infinity", "1000.001"):  # 422 naming the field, never an overflow's 500
        refused = await api.post(f"/accounts/{unit}/fines", fine | {"amount": absurd}, headers=OFFICER)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "amount", absurd
    far = await api.post(f"/accounts/{unit}/fines", fine | {"amount": "1000.00", "imposed_on": "9999-12-31"},
                         headers=OFFICER)
    assert far.status_code == 422 and [(e["field"], e["rule"]) for e in far.json()["errors"]] == [
        ("imposed_on", "date-range")]
    assert (await api.get(f"/accounts/{unit}/fines")).json()["items"] == []
    made = (await api.post(f"/accounts/{unit}/fines", fine | {"amount": "5000.00"}, headers=OFFICER)).json()

    arrears = (await api.get(f"/accounts/{unit}/arrears", on="2027-01-19")).json()
    assert (arrears["fines"], arrears["total"], [f["id"] for f in arrears["open_fines"]]) == (
        "5000.00", "5000.00", [made["id"]])

    handle = event_handlers(SUBSCRIPTIONS, dependencies_of(api.container))
    on = date(2027, 1, 19)
    request = DeregistrationRequested(employer_id=unit, request_id="r1", uscc="91110108551385082Q",
                                      reason="dissolution", event_date=on, requested_on=on)
    await handle[DeregistrationRequested.type](Envelope.wrap(request, source="/civic/registry"))
    doc = await api.container.runtime.db["accounts"].find_one({"_id": unit})
    [assessed] = [e["data"] for e in doc["_outbox"] if e["type"] == "insurance.arrears.assessed"]
    assert (assessed["contributions"], assessed["late_fees"], assessed["fines"], assessed["total"]) == (
        "0.00", "0.00", "5000.00", "5000.00")

    paid = await api.post(f"/accounts/{unit}/fines/{made['id']}/payment", {"amount": "5000.00",
                                                                             "paid_on": "2027-01-25"})
    assert paid.json()["status"] == "paid"
    doc = await api.container.runtime.db["accounts"].find_one({"_id": unit})
    assert "insurance.arrears.settled" in [e["type"] for e in doc["_outbox"]]
    assert (await api.get(f"/accounts/{unit}/arrears", on="2027-01-25")).json()["fines"] == "0.00"
