"""FerretDB is killed (SIGKILL) and stays away for 10 s while requests keep coming (issue 10, "Faults").

The stack runs on a PRIVATE FerretDB (never the shared one). Writes and reads go through the gateway and straight
at the services while the database is stopped; the market regulator keeps sending licence revocations onto the bus.
Every answer during the outage must be a quick 503 problem+json; `/health/ready` must say the database is down;
after the restart the same processes must recover on their own; every acknowledged write is there exactly once,
every refused one absent or complete; nothing is parked and every consumer is back.
"""
from __future__ import annotations

import asyncio
import dataclasses
import json
import time
import uuid
from datetime import date

import aio_pika
import httpx
import pytest

from shared.bus.topology import Topology
from shared.events import Envelope
from shared.events.market_regulator import LicenceRevoked
from tests.e2e.conftest import start_stack
from tests.e2e.flows import account_of, new_uscc, register_employer
from tests.faults.ferret import PrivateFerret
from tests.faults.bus_checks import CONSUMING_SERVICES, assert_bus_settled, assert_outbox_drained
from tests.support.bus import producers
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e, pytest.mark.faults]

OUTAGE_SECONDS = 10
RETRY_DELAYS = (1.0, 10.0, 60.0)
BURST = 6
# No hang: a service waits out one database timeout (2 s, shared/mongo.py) before its 503, the gateway two in
# turn on a write (the service's, then its own audit record's); concurrent requests must not add up.
SERVICE_BOUND, GATEWAY_BOUND = 4.0, 6.0
PROBLEM_JSON = "application/problem+json"
REGISTRY = "/api/v1/registry/employers"
REVOKED = "licence revoked by the market regulator"


@dataclasses.dataclass
class Answer:
    kind: str
    started: float
    took: float
    status: int  # 0: no answer at all (timeout, connection error)
    content_type: str
    uscc: str | None = None
    employer_id: str | None = None


@pytest.fixture
def ferret(tmp_path):
    database = PrivateFerret(tmp_path / "ferretdb")
    try:
        database.start()
        yield database
    finally:
        database.close()  # and its PostgreSQL database


@pytest.fixture
async def outage_stack(infra, namespace, tmp_path, ferret):
    # The product's retry delays: an event failing during a 10 s outage must be retried, not parked.
    live = start_stack(dataclasses.replace(infra, mongo_url=ferret.url), namespace, tmp_path,
                       CIVIC_RETRY_DELAYS=json.dumps(RETRY_DELAYS))
    yield live
    live.stack.stop()
    await _delete_retry_queues(infra.amqp_url, namespace)  # `namespace` removes those of the test delays only


async def test_services_answer_503_during_a_database_outage_and_recover_by_themselves(
        outage_stack, ferret, infra, namespace):
    live = outage_stack
    pids = {c.name: c.proc.pid for c in live.stack.children}
    async with httpx.AsyncClient(base_url=live.gateway, timeout=15) as gw, \
            httpx.AsyncClient(base_url=live.child("registry").url, timeout=15) as registry, \
            httpx.AsyncClient(base_url=live.child("insurance").url, timeout=15) as insurance:
        known = [await register_employer(gw) for _ in range(3)]
        for employer in known:
            await account_of(gw, employer["id"])
        answers: list[Answer] = []
        stop = asyncio.Event()
        traffic = asyncio.gather(_writes(gw, "gateway write", answers, stop),
                                 _writes(registry, "registry write", answers, stop),
                                 _reads(gw, "gateway read", f"{REGISTRY}/{known[0]['id']}", answers, stop),
                                 _reads(insurance, "insurance read", f"/api/v1/insurance/accounts/{known[1]['id']}",
                                        answers, stop))
        try:
            await asyncio.sleep(2)
            await asyncio.to_thread(ferret.crash)
            down_at = time.monotonic()  # from here on no request can be served
            revocations = await _revoke_licences(infra, namespace, known)
            await _assert_ready_reports_database_down(registry, gw)
            # concurrent writes: the gateway must not make them wait for one another's failures
            answers += await asyncio.gather(*(_register(gw, "gateway burst") for _ in range(BURST)))
            await asyncio.sleep(max(0.0, down_at + OUTAGE_SECONDS - time.monotonic()))
            await asyncio.to_thread(ferret.start)
            up_at = time.monotonic()
            await asyncio.sleep(5)  # traffic continues across the recovery
        finally:
            stop.set()
            await traffic

        _assert_quick_problem_answers(answers, down_at, up_at)
        await _assert_recovered_without_restart(live, gw, registry, pids)
        await _assert_writes_whole(live, gw, answers)
        await _assert_revoked_once(gw, revocations)
    await assert_outbox_drained(live, ("registry", "insurance"))
    await assert_bus_settled(infra.amqp_url, namespace, RETRY_DELAYS)


async def _writes(client: httpx.AsyncClient, kind: str, answers: list[Answer], stop: asyncio.Event) -> None:
    while not stop.is_set():
        answers.append(await _register(client, kind))
        await asyncio.sleep(0.2)


async def _register(client: httpx.AsyncClient, kind: str) -> Answer:
    uscc = new_uscc()
    body = {"name": "海淀区故障测试有限公司", "uscc": uscc, "district_code": "110108"}
    return await _timed(kind, uscc, client.post(REGISTRY, json=body))


async def _reads(client: httpx.AsyncClient, kind: str, path: str, answers: list[Answer], stop: asyncio.Event) -> None:
    while not stop.is_set():
        answers.append(await _timed(kind, None, client.get(path)))
        await asyncio.sleep(0.2)


async def _timed(kind: str, uscc: str | None, request) -> Answer:
    started = time.monotonic()
    try:
        response = await request
    except httpx.HTTPError:
        return Answer(kind, started, time.monotonic() - started, 0, "", uscc)
    employer_id = response.json().get("id") if response.status_code == 201 else None
    return Answer(kind, started, time.monotonic() - started, response.status_code,
                  response.headers.get("content-type", ""), uscc, employer_id)


async def _revoke_licences(infra, namespace: str, employers: list[dict]) -> dict[str, str]:
    """The market regulator publishes (as its own broker user) while the database is down: employer id → decision
    number."""
    decisions = {e["id"]: f"京市监罚〔{uuid.uuid4().hex[:8]}〕" for e in employers}
    async with producers(infra, namespace) as bus:
        for employer in employers:
            event = LicenceRevoked(uscc=employer["uscc"], revoked_on=date.fromisoformat(employer["registered_on"]),
                                   decision_number=decisions[employer["id"]])
            await bus.publish(Envelope.wrap(event, source="/market_regulator"))
    return decisions


async def _assert_ready_reports_database_down(registry: httpx.AsyncClient, gw: httpx.AsyncClient) -> None:
    async def database_down():
        response = await registry.get("/health/ready")
        return response.status_code == 503 and response.json()["checks"]["mongo"]["status"] == "down"

    await until(database_down, timeout=8, interval=0.5, what="registry's /health/ready to report the database down")
    response = await gw.get("/health/ready")
    assert response.status_code == 503 and response.json()["checks"]["registry"]["status"] == "down", response.text


async def _delete_retry_queues(amqp_url: str, namespace: str) -> None:
    topology = Topology(namespace)
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        for service in CONSUMING_SERVICES:
            for delay in RETRY_DELAYS:
                await channel.queue_delete(topology.retry(service, delay))


def _assert_quick_problem_answers(answers: list[Answer], down_at: float, up_at: float) -> None:
    slow = [a for a in answers if a.status == 0 or a.took > (GATEWAY_BOUND if "gateway" in a.kind else SERVICE_BOUND)]
    assert not slow, f"answers slower than {SERVICE_BOUND} s (service) / {GATEWAY_BOUND} s (gateway), or none: {slow}"
    odd = [a for a in answers if a.status not in (200, 201, 503)]
    assert not odd, f"answers neither a success nor 503: {odd}"
    during = [a for a in answers if a.started > down_at and a.started + a.took < up_at]
    kinds = {a.kind for a in during}
    assert kinds == {"gateway write", "registry write", "gateway read", "insurance read", "gateway burst"}, kinds
    wrong = [a for a in during if a.status != 503 or a.content_type != PROBLEM_JSON]
    assert not wrong, f"answers during the outage that are not 503 problem+json: {wrong}"


async def _assert_recovered_without_restart(live, gw, registry, pids: dict[str, int]) -> None:
    last: list[str] = []

    async def ready():
        response = await gw.get("/health/ready")
        last[:] = [response.text]
        return response.status_code == 200

    try:
        await until(ready, timeout=30, interval=0.5, what="every process to report ready after the outage")
    except AssertionError as exc:  # say which check is still down
        raise AssertionError(f"{exc}; the gateway's last readiness answer: {last[0] if last else '-'}") from None
    assert {c.name: c.proc.pid for c in live.stack.children} == pids and live.stack.dead() is None
    for client in (gw, registry):
        response = await client.post(REGISTRY, json={"name": "海淀区恢复测试有限公司", "uscc": new_uscc(),
                                                     "district_code": "110108"})
        assert response.status_code == 201, response.text


async def _assert_writes_whole(live, gw: httpx.AsyncClient, answers: list[Answer]) -> None:
    """Acknowledged → exactly once, with its account; refused → absent, or present exactly once and complete."""
    employers = live.db("registry")["employers"]
    writes = [a for a in answers if a.uscc is not None]
    assert any(a.status == 201 for a in writes) and any(a.status == 503 for a in writes)
    for write in writes:
        docs = await employers.find({"uscc": write.uscc}, {"_id": 1}).to_list(None)
        if write.status == 201:
            assert [d["_id"] for d in docs] == [write.employer_id], f"{write} stored as {docs}"
        assert len(docs) <= 1, f"{write} stored {len(docs)} times"
        for doc in docs:  # complete: its registration event went out and insurance opened the account
            await account_of(gw, doc["_id"], timeout=60)


async def _assert_revoked_once(gw: httpx.AsyncClient, decisions: dict[str, str]) -> None:
    for employer_id, decision in decisions.items():
        async def deregistered():
            body = (await gw.get(f"{REGISTRY}/{employer_id}")).json()
            return body if body["status"] == "deregistered" else None

        await until(deregistered, timeout=60, interval=0.5, what=f"{employer_id} force-deregistered")
        timeline = (await gw.get(f"{REGISTRY}/{employer_id}/events", params={"size": 200})).json()["items"]
        applied = [e for e in timeline if e["what"] == REVOKED and e["data"].get("decision") == decision]
        assert len(applied) == 1, f"the revocation of {employer_id} applied {len(applied)} times: {timeline}"
