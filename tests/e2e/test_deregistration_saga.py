"""The deregistration saga across real processes (gateway, registry, insurance, …) on RabbitMQ and FerretDB.

- No arrears: answered by insurance's own handler of `registry.employer.deregistration_requested` (skipped while
  insurance does not consume that event), and the whole saga is one trace.
- Arrears: insurance is stopped, and its answers (`insurance.arrears.assessed` with a total above 0, then
  `insurance.arrears.settled`) are published onto the namespace's exchange by the test, as insurance would.
"""
import secrets

import aio_pika
import pytest

from shared.bus.topology import Topology
from shared.events import Envelope
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.registry import DeregistrationRequested
from shared.tracefile import build_tree, read_spans
from tests.e2e.flows import account_of, register_employer
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

REGISTRY = "/api/v1/registry/employers"


async def status_is(client, employer_id, wanted, timeout=30):
    async def check():
        body = (await client.get(f"{REGISTRY}/{employer_id}")).json()
        return body if body["status"] == wanted else None
    return await until(check, timeout=timeout, interval=0.2, what=f"employer {employer_id} {wanted}")


@pytest.mark.skipif("insurance" not in DeregistrationRequested.consumers,
                    reason="insurance does not handle registry.employer.deregistration_requested yet")
async def test_no_arrears_deregisters_through_insurance_in_one_trace(live_stack, gateway_client):
    employer = await register_employer(gateway_client)
    await account_of(gateway_client, employer["id"])
    trace_id = secrets.token_hex(16)
    response = await gateway_client.post(f"{REGISTRY}/{employer['id']}/deregistration",
                                         json={"reason": "dissolution", "event_date": employer["registered_on"]},
                                         headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert response.status_code == 202, response.text
    done = await status_is(gateway_client, employer["id"], "deregistered")
    assert done["certificate_status"] == "recalled" and done["arrears"]["total"] in ("0", "0.00")
    spans = await until(lambda: _saga_spans(live_stack, trace_id), timeout=30, what="the saga's spans")
    assert len(build_tree(spans)) == 1, "the saga's spans do not form one trace"


def _saga_spans(live_stack, trace_id):
    spans = read_spans(live_stack.var_dir / "traces", trace_id)
    names = {(s["service"], s["name"]) for s in spans}
    wanted = {("insurance", f"handle {DeregistrationRequested.type}"),
              ("registry", f"handle {ArrearsAssessed.type}")}
    return spans if wanted <= names and "gateway" in {s["service"] for s in spans} else None


async def test_arrears_block_then_settlement_completes_the_deregistration(live_stack, gateway_client, infra):
    employer = await register_employer(gateway_client)
    await account_of(gateway_client, employer["id"])
    live_stack.kill("insurance")  # its answers come from this test; the request waits in insurance's queue
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await Topology(live_stack.env["CIVIC_NAMESPACE"]).declare_exchange(channel)
        watch = await channel.declare_queue(exclusive=True)
        await watch.bind(exchange, DeregistrationRequested.type)
        response = await gateway_client.post(f"{REGISTRY}/{employer['id']}/deregistration",
                                             json={"reason": "bankruptcy", "event_date": employer["registered_on"]})
        assert response.status_code == 202, response.text
        request = await until(lambda: watch.get(no_ack=True, fail=False), timeout=20, what="the request event")
        request_id = Envelope.model_validate_json(request.body).data["request_id"]

        async def publish(event, times=1):
            envelope = Envelope.wrap(event, source="/civic/insurance")
            for _ in range(times):
                await exchange.publish(aio_pika.Message(envelope.to_json_bytes()), event.type)

        await publish(ArrearsAssessed(employer_id=employer["id"], request_id=request_id, contributions="2000.00",
                                      late_fees="35.00", fines="500.00", total="2535.00",
                                      as_of=employer["registered_on"]), times=2)
        blocked = await status_is(gateway_client, employer["id"], "deregistration_blocked")
        assert blocked["arrears"] == {"contributions": "2000.00", "late_fees": "35.00", "fines": "500.00",
                                      "total": "2535.00", "as_of": employer["registered_on"]}
        await publish(ArrearsSettled(employer_id=employer["id"], settled_on=employer["registered_on"]), times=2)
        done = await status_is(gateway_client, employer["id"], "deregistered")
    assert done["certificate_status"] == "recalled" and done["deregistration"]["forced"] is False
    timeline = [e["what"] for e in (await gateway_client.get(f"{REGISTRY}/{employer['id']}/events")).json()]
    assert timeline.count("deregistered: certificate recalled") == 1 and "deregistration blocked" in timeline
