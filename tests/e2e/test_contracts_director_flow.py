"""A contract over 20 million through the gateway in production mode (real tokens of the demo accounts): the
registrar's head signs first, then the management office's director (第六条: 2000万元以上), the contract is
registered and its technical income verified — all of it one portal operation, one connected trace."""
import re
import secrets

import pytest

from shared.events.contracts import ContractRegistered, IncomeVerified
from shared.tracefile import build_tree
from tests.e2e.flows import requests_connected, submitted_by_unit, unit_user
from tests.services.contracts.adapters.payloads import (DIRECTOR, HEAD, REGISTRAR, SELLER_USCC, application,
                                                        register_review)
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/contracts"
PUBLISHED = {f"outbox publish {ContractRegistered.type}", f"outbox publish {IncomeVerified.type}"}


async def test_a_25_million_contract_needs_the_head_then_the_director_and_is_one_trace(secured_stack,
                                                                                      officer_client):
    trace_id, portal_span = secrets.token_hex(16), secrets.token_hex(8)
    traced = {"traceparent": f"00-{trace_id}-{portal_span}-01"}  # the portal's one operation: every step under it
    client = officer_client
    seller = await unit_user(secured_stack, client, SELLER_USCC)

    submitted = await submitted_by_unit(client, application("25000000.00"), seller | traced)
    assert submitted.status_code == 201, submitted.text
    contract_id = submitted.json()["id"]
    reviewed = await client.post(f"{API}/applications/{contract_id}/review", json=register_review(),
                                 headers=REGISTRAR | traced)
    assert reviewed.json()["status"] == "awaiting_sign_off", reviewed.text
    assert reviewed.json()["required_sign_offs"] == ["registrar-head", "management-office-director"]

    sign_off = f"{API}/applications/{contract_id}/sign-off"
    too_early = await client.post(sign_off, headers=DIRECTOR | traced)
    assert too_early.status_code == 403, "the director signs only after the registrar's head"
    headed = await client.post(sign_off, headers=HEAD | traced)
    assert headed.json()["status"] == "awaiting_sign_off" and headed.json()["registration_number"] is None
    signed = await client.post(sign_off, headers=DIRECTOR | traced)
    registered = signed.json()
    assert registered["status"] == "registered", signed.text
    assert re.fullmatch(r"\d{4}-110108-000001", registered["registration_number"])
    # who signed comes from the tokens (demo accounts), not from the X-Civic-User the scenario sent
    assert [(s["user"], s["role"]) for s in registered["sign_offs"]] == [
        ("registrar-head", "registrar-head"), ("director", "management-office-director")]

    verified = await client.post(f"{API}/contracts/{contract_id}/income-verifications", headers=REGISTRAR | traced,
                                 json={"total": "25000000.00", "costs": "4000000.00", "performed_on": "2026-11-01",
                                       "non_technical_costs": [{"kind": "instruments", "amount": "1000000.00"}]})
    assert verified.status_code == 201, verified.text
    assert verified.json()["technical_income"] == "20000000.00"  # 25 M − 1 M equipment − 4 M costs

    spans = await until(lambda: requests_connected(secured_stack, trace_id, "contracts", PUBLISHED, 6),
                        timeout=30, interval=0.3,
                        what="the flow's spans, up to both events published")
    _assert_one_connected_trace(spans, portal_span, requests=6)


def _assert_one_connected_trace(spans: list[dict], portal_span: str, requests: int) -> None:
    """Every span hangs under the portal's span: one gateway request span per step, no parent missing, and each
    event's publication goes back through the contracts request that caused it to the gateway."""
    roots = build_tree(spans)
    assert {r.record["parent_id"] for r in roots} == {portal_span}, "a span's parent is missing: a broken link"
    assert [(r.record["service"], r.record["kind"]) for r in roots] == [("gateway", "SERVER")] * requests
    by_id = {s["span_id"]: s for s in spans}
    for publication in (s for s in spans if s["name"] in PUBLISHED):
        chain = _ancestors(publication, by_id)
        assert [(s["service"], s["kind"]) for s in chain if s["kind"] == "SERVER"] == [
            ("contracts", "SERVER"), ("gateway", "SERVER")], [s["name"] for s in chain]


def _ancestors(span: dict, by_id: dict) -> list[dict]:
    chain = []
    while span["parent_id"] in by_id:
        span = by_id[span["parent_id"]]
        chain.append(span)
    return chain
