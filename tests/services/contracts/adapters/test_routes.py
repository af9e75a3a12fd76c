"""The REST API on the real servers: registration with sign-off, income, rewards, fees, tax bundle, bad input."""
import re
from datetime import timedelta

import pytest

from tests.services.contracts.adapters.payloads import (APPLICANT, DIRECTOR, HEAD, REGISTRAR, application,
                                                        refuse_review, register_review)

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"


async def submit(client, body=None, headers=APPLICANT):
    response = await client.post(f"{API}/applications", json=body or application(), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_2_million_contract_needs_the_heads_signature_then_gets_a_number(app_container):
    client, container = app_container
    contract = await submit(client, application("2000000.00"))
    assert contract["status"] == "under_review" and contract["decision_due"] == "2026-12-20"
    reviewed = await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(),
                                 headers=REGISTRAR)
    assert reviewed.json()["status"] == "awaiting_sign_off" and reviewed.json()["required_sign_offs"] == [
        "registrar-head"]
    denied = await client.post(f"{API}/applications/{contract['id']}/sign-off", headers=REGISTRAR)
    assert denied.status_code == 403 and denied.headers["content-type"] == "application/problem+json"
    signed = (await client.post(f"{API}/applications/{contract['id']}/sign-off", headers=HEAD)).json()
    assert signed["status"] == "registered" and re.fullmatch(r"2026-110108-\d{6}", signed["registration_number"])
    assert signed["sign_offs"][0]["user"] == "li" and signed["sign_offs"][0]["at"]
    doc = await container.contracts.collection.find_one({"_id": contract["id"]})
    assert [e["type"] for e in doc["_outbox"]] == ["contracts.contract.registered"]
    assert doc["amount"] == "2000000.00"  # money stored as a string with 2 places


async def test_income_rewards_invoice_and_tax_bundle(client):
    contract = await submit(client)
    await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(), headers=REGISTRAR)
    url = f"{API}/contracts/{contract['id']}"
    missing = (await client.get(f"{url}/tax-relief", headers=APPLICANT)).json()
    assert not missing["complete"] and missing["missing"] == ["income_verification", "reward_slip"]
    verification = await client.post(f"{url}/income-verifications", headers=REGISTRAR, json={
        "total": "500000.00", "costs": "80000.00", "performed_on": "2026-11-01",
        "non_technical_costs": [{"kind": "equipment", "amount": "100000.00"},
                                {"kind": "parts", "amount": 5000, "subject_direct_cost": True}]})
    assert verification.status_code == 201, verification.text
    assert verification.json()["technical_income"] == "320000.00"
    too_much = await client.post(f"{url}/rewards", headers=REGISTRAR, json={
        "party": "seller", "ratio": "0.3", "verification_id": verification.json()["id"]})
    assert too_much.status_code == 422 and too_much.json()["errors"][0]["rule"] == "reward-cap"
    slip = await client.post(f"{url}/rewards", headers=REGISTRAR, json={
        "party": "seller", "ratio": "0.25", "verification_id": verification.json()["id"]})
    assert slip.status_code == 201 and slip.json()["amount"] == "80000.00"
    invoice = (await client.get(f"{url}/invoice", headers=APPLICANT)).json()
    assert [line["amount"] for line in invoice["lines"]] == ["500.00", "30.00"] and invoice["total"] == "530.00"
    bundle = (await client.get(f"{url}/tax-relief", headers=APPLICANT)).json()
    assert bundle["complete"] and bundle["reward_slip"]["id"] == slip.json()["id"] and "documents" not in bundle


@pytest.mark.parametrize("changes,field,rule", [
    ({"amount": "abc"}, "amount", "numeric"),
    ({"amount": 0}, "amount", "positive"),
    ({"effective_on": "2028-01-01"}, "effective_on", "effective-before-expiry"),
])
async def test_bad_applications_are_4xx_naming_the_rule_and_nothing_is_stored(app_container, changes, field, rule):
    client, container = app_container
    response = await client.post(f"{API}/applications", json=application(**changes), headers=APPLICANT)
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert {"field": field, "rule": rule} in [{k: e[k] for k in ("field", "rule")} for e in response.json()["errors"]]
    assert await container.contracts.collection.count_documents({}) == 0


async def test_an_unknown_role_header_is_refused(client):
    response = await client.post(f"{API}/applications", json=application(),
                                 headers={"X-Civic-Role": "mayor", "X-Civic-User": "x"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "X-Civic-Role"


async def test_patent_licences_are_sent_to_the_ip_office(client):
    response = await client.post(f"{API}/applications", headers=APPLICANT,
                                 json=application(form="transfer", patent_subject="patent_licence"))
    assert response.status_code == 422 and response.json()["type"].endswith("register-at-ip-office")


async def test_refusal_appeal_and_no_appeal_on_a_registered_contract(client):
    refused = await submit(client)
    answer = await client.post(f"{API}/applications/{refused['id']}/review", headers=REGISTRAR,
                               json=refuse_review("terms-unclear"))
    assert answer.json()["refusal"]["reasons"] == ["terms-unclear"]
    appealed = await client.post(f"{API}/applications/{refused['id']}/appeal", headers=APPLICANT,
                                 json={"grounds": "价款明确"})
    assert appealed.json()["status"] == "under_appeal"
    decided = await client.post(f"{API}/applications/{refused['id']}/appeal/decision", headers=DIRECTOR,
                                json={"outcome": "upheld", "note": "维持"})
    assert decided.json()["appeals"][0]["outcome"] == "upheld"
    registered = await submit(client)
    await client.post(f"{API}/applications/{registered['id']}/review", json=register_review(), headers=REGISTRAR)
    response = await client.post(f"{API}/applications/{registered['id']}/appeal", headers=APPLICANT,
                                 json={"grounds": "x"})
    assert response.status_code == 409 and response.json()["errors"][0]["rule"] == "appeal-only-when-refused"


async def test_classified_contracts_are_hidden_from_non_registrars(client):
    contract = await submit(client, application(flags={"classified": True}))
    assert (await client.get(f"{API}/contracts/{contract['id']}", headers=APPLICANT)).status_code == 404
    assert (await client.get(f"{API}/contracts/{contract['id']}", headers=REGISTRAR)).status_code == 200


async def test_the_overdue_list_shows_undecided_applications_past_30_days(client, clock):
    late = await submit(client)
    clock.today += timedelta(days=30)
    on_time = await submit(client)
    none = (await client.get(f"{API}/applications/overdue", headers=REGISTRAR)).json()
    assert none == {"items": [], "page": 1, "size": 50, "total_count": 0}
    clock.today += timedelta(days=1)
    overdue = (await client.get(f"{API}/applications/overdue", headers=REGISTRAR)).json()
    assert [c["id"] for c in overdue["items"]] == [late["id"]] and overdue["items"][0]["overdue"]
    assert overdue["total_count"] == 1 and on_time["id"] != late["id"]
    assert (await client.get(f"{API}/applications/overdue", headers=APPLICANT)).status_code == 403


async def test_changes_are_recorded_and_published_for_tax(app_container):
    client, container = app_container
    contract = await submit(client)
    await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(), headers=REGISTRAR)
    ended = await client.post(f"{API}/contracts/{contract['id']}/changes", headers=REGISTRAR, json={
        "kind": "termination", "effective_on": "2027-01-01", "description": "双方协商解除"})
    assert ended.json()["status"] == "terminated" and ended.json()["changes"][0]["by"]["user"] == "wang"
    doc = await container.contracts.collection.find_one({"_id": contract["id"]})
    assert [e["type"] for e in doc["_outbox"]] == ["contracts.contract.registered", "contracts.contract.terminated"]
