"""Gateway → registry → outbox → RabbitMQ → insurance, as real processes on the real servers."""
import asyncio
import secrets

import aio_pika
import pytest

from shared.bus.topology import Topology
from shared.events import AccountOpened, EmployerRegistered, Envelope
from shared.tracefile import build_tree
from tests.e2e.flows import account_of, register_employer, spans_once
from tests.support.bus import producers
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]


async def test_start_brings_up_every_process_and_ready_reports_each(secured_stack, officer_client):
    body = (await officer_client.get("/health/ready")).json()
    assert body["status"] == "ready"
    expected = {"mongo", "broker", "registry", "insurance", "contracts", "markets", "workforce"}
    assert expected <= set(body["checks"]) and all(c["status"] == "up" for c in body["checks"].values())


async def test_registered_employer_gets_an_account_in_one_trace(secured_stack, officer_client):
    trace_id, remote_parent = secrets.token_hex(16), secrets.token_hex(8)
    employer = await register_employer(officer_client, traceparent=f"00-{trace_id}-{remote_parent}-01")
    account = await account_of(officer_client, employer["id"])
    assert account["employer_id"] == employer["id"] and account["status"] == "open"
    assert account["uscc"] == employer["uscc"] and account["mode"] == "auto"

    spans = await until(lambda: spans_once(secured_stack, trace_id, *_SLICE), what="the spans of all three processes")
    roots = build_tree(spans)
    assert len(roots) == 1 and roots[0].record["parent_id"] == remote_parent, "the trace has a broken link"
    chain = _path_to(roots[0], _insurance_handles)
    assert [(r["service"], r["kind"]) for r in chain if r["kind"] != "INTERNAL"][:1] == [("gateway", "SERVER")]
    names = [(r["service"], r["name"]) for r in chain]
    assert ("registry", f"outbox publish {EmployerRegistered.type}") in names
    consumer = next(r for r in chain if r["kind"] == "CONSUMER")
    publish = chain[chain.index(consumer) - 1]
    assert consumer["service"] == "insurance" and publish["service"] == "registry" and publish["kind"] == "PRODUCER"
    registry_server = next(r for r in chain if r["service"] == "registry" and r["kind"] == "SERVER")
    assert chain.index(registry_server) < names.index(("registry", f"outbox publish {EmployerRegistered.type}"))


_SLICE = (("registry", f"outbox publish {EmployerRegistered.type}"), ("insurance", f"handle {EmployerRegistered.type}"))


def _insurance_handles(record) -> bool:
    """Insurance's handler span (contracts handles the same event too, to learn the unit's USCC)."""
    return record["name"] == f"handle {EmployerRegistered.type}" and record["service"] == "insurance"


def _path_to(node, match):
    """Records from `node` down to the first span matching `match` (depth-first), or [] if none."""
    if match(node.record):
        return [node.record]
    for child in node.children:
        path = _path_to(child, match)
        if path:
            return [node.record] + path
    return []


async def test_a_crash_between_write_and_publish_loses_nothing_and_doubles_nothing(secured_stack, officer_client):
    secured_stack.kill("registry")
    secured_stack.respawn("registry", CIVIC_OUTBOX_RELAY_ENABLED="false")  # writes, never publishes
    employer = await register_employer(officer_client)
    stored = await secured_stack.db("registry")["employers"].find_one({"_id": employer["id"]})
    assert len(stored["_outbox"]) == 1, "the event must be stored with the employer, unpublished"
    secured_stack.kill("registry")  # SIGKILL: the event is still only in the employer's document
    await asyncio.sleep(1)
    assert (await officer_client.get(f"/api/v1/insurance/accounts/{employer['id']}")).status_code == 404
    secured_stack.respawn("registry")
    await account_of(officer_client, employer["id"])
    accounts = secured_stack.db("insurance")["accounts"]
    assert await accounts.count_documents({"uscc": employer["uscc"]}) == 1


async def test_duplicate_deliveries_of_one_event_open_one_account(secured_stack, officer_client, infra):
    namespace = secured_stack.env["CIVIC_NAMESPACE"]
    topology = Topology(namespace)
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        watch = await channel.declare_queue(exclusive=True)
        await watch.bind(topology.exchange, AccountOpened.type)
        event = EmployerRegistered(employer_id="dup-1", name="Unit", uscc="91110108551385082Q",
                                   district_code="110108", registered_on="2026-11-20")
        async with producers(infra, namespace) as bus:
            await bus.publish(event, times=3)
        await account_of(officer_client, "dup-1")
        opened = await _collect(watch, seconds=2.0)
    assert [m["subject"] for m in opened] == ["dup-1"], "one effect, one AccountOpened event"


async def _collect(queue, seconds):
    found = []
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        message = await queue.get(no_ack=True, fail=False)
        if message is None:
            await asyncio.sleep(0.1)
        else:
            found.append(Envelope.model_validate_json(message.body).model_dump())
    return found
