"""Technology-contract registration through the gateway, as real processes on the real servers:
application → review → head sign-off → registered → income verification → reward → tax-relief bundle."""
import re

import pytest

from tests.e2e.flows import submitted_by_unit, unit_user
from tests.services.contracts.adapters.payloads import HEAD, REGISTRAR, SELLER_USCC, application, register_review
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/contracts"


async def test_a_3_million_contract_from_application_to_tax_bundle(secured_stack, officer_client):
    client = officer_client
    seller = await unit_user(secured_stack, client, SELLER_USCC)
    submitted = await submitted_by_unit(client, application("3000000.00"), seller)
    assert submitted.status_code == 201, submitted.text
    contract_id = submitted.json()["id"]

    reviewed = await client.post(f"{API}/applications/{contract_id}/review", json=register_review(),
                                 headers=REGISTRAR)
    assert reviewed.json()["status"] == "awaiting_sign_off", reviewed.text
    signed = await client.post(f"{API}/applications/{contract_id}/sign-off", headers=HEAD)
    assert signed.json()["status"] == "registered", signed.text
    assert re.fullmatch(r"\d{4}-110108-000001", signed.json()["registration_number"])

    verified = await client.post(f"{API}/contracts/{contract_id}/income-verifications", headers=REGISTRAR, json={
        "total": "3000000.00", "costs": "500000.00", "performed_on": "2026-11-01",
        "non_technical_costs": [{"kind": "instruments", "amount": "400000.00"}]})
    assert verified.status_code == 201 and verified.json()["technical_income"] == "2100000.00", verified.text
    slip = await client.post(f"{API}/contracts/{contract_id}/rewards", headers=REGISTRAR, json={
        "party": "seller", "ratio": "0.20", "verification_id": verified.json()["id"]})
    assert slip.status_code == 201 and slip.json()["amount"] == "420000.00", slip.text

    bundle = (await client.get(f"{API}/contracts/{contract_id}/tax-relief", headers=seller)).json()
    assert bundle["complete"] and bundle["missing"] == []
    documents = bundle  # the three documents are fields of the answer
    assert documents["registered_contract"]["registration_number"] == signed.json()["registration_number"]
    assert documents["income_verification"]["id"] == verified.json()["id"]
    assert documents["reward_slip"]["processing_fee"] == "30.00"
    invoice = (await client.get(f"{API}/contracts/{contract_id}/invoice", headers=seller)).json()
    assert invoice["total"] == "3030.00"  # 0.1 % of 3 000 000 + 30 for the slip

    database = secured_stack.db("contracts")

    async def published():
        # Nothing pending for this contract: the relay drops the outbox marker once every event is confirmed
        # (published events leave the document's `_outbox` only at its next write).
        doc = await database["contracts"].find_one({"_id": contract_id})
        return doc is not None and await database["outbox"].count_documents({"aggregate_id": contract_id}) == 0

    await until(published, timeout=30, interval=0.2, what="the registered and income_verified events to be sent")
