"""The tax authority is notified (第十六条): a contract is registered, its payment extended and then terminated
through the gateway; the tax authority's system, with a real client-credentials token, reads the three
notifications from contracts' outbox and acknowledges them — one connected trace from the registrar's request to
each notification kept."""
import secrets

import pytest

from gateway.identity import Accounts, NewClient
from gateway.demo import DEMO_CLIENT
from services.contracts.adapters.access import TAX_SCOPE
from shared.events.contracts import ContractChanged, ContractRegistered, ContractTerminated
from shared.tracefile import build_tree
from tests.e2e.flows import requests_connected, submitted_by_unit, unit_user
from tests.services.contracts.adapters.payloads import REGISTRAR, SELLER_USCC, application, register_review
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/contracts"
HANDLED = {f"handle {e.type}" for e in (ContractRegistered, ContractChanged, ContractTerminated)}


async def client_token(client, client_id: str, secret: str) -> dict[str, str]:
    """A department system's bearer token by the client-credentials grant (RFC 6749 §4.4) at the gateway."""
    response = await client.post("/oauth/token", data={"grant_type": "client_credentials", "client_id": client_id,
                                                       "client_secret": secret})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def tax_client(stack, client) -> dict[str, str]:
    secret = secrets.token_urlsafe(16)
    db = stack.db("gateway")
    try:
        await Accounts(db["users"], db["clients"]).add_client(
            NewClient("tax-authority", secret, [TAX_SCOPE], "北京市税务局"))
    finally:
        await db.client.close()
    return await client_token(client, "tax-authority", secret)


async def test_the_tax_authority_reads_and_acknowledges_a_contracts_notifications(secured_stack, officer_client):
    trace_id, portal_span = secrets.token_hex(16), secrets.token_hex(8)
    traced = {"traceparent": f"00-{trace_id}-{portal_span}-01"}
    client = officer_client
    tax = await tax_client(secured_stack, client)
    seller = await unit_user(secured_stack, client, SELLER_USCC)
    submitted = await submitted_by_unit(client, application("500000.00"), seller)
    contract_id = submitted.json()["id"]

    registered = await client.post(f"{API}/applications/{contract_id}/review", json=register_review(),
                                   headers=REGISTRAR | traced)
    assert registered.json()["status"] == "registered", registered.text
    extended = await client.post(f"{API}/contracts/{contract_id}/changes", headers=REGISTRAR | traced, json={
        "kind": "payment_extension", "effective_on": "2026-11-01", "description": "付款期延至2027年3月"})
    assert extended.status_code == 200, extended.text
    ended = await client.post(f"{API}/contracts/{contract_id}/changes", headers=REGISTRAR | traced, json={
        "kind": "termination", "effective_on": "2026-11-15", "description": "双方协商解除"})
    assert ended.json()["status"] == "terminated", ended.text

    unread = f"{API}/tax-notifications?acknowledged=false&contract_id={contract_id}"

    async def three():
        page = (await client.get(unread, headers=tax)).json()
        # Both: the page and its count are two reads, and the third notification can land between them.
        return page if page.get("total_count") == 3 and len(page.get("items", ())) == 3 else None

    page = await until(three, timeout=30, interval=0.3, what="the three notifications in the tax outbox")
    items = page["items"]
    assert [n["act"] for n in items] == ["registration", "payment_extension", "termination"]
    number = registered.json()["registration_number"]
    assert {n["registration_number"] for n in items} == {number} and not any(n["classified"] for n in items)
    assert [n["occurred_on"] for n in items[1:]] == ["2026-11-01", "2026-11-15"]
    assert items[0]["data"]["seller_uscc"] == SELLER_USCC and items[0]["data"]["amount"] == "500000.00"

    for notification in items:
        read = await client.post(f"{API}/tax-notifications/{notification['id']}/acknowledgement", headers=tax)
        assert read.status_code == 200 and read.json()["acknowledged_by"] == "tax-authority", read.text
    again = await client.post(f"{API}/tax-notifications/{items[0]['id']}/acknowledgement", headers=tax)
    assert again.status_code == 200, "acknowledging twice is the same answer"
    assert (await client.get(unread, headers=tax)).json()["total_count"] == 0
    seen = (await client.get(f"{API}/tax-notifications?acknowledged=true&contract_id={contract_id}",
                             headers=REGISTRAR)).json()
    assert seen["total_count"] == 3, "the registrar sees what the tax authority was told and read"

    not_tax = await client_token(client, DEMO_CLIENT.client_id, DEMO_CLIENT.secret)
    refused = await client.get(f"{API}/tax-notifications", headers=not_tax)
    assert refused.status_code == 403 and refused.json()["errors"][0]["scopes"] == [TAX_SCOPE], refused.text
    officer = await client.post(f"{API}/tax-notifications/{items[0]['id']}/acknowledgement", headers=REGISTRAR)
    assert officer.status_code == 403, "only the tax authority's system acknowledges"

    spans = await until(lambda: requests_connected(secured_stack, trace_id, "contracts", HANDLED, 3),
                        timeout=30, interval=0.3,
                        what="each notification's handling on file, under the registrar's requests")
    roots = build_tree(spans)
    assert {r.record["parent_id"] for r in roots} == {portal_span}, "a span's parent is missing: a broken link"
    assert [(r.record["service"], r.record["kind"]) for r in roots] == [("gateway", "SERVER")] * 3
