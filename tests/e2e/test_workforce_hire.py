"""Gateway → workforce → outbox → RabbitMQ → insurance: a hired community worker is enrolled with the street
office's contribution account, all in the trace of the hiring request; the separation removes them again.
Neither spans nor workforce's log show the full resident ID."""
import json
import secrets
from datetime import date

import aio_pika
import pytest

from shared.bus.topology import Topology
from shared.events.registry_places import CommunityRegistered
from shared.events.workforce import WorkerHired
from tests.e2e.flows import account_of, next_event, register_employer, spans_once
from tests.services.workforce.payloads import hire_body
from tests.support.bus import producers
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
_HIRE = (("workforce", f"outbox publish {WorkerHired.type}"), ("insurance", f"handle {WorkerHired.type}"))


async def test_a_hire_enrols_the_worker_with_insurance_in_one_trace_and_a_separation_removes_them(
        secured_stack, officer_client, infra):
    street = await register_employer(officer_client)  # the street office, with its contribution account
    await account_of(officer_client, street["id"])
    namespace = secured_stack.env["CIVIC_NAMESPACE"]
    async with producers(infra, namespace) as bus:  # the community `hire_body` names, as registry announces it
        await bus.publish(CommunityRegistered(
            community_id="c1", name="东升社区", district_code="110108", street="东升镇", rural=False, households=900,
            resident_population=2500, registered_population=2300, migrant_population=200,
            effective_on=date(2026, 3, 1)))
    body = hire_body(employer_id=street["id"])
    trace_id = secrets.token_hex(16)
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel()
        watch = await channel.declare_queue(exclusive=True)
        await watch.bind(Topology(namespace).exchange, WorkerHired.type)

        async def hired():  # once workforce has learnt of the street office and c1 from registry's events
            response = await officer_client.post("/api/v1/workforce/workers", json=body, headers={
                "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
            return None if response.status_code == 422 and "unknown-" in response.text else response

        response = await until(hired, timeout=30, interval=0.2, what="workforce knowing the employer and c1")
        assert response.status_code == 201, response.text
        envelope = await next_event(watch, WorkerHired.type, 15.0)
    worker = response.json()
    assert envelope.type == WorkerHired.type and envelope.subject == worker["id"]
    assert envelope.traceparent.split("-")[1] == trace_id, "the event travels in the hiring request's trace"
    assert envelope.data["employer_id"] == street["id"]
    assert envelope.data["resident_id"] == body["person"]["resident_id"]

    members = await until(lambda: _members(officer_client, street["id"]), timeout=30, interval=0.2,
                          what="the worker enrolled (or queued) with the street office's account")
    assert [m["resident_id"] for m in members] == [body["person"]["resident_id"]]
    assert members[0]["documents_pending"] is True, "the hire carries no 表二: enrolled pending its documents"
    spans = await until(lambda: spans_once(secured_stack, trace_id, *_HIRE), what="the spans of gateway, workforce, insurance")
    names = {(s["service"], s["name"]) for s in spans}
    assert ("workforce", f"outbox publish {WorkerHired.type}") in names
    assert ("insurance", f"handle {WorkerHired.type}") in names
    full_id = body["person"]["resident_id"]
    assert full_id not in json.dumps(spans), "spans never show a full resident ID"
    logged = [p.read_text(errors="replace") for p in (secured_stack.var_dir / "log").rglob("workforce*")]
    assert logged and all(full_id not in text for text in logged), "workforce logs never show a full resident ID"
    assert any(full_id[:6] + "********" + full_id[-4:] in text for text in logged), "the hire is logged, masked"

    left = await officer_client.post(f"/api/v1/workforce/workers/{worker['id']}/separation",
                                     json={"reason": "resignation", "on": "2026-12-31"})
    assert left.status_code == 200, left.text
    removed = await until(lambda: _removed(officer_client, street["id"]), timeout=30, interval=0.2,
                          what="insurance removing the separated worker")
    assert removed["resident_id"] == full_id and removed["removed_on"] is not None
    documents = await until(lambda: _documents(officer_client, street["id"]), timeout=30, interval=0.2,
                            what="the transfer certificate of the removal")
    assert [(d["resident_id"], d["form"]) for d in documents] == [(full_id, "表二十二")]



async def _members(client, employer_id):
    response = await client.get(f"/api/v1/insurance/accounts/{employer_id}/members")
    return response.json()["items"] if response.status_code == 200 and response.json()["items"] else None


async def _documents(client, employer_id):
    response = await client.get(f"/api/v1/insurance/accounts/{employer_id}/transfer-documents")
    return response.json()["items"] if response.status_code == 200 and response.json()["items"] else None


async def _removed(client, employer_id):
    members = await _members(client, employer_id) or []
    return next((m for m in members if m["removed_on"] is not None), None)


