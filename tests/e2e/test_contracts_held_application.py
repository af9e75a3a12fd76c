"""A seller deregistered while its application is open (issue 23.2): registry's deregistration saga, through the
gateway with real tokens, holds the application in contracts; it stays on the registrar's overdue list (第六条's
30 days do not pause), and the registrar resumes it and registers it — the hold one trace with the deregistration
request that caused it."""
import secrets
from datetime import date, timedelta

import pytest

from shared.events.registry import EmployerDeregistered
from shared.tracefile import build_tree, read_spans
from tests.e2e.flows import account_of, submitted_by_unit, unit_user
from tests.services.contracts.adapters.payloads import REGISTRAR, SELLER_USCC, application, register_review
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/contracts"
REGISTRY = "/api/v1/registry/employers"


async def test_a_deregistered_sellers_application_is_held_stays_overdue_and_is_resumed(secured_stack,
                                                                                       officer_client):
    client = officer_client
    seller = await unit_user(secured_stack, client, SELLER_USCC)
    submitted = await submitted_by_unit(client, application(), seller)
    contract = submitted.json()
    employer = (await client.get(REGISTRY, params={"uscc": SELLER_USCC})).json()["items"][0]
    employer_id = employer["id"]
    await account_of(client, employer_id)

    trace_id = secrets.token_hex(16)
    requested = await client.post(f"{REGISTRY}/{employer_id}/deregistration",
                                  json={"reason": "merger", "event_date": employer["registered_on"]},
                                  headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert requested.status_code == 202, requested.text

    async def held():
        body = (await client.get(f"{API}/contracts/{contract['id']}", headers=REGISTRAR)).json()
        return body if body["status"] == "on_hold" else None

    on_hold = await until(held, timeout=45, interval=0.3, what="the application held after the deregistration")
    assert SELLER_USCC in on_hold["hold"]["reason"] and on_hold["decision_due"] == contract["decision_due"]

    late = (date.fromisoformat(contract["decision_due"]) + timedelta(days=1)).isoformat()
    overdue = (await client.get(f"{API}/applications/overdue", headers=REGISTRAR, params={"on": late})).json()
    assert contract["id"] in {c["id"] for c in overdue["items"]}, "a held application stays on the overdue list"

    not_yet = await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(),
                                headers=REGISTRAR)
    assert not_yet.status_code == 409 and not_yet.json()["errors"][0]["rule"] == "resume-before-registering"
    resumed = await client.post(f"{API}/applications/{contract['id']}/resumption", headers=REGISTRAR,
                                json={"note": "吸收合并, 合同由存续公司承继"})
    assert resumed.json()["status"] == "under_review", resumed.text
    registered = await client.post(f"{API}/applications/{contract['id']}/review", json=register_review(),
                                   headers=REGISTRAR)
    assert registered.json()["status"] == "registered", registered.text
    assert registered.json()["hold"]["resumption_note"].startswith("吸收合并")

    spans = await until(lambda: _hold_spans(secured_stack, trace_id), timeout=30, interval=0.3,
                        what="contracts' handling of the deregistration in the request's trace")
    assert len(build_tree(spans)) == 1, "the hold is not one trace with the deregistration request"


def _hold_spans(stack, trace_id):
    spans = read_spans(stack.var_dir / "traces", trace_id)
    known = {s["span_id"] for s in spans}
    handled = ("contracts", f"handle {EmployerDeregistered.type}") in {(s["service"], s["name"]) for s in spans}
    parents_here = all(s["parent_id"] in known for s in spans if s["service"] != "gateway" or s["kind"] != "SERVER")
    return spans if handled and parents_here else None
