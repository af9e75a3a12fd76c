"""Deregistration saga, request → final state: `POST …/deregistration` through the gateway until registry
publishes `registry.employer.deregistered` (registry writes the final state, its relay publishes the event; insurance
assessed no arrears in between), idle and under a fixed open-loop rate, beside a raw baseline in the same run.

    .venv/bin/python -m bench.saga [--idle-rate 2 --idle-count 20] [--rate 50 --seconds 5] [--append]

The path measured: gateway → registry (write + outbox) → relay → RabbitMQ → insurance (inbox, arrears read, write
+ outbox) → relay → registry (inbox, write + outbox) → relay → a watch queue of our own. Latency runs from each
request's scheduled time (open loop) to the event's arrival; sagas without an answer within `--wait` are counted.
The raw baseline does the same number of confirmed publishes, consumes and database writes with bare aio-pika and
PyMongo's async client (three hops, one insert each) on the same schedule.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid

import aio_pika

from bench import report, stack
from bench.gateway_read import seed
from bench.load import HttpClient, Run
from shared import mongo
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from shared.bus.topology import Topology

REQUEST = "/api/v1/registry/employers/{}/deregistration"


class Arrivals:
    """When each subject's event reached our queue."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}

    async def on_message(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        self.at.setdefault(Envelope.model_validate_json(message.body).subject, time.perf_counter())
        await message.ack()

    async def wait(self, subjects, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while any(s not in self.at for s in subjects) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)


async def schedule(label: str, start, subjects: list[str], rate: float, arrivals: Arrivals, wait: float) -> Run:
    """Open loop: saga k starts at begin + k / rate; latency from that time to its final event."""
    run, due, tasks = Run(label, rate, len(subjects) / rate), {}, []
    begin = time.perf_counter() + 0.05

    async def one(subject: str) -> None:
        try:
            status = await start(subject)
        except Exception as exc:  # noqa: BLE001 - counted, not fatal
            run.errors[type(exc).__name__] += 1
            return
        if status >= 300:
            run.errors[str(status)] += 1

    for k, subject in enumerate(subjects):
        due[subject] = begin + k / rate
        await asyncio.sleep(max(0.0, due[subject] - time.perf_counter()))
        run.lag_ms = max(run.lag_ms, (time.perf_counter() - due[subject]) * 1000)
        tasks.append(asyncio.create_task(one(subject)))
    await asyncio.gather(*tasks)
    await arrivals.wait(subjects, wait)
    run.latencies = [(arrivals.at[s] - due[s]) * 1000 for s in subjects if s in arrivals.at]
    run.timeouts = len(subjects) - len(run.latencies)  # unfinished within --wait (a 504 may still finish)
    return run


async def watch(connection, namespace: str, event_type: str, arrivals: Arrivals) -> None:
    channel = await connection.channel()
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(Topology(namespace).exchange, event_type)
    await queue.consume(arrivals.on_message)


async def accounts_opened(namespace: str, ids: list[str], seconds: float = 120) -> None:
    """Insurance answers the saga from the employer's account: wait until every account exists."""
    client = mongo.connect(stack.MONGO)
    accounts = client[f"{namespace}_insurance"]["accounts"]
    deadline = time.monotonic() + seconds
    try:
        while await accounts.count_documents({"_id": {"$in": ids}}) < len(ids):
            if time.monotonic() > deadline:
                raise RuntimeError("insurance did not open the seeded employers' accounts in time")
            await asyncio.sleep(0.5)
    finally:
        await client.close()


async def real_saga(args) -> tuple[Run, Run]:
    async with stack.live(frozenset(args.profile)) as live:
        registry = HttpClient("127.0.0.1", live.port("registry"))
        ids = await seed(registry, args.idle_count + int(args.rate * args.seconds))
        await accounts_opened(live.namespace, ids)
        gateway, arrivals = HttpClient("127.0.0.1", live.port("gateway")), Arrivals()
        body = json.dumps({"reason": "dissolution", "event_date": time.strftime("%Y-%m-%d")}).encode()

        async def start(employer_id: str) -> int:
            status, _ = await gateway.request("POST", REQUEST.format(employer_id), body,
                                              {"content-type": "application/json"})
            return status

        connection = await aio_pika.connect(stack.AMQP)
        async with connection:
            await watch(connection, live.namespace, EmployerDeregistered.type, arrivals)
            idle = await schedule("saga idle", start, ids[:args.idle_count], args.idle_rate, arrivals, args.wait)
            print(_line(idle), flush=True)
            loaded = await schedule("saga loaded", start, ids[args.idle_count:], args.rate, arrivals, args.wait)
            print(_line(loaded), flush=True)
    return idle, loaded


class RawChain:
    """The baseline: three hops, each one PyMongo insert and one confirmed publish to the next quorum queue."""

    HOPS = 3

    def __init__(self, connection, namespace: str) -> None:
        self.connection, self.prefix = connection, f"{namespace}.raw"
        self.client = mongo.connect(stack.MONGO)
        self.db = self.client[f"{namespace}_raw"]
        self.arrivals = Arrivals()

    async def setup(self) -> None:
        self.publish = await self.connection.channel(publisher_confirms=True)
        consume = await self.connection.channel()
        await consume.set_qos(prefetch_count=32)
        for hop in range(self.HOPS):
            queue = await consume.declare_queue(f"{self.prefix}.{hop}", durable=True,
                                                arguments={"x-queue-type": "quorum"})
            await queue.consume(self._relay(hop + 1) if hop + 1 < self.HOPS else self.arrivals.on_message)

    def _relay(self, next_hop: int):
        async def on_message(message) -> None:
            await self.step(next_hop, message.body)
            await message.ack()

        return on_message

    async def step(self, hop: int, body: bytes) -> None:
        envelope = Envelope.model_validate_json(body)
        await self.db[f"hop{hop}"].insert_one({"_id": envelope.subject, "body": body})
        await self.publish.default_exchange.publish(
            aio_pika.Message(body, delivery_mode=aio_pika.DeliveryMode.PERSISTENT), f"{self.prefix}.{hop}",
            timeout=10)

    async def start(self, subject: str) -> int:
        event = EmployerDeregistered(employer_id=subject, uscc="91110108551385082Q", district_code="110108",
                                     reason="dissolution", deregistered_on=time.strftime("%Y-%m-%d"))
        await self.step(0, Envelope.wrap(event, source="/bench").to_json_bytes())
        return 200

    async def teardown(self) -> None:
        channel = await self.connection.channel()
        for hop in range(self.HOPS):
            await channel.queue_delete(f"{self.prefix}.{hop}")
        await self.client.drop_database(self.db.name)
        await self.client.close()


async def raw_chain(args) -> tuple[Run, Run]:
    namespace = "bench" + uuid.uuid4().hex[:8]
    connection = await aio_pika.connect(stack.AMQP)
    async with connection:
        chain = RawChain(connection, namespace)
        await chain.setup()
        try:
            subjects = [f"e{i}" for i in range(args.idle_count + int(args.rate * args.seconds))]
            idle = await schedule("raw idle", chain.start, subjects[:args.idle_count], args.idle_rate,
                                  chain.arrivals, args.wait)
            print(_line(idle), flush=True)
            loaded = await schedule("raw loaded", chain.start, subjects[args.idle_count:], args.rate,
                                    chain.arrivals, args.wait)
            print(_line(loaded), flush=True)
        finally:
            await chain.teardown()
    return idle, loaded


def _count(run: Run) -> int:
    return round(run.offered * run.seconds)


def _line(run: Run) -> str:
    return (f"{run.label:<12} {run.offered:5g}/s × {_count(run):4}  p50 {run.p(50):8.1f} ms  p99 {run.p(99):8.1f} ms  "
            f"failed {run.failures()}  generator lag {run.lag_ms:.0f} ms")


async def main(args) -> None:
    saga_idle, saga_loaded = await real_saga(args)
    raw_idle, raw_loaded = await raw_chain(args)
    rows = []
    for saga, raw, what in ((saga_idle, raw_idle, "idle"), (saga_loaded, raw_loaded, "under load")):
        for run in (saga, raw):
            rows.append((run.label, f"{run.offered:g}/s × {_count(run)}", f"{run.p(50):.0f}", f"{run.p(99):.0f}",
                         f"{run.p(50) / raw.p(50):.1f} / {run.p(99) / raw.p(99):.1f}", run.failures()))
    header = ("path", "sagas offered", "p50 ms", "p99 ms", "÷ raw chain (p50 / p99)", "unfinished / failed")
    for row in rows:
        print(" | ".join(row))
    if args.append:
        report.append("Deregistration saga, request → final state", _command(args), rows, header,
                      notes="Open loop; latency from each request's scheduled time to `registry.employer."
                            "deregistered` on a watch queue. Raw chain: 3 × (pymongo insert + confirmed publish to a "
                            "quorum queue → consume). " + report.versions("aio-pika", "pymongo", "fastapi")
                            + "; " + report.engine() + ", RabbitMQ 3.10.")


def _command(args) -> str:
    return (f"python -m bench.saga --idle-rate {args.idle_rate:g} --idle-count {args.idle_count} --rate "
            f"{args.rate:g} --seconds {args.seconds:g}{stack.profile_option(args.profile)} --append")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-rate", type=float, default=2.0, help="sagas/s while idle (no overlap)")
    parser.add_argument("--idle-count", type=int, default=20)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--wait", type=float, default=120.0, help="seconds to wait for the last answers")
    parser.add_argument("--profile", nargs="*", default=[], choices=sorted(stack.supervisor.MODULES),
                        help="run these processes under pyinstrument and print where their time went")
    parser.add_argument("--append", action="store_true", help="append the table to docs/benchmarks.md")
    asyncio.run(main(parser.parse_args()))
