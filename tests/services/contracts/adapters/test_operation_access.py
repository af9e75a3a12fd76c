"""Issue 20, finding 1 in contracts: who may call each operation (`shared.access.allow` on the routes), with real
tokens on the real database. An employer user files and reads its own unit's contracts and appeals a refusal; it
never performs the office's steps — review, sign-off, the appeal decision, changes, income verification, reward
slips, the overdue list — even on its own unit's contract: 403 `access-denied`, and nothing changes. The office's
people can, each only the steps that are theirs (the head and the director sign; the director decides appeals)."""
from __future__ import annotations

from datetime import date

import httpx
import pytest

from services.contracts.application.subscriptions import SUBSCRIPTIONS
from services.contracts.bootstrap import bootstrap
from services.contracts.main import create_app
from shared.auth import Role, Verifier
from shared.events import Envelope
from shared.events.registry import EmployerRegistered
from shared.wiring import dependencies_of, event_handlers
from tests.services.contracts.adapters.payloads import SELLER_USCC, application, refuse_review, register_review
from tests.shared.test_auth import JWK, FakeJwks, token

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"
UNIT = "seller-unit"


def bearer(*roles: str, user: str, employer_id: str | None = None) -> dict:
    return {"Authorization": f"Bearer {token(sub=user, roles=list(roles), employer_id=employer_id)}"}


STAFF = bearer(Role.EMPLOYER_USER, user="s-1", employer_id=UNIT)  # a user of the seller, a party
REGISTRAR = bearer(Role.CONTRACTS_REGISTRAR, user="wang")
HEAD = bearer(Role.REGISTRAR_HEAD, user="li")
DIRECTOR = bearer(Role.MANAGEMENT_OFFICE_DIRECTOR, user="zhao")


@pytest.fixture
async def secured(settings_for):
    container = bootstrap(settings_for("contracts", auth_required=True, outbox_relay_enabled=False),
                          today=lambda: date(2026, 11, 20))
    app = create_app(container)
    app.state.verifier = Verifier(FakeJwks(JWK))
    async with app.router.lifespan_context(app):
        event = EmployerRegistered(employer_id=UNIT, name="Unit", uscc=SELLER_USCC, district_code="110108",
                                   registered_on=date(2026, 11, 2))
        handle = event_handlers(SUBSCRIPTIONS, dependencies_of(container))[EmployerRegistered.type]
        await handle(Envelope.wrap(event, source="/civic/registry"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://contracts") as client:
            yield client


def denied(response: httpx.Response) -> bool:
    return response.status_code == 403 and response.json()["type"].endswith("/access-denied")


async def filed_by_the_unit(client, amount: str = "2000000.00") -> dict:
    response = await client.post(f"{API}/applications", json=application(amount), headers=STAFF)
    assert response.status_code == 201, response.text
    return response.json()


async def as_registrar(client, contract_id: str) -> dict:
    response = await client.get(f"{API}/contracts/{contract_id}", headers=REGISTRAR)
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_employer_user_never_reviews_or_signs_off_its_own_application(secured):
    client = secured
    contract = await filed_by_the_unit(client)
    review = f"{API}/applications/{contract['id']}/review"
    assert denied(await client.post(review, json=register_review(), headers=STAFF))
    after = await as_registrar(client, contract["id"])
    assert after["status"] == "under_review" and after["review"] is None

    reviewed = await client.post(review, json=register_review(), headers=REGISTRAR)
    assert reviewed.status_code == 200 and reviewed.json()["status"] == "awaiting_sign_off", reviewed.text

    sign_off = f"{API}/applications/{contract['id']}/sign-off"
    for caller in (STAFF, REGISTRAR):  # a registrar never signs: the head (and, above 20 M, the director) do
        assert denied(await client.post(sign_off, headers=caller))
    after = await as_registrar(client, contract["id"])
    assert after["status"] == "awaiting_sign_off" and after["sign_offs"] == []

    signed = await client.post(sign_off, headers=HEAD)
    assert signed.status_code == 200 and signed.json()["status"] == "registered", signed.text
    own = await client.get(f"{API}/contracts/{contract['id']}", headers=STAFF)
    assert own.status_code == 200 and own.json()["registration_number"] == signed.json()["registration_number"]


async def test_an_employer_user_never_records_changes_income_or_rewards_on_its_own_contract(secured):
    client = secured
    contract = await filed_by_the_unit(client, "500000.00")
    await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(), headers=REGISTRAR)
    url = f"{API}/contracts/{contract['id']}"
    income = {"total": "500000.00", "costs": "80000.00", "non_technical_costs": [], "performed_on": "2026-11-01"}
    change = {"kind": "payment_extension", "effective_on": "2026-12-01", "description": "付款延期"}

    assert denied(await client.post(f"{url}/income-verifications", json=income, headers=STAFF))
    assert denied(await client.post(f"{url}/changes", json=change, headers=STAFF))
    verification = await client.post(f"{url}/income-verifications", json=income, headers=REGISTRAR)
    assert verification.status_code == 201, verification.text
    reward = {"party": "seller", "ratio": "0.20", "verification_id": verification.json()["id"]}
    assert denied(await client.post(f"{url}/rewards", json=reward, headers=STAFF))
    after = await as_registrar(client, contract["id"])
    assert after["changes"] == [] and len(after["verifications"]) == 1 and after["rewards"] == []

    assert (await client.post(f"{url}/rewards", json=reward, headers=REGISTRAR)).status_code == 201
    assert (await client.post(f"{url}/changes", json=change, headers=REGISTRAR)).status_code == 200
    bundle = await client.get(f"{url}/tax-relief", headers=STAFF)  # the unit reads its own documents
    assert bundle.status_code == 200 and bundle.json()["complete"]
    assert (await client.get(f"{url}/invoice", headers=STAFF)).status_code == 200


async def test_the_unit_appeals_its_refusal_but_only_the_director_decides_the_appeal(secured):
    client = secured
    contract = await filed_by_the_unit(client)
    await client.post(f"{API}/applications/{contract['id']}/review", json=refuse_review("terms-unclear"),
                      headers=REGISTRAR)
    appeal = f"{API}/applications/{contract['id']}/appeal"
    assert denied(await client.post(appeal, json={"grounds": "x"}, headers=REGISTRAR))  # the party's step
    appealed = await client.post(appeal, json={"grounds": "价款明确"}, headers=STAFF)
    assert appealed.status_code == 200 and appealed.json()["status"] == "under_appeal", appealed.text

    decision = f"{API}/applications/{contract['id']}/appeal/decision"
    for caller in (STAFF, REGISTRAR, HEAD):
        assert denied(await client.post(decision, json={"outcome": "overturned"}, headers=caller))
    after = await as_registrar(client, contract["id"])
    assert after["status"] == "under_appeal" and after["appeals"][0]["outcome"] is None

    decided = await client.post(decision, json={"outcome": "upheld", "note": "维持"}, headers=DIRECTOR)
    assert decided.status_code == 200 and decided.json()["appeals"][0]["outcome"] == "upheld", decided.text


async def test_the_overdue_list_is_the_registrars_not_an_employer_users(secured):
    client = secured
    assert denied(await client.get(f"{API}/applications/overdue", headers=STAFF))
    assert (await client.get(f"{API}/applications/overdue", headers=REGISTRAR)).status_code == 200


async def test_with_a_token_an_employer_user_lists_only_its_units_contracts_and_registrars_list_all(secured):
    client = secured
    ours = await filed_by_the_unit(client, "500000.00")
    other = {"name": "别家公司", "uscc": "91110105MA01EFGH1R"}
    theirs = await client.post(f"{API}/applications", headers=REGISTRAR,
                               json=application("500000.00", seller=other, buyer=other | {"name": "另一家"},
                                                registrar_code="110105"))
    assert theirs.status_code == 201, theirs.text
    own = await client.get(f"{API}/contracts", headers=STAFF)
    assert own.status_code == 200, own.text
    assert [c["id"] for c in own.json()["items"]] == [ours["id"]] and own.json()["total_count"] == 1
    asked_for_theirs = await client.get(f"{API}/contracts", headers=STAFF, params={"seller_uscc": other["uscc"]})
    assert asked_for_theirs.json()["items"] == []  # a filter never widens the unit's scope
    every = (await client.get(f"{API}/contracts", headers=REGISTRAR)).json()
    assert {c["id"] for c in every["items"]} == {ours["id"], theirs.json()["id"]}
    assert (await client.get(f"{API}/contracts/{theirs.json()['id']}", headers=STAFF)).status_code == 404
