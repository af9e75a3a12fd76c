"""A faulty link between insurance and the broker (issue 10, "Faults").

Insurance — the consumer of registrations and the saga's answering side, and a publisher through its outbox —
reaches the shared RabbitMQ only through a TCP fault proxy that adds latency and resets connections while
registrations and deregistrations flow. The guarantees must hold as on a healthy link: every effect exactly once
(counted as distinct event ids per employer on a watch queue: a re-published event keeps its id, a doubled effect
would not), parked queues empty, a consumer back on every queue, every outbox drained.
"""
from __future__ import annotations

import asyncio
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

import aio_pika
import httpx
import pytest

from shared.bus.topology import Topology
from shared.events import Envelope
from tests.e2e.conftest import start_stack
from tests.e2e.flows import account_of, register_employer
from tests.faults.bus_checks import CONSUMING_SERVICES, assert_bus_settled, assert_outbox_drained
from tests.support.faultproxy import FaultProxy
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e, pytest.mark.faults]

REGISTRY = "/api/v1/registry/employers"
EMPLOYERS = 16
FAULT_ROUNDS = 15  # bounded: the chaos stops by itself even if the commands never finish


@pytest.fixture
def faulty_insurance(infra, namespace, tmp_path):
    """The stack, with insurance respawned to reach the broker only through the fault proxy."""
    amqp = urlsplit(infra.amqp_url)
    live = start_stack(infra, namespace, tmp_path)
    proxy = FaultProxy(amqp.port or 5672, amqp.hostname or "127.0.0.1").start()
    try:
        live.kill("insurance")
        proxied = urlunsplit(amqp._replace(netloc=f"{amqp.username}:{amqp.password}@127.0.0.1:{proxy.port}"))
        live.respawn("insurance", AMQP_URL=proxied)
        yield live, proxy
    finally:
        live.stack.stop()
        proxy.stop()


async def test_effects_exactly_once_through_a_faulty_broker_link(faulty_insurance, infra, namespace):
    live, proxy = faulty_insurance
    async with _watch(infra.amqp_url, namespace) as seen, \
            httpx.AsyncClient(base_url=live.gateway, timeout=15) as gw:
        stop = asyncio.Event()
        chaos = asyncio.create_task(_chaos(proxy, stop))
        try:
            employers, leaving = await _commands(gw)
        finally:
            stop.set()
            await chaos
        assert proxy.resets >= 4 and proxy.accepted >= 4, f"too few faults: {proxy.resets} resets, " \
                                                          f"{proxy.accepted} connections"
        for employer in employers:
            wanted = "deregistered" if employer in leaving else "open"
            await until(lambda: _account_status(gw, employer["id"], wanted), timeout=60, interval=0.5,
                        what=f"account {employer['id']} {wanted}")
        await assert_outbox_drained(live, ("registry", "insurance"))
        await assert_bus_settled(infra.amqp_url, namespace)
        await asyncio.sleep(1)  # the last publications reach the watch queue
        _assert_effects_once(seen, employers, leaving)


async def _commands(gw: httpx.AsyncClient) -> tuple[list[dict], list[dict]]:
    """Registrations at a steady pace; every other unit, once insurance has its account, asks to deregister —
    so events flow both ways across the faulty link the whole time."""
    employers: list[dict] = []
    leaving: list[dict] = []

    async def deregister(employer: dict) -> None:
        await account_of(gw, employer["id"], timeout=60)
        response = await gw.post(f"{REGISTRY}/{employer['id']}/deregistration",
                                 json={"reason": "dissolution", "event_date": employer["registered_on"]})
        assert response.status_code == 202, response.text

    sagas = []
    for i in range(EMPLOYERS):
        employers.append(await register_employer(gw))
        if i % 2 == 0:
            leaving.append(employers[-1])
            sagas.append(asyncio.create_task(deregister(employers[-1])))
        await asyncio.sleep(0.6)
    await asyncio.gather(*sagas)
    await asyncio.sleep(2)  # keep the faults going while the saga's last answers travel
    return employers, leaving


async def _chaos(proxy: FaultProxy, stop: asyncio.Event) -> None:
    """Rounds of: slow link (300 ms each way), reset while slow (confirms and acks in flight are cut), refused
    reconnects, a healthy moment; ends when told or after the rounds."""
    for round_ in range(FAULT_ROUNDS):
        if stop.is_set():
            break
        proxy.latency = 0.3
        await _pause(stop, 1.2)
        proxy.reset_all()
        proxy.latency = 0.0
        proxy.refusing = round_ % 2 == 0  # every other round, the first reconnects are refused too
        await _pause(stop, 1.2)
        proxy.refusing = False
        await _pause(stop, 0.8)
    proxy.latency, proxy.refusing = 0.0, False


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


async def _account_status(gw: httpx.AsyncClient, employer_id: str, wanted: str) -> bool:
    response = await gw.get(f"/api/v1/insurance/accounts/{employer_id}")
    return response.status_code == 200 and response.json()["status"] == wanted


def _assert_effects_once(seen: list[Envelope], employers: list[dict], leaving: list[dict]) -> None:
    """Distinct event ids per (type, employer): a duplicate delivery keeps its id, a doubled effect gets a new one."""
    distinct = Counter((e.type, e.data.get("employer_id")) for e in {e.id: e for e in seen}.values())
    for employer in employers:
        expected = {"registry.employer.registered": 1, "insurance.account.opened": 1}
        if employer in leaving:
            expected |= {"registry.employer.deregistration_requested": 1, "insurance.arrears.assessed": 1,
                         "registry.employer.deregistered": 1}
        got = {t: distinct[(t, employer["id"])] for t in expected}
        assert got == expected, f"effects of {employer['id']}: {got}"


class _watch:
    """An exclusive queue on the shared broker bound to every event of the namespace; collects envelopes."""

    def __init__(self, amqp_url: str, namespace: str) -> None:
        self._url, self._exchange = amqp_url, Topology(namespace).exchange
        self._seen: list[Envelope] = []

    async def __aenter__(self) -> list[Envelope]:
        self._connection = await aio_pika.connect(self._url)
        channel = await self._connection.channel()
        queue = await channel.declare_queue("", exclusive=True)
        await queue.bind(self._exchange, routing_key="#")
        await queue.consume(self._on_message, no_ack=True)
        return self._seen

    async def _on_message(self, message) -> None:
        self._seen.append(Envelope.model_validate_json(message.body))

    async def __aexit__(self, *exc) -> None:
        await self._connection.close()
