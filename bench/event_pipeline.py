"""Event pipeline: command → outbox (same document write) → relay with confirms → quorum queue → consumer with
inbox → idempotent write. Reported beside two raw baselines measured in the same run with the same confirms,
prefetch and concurrency: an aio-pika publish→consume loop, and a PyMongo async insert loop.

    python -m bench.event_pipeline [--events 2000] [--concurrency 16] [--latency-seconds 10]
"""
from __future__ import annotations

import argparse
import asyncio
import time
import uuid

import aio_pika
from pymongo import monitoring

from bench import report
from deploy import broker_users
from deploy.broker_users import declare_topology
from shared import mongo
from shared.config import Settings
from shared.events import EmployerRegistered, Envelope
from shared.bus.grants import OPERATOR
from shared.runtime import ServiceRuntime
from tests.support.namespace import drop_namespace
from tests.support.runtime import running, until

MONGO = "mongodb://127.0.0.1:27017/"
AMQP = broker_users.url_for("amqp://127.0.0.1:5672/", OPERATOR)  # the raw baselines and set-up, as the operator


class RoundTrips(monitoring.CommandListener):
    """Database commands sent by this process (both runtimes), by command name; handshakes and pings left out."""

    IGNORED = {"hello", "ismaster", "isMaster", "ping", "buildInfo", "endSessions", "createIndexes", "create"}

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def started(self, event) -> None:
        if event.command_name not in self.IGNORED:
            self.counts[event.command_name] = self.counts.get(event.command_name, 0) + 1

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        pass


ROUND_TRIPS = RoundTrips()
monitoring.register(ROUND_TRIPS)  # before any client exists: listeners are read at client creation


def event(i: int) -> EmployerRegistered:
    return EmployerRegistered(employer_id=f"e{i}", name="Unit", uscc="91110108551385082Q", district_code="110108",
                              registered_on="2026-11-20")


def _as(service: str) -> str:
    return broker_users.url_for(AMQP, service)


class Pipeline:
    """A producer runtime (registry) and a consumer runtime (insurance) whose handler writes idempotently."""

    def __init__(self, namespace: str, prefetch: int) -> None:
        base = dict(namespace=namespace, mongo_url=MONGO, prefetch=prefetch, outbox_sweep_seconds=0.2)
        self.producer = ServiceRuntime(Settings(service="registry", amqp_url=_as("registry"), **base))
        self.store = self.producer.store("employers")
        self.consumer = ServiceRuntime(Settings(service="insurance", amqp_url=_as("insurance"), **base))
        self.seen: dict[str, float] = {}
        self.effects = self.consumer.db["effects"]
        self.consumer.subscribe({EmployerRegistered.type: self.handle})

    async def handle(self, envelope: Envelope) -> None:
        try:
            await self.effects.insert_one({"_id": envelope.subject})
        except mongo.DuplicateKeyError:
            pass
        self.seen[envelope.subject] = time.perf_counter()

    async def command(self, i: int) -> float:
        started = time.perf_counter()
        await self.store.save(f"e{i}", {"n": i}, [event(i)], loaded=None)
        return started


async def max_rate(pipeline: Pipeline, first: int, count: int, concurrency: int) -> float:
    gate = asyncio.Semaphore(concurrency)

    async def one(i):
        async with gate:
            await pipeline.command(i)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(first, first + count)))
    await until(lambda: all(f"e{i}" in pipeline.seen for i in range(first, first + count)), timeout=600)
    return count / (time.perf_counter() - started)


async def latencies(pipeline: Pipeline, first: int, rate: float, seconds: float) -> list[float]:
    """Open loop: commands start on schedule whether or not earlier ones have finished."""
    starts: dict[int, float] = {}
    tasks, n = [], int(rate * seconds)
    begin = time.perf_counter()
    for k in range(n):
        await asyncio.sleep(max(0.0, begin + k / rate - time.perf_counter()))
        i = first + k
        tasks.append(asyncio.create_task(pipeline.command(i)))
        starts[i] = time.perf_counter()
    await asyncio.gather(*tasks)
    await until(lambda: all(f"e{i}" in pipeline.seen for i in starts), timeout=600)
    return [(pipeline.seen[f"e{i}"] - t) * 1000 for i, t in starts.items()]


async def raw_amqp(namespace: str, count: int, concurrency: int, prefetch: int) -> float:
    connection = await aio_pika.connect_robust(AMQP)
    async with connection:
        publish_channel = await connection.channel(publisher_confirms=True)
        consume_channel = await connection.channel()
        await consume_channel.set_qos(prefetch_count=prefetch)
        queue = await consume_channel.declare_queue(f"{namespace}.raw", durable=True,
                                                    arguments={"x-queue-type": "quorum"})
        done, received = asyncio.Event(), 0

        async def on_message(message):
            nonlocal received
            await message.ack()
            received += 1
            if received == count:
                done.set()

        await queue.consume(on_message)
        gate = asyncio.Semaphore(concurrency)
        body = Envelope.wrap(event(0), source="/bench").to_json_bytes()

        async def one():
            async with gate:
                await publish_channel.default_exchange.publish(
                    aio_pika.Message(body, delivery_mode=aio_pika.DeliveryMode.PERSISTENT), queue.name, timeout=10)

        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(count)))
        await asyncio.wait_for(done.wait(), timeout=600)
        elapsed = time.perf_counter() - started
        await queue.delete(if_unused=False, if_empty=False)
        return count / elapsed


async def raw_mongo(namespace: str, count: int, concurrency: int) -> float:
    client = mongo.connect(MONGO)
    collection = client[f"{namespace}_raw"]["docs"]
    gate = asyncio.Semaphore(concurrency)

    async def one(i):
        async with gate:
            await collection.insert_one({"_id": i, "n": i, "data": event(i).model_dump(mode="json")})

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    elapsed = time.perf_counter() - started
    await client.close()
    return count / elapsed


async def main(events: int, concurrency: int, prefetch: int, latency_seconds: float) -> None:
    namespace = "bench" + uuid.uuid4().hex[:8]
    try:
        await declare_topology(AMQP, namespace)  # as the broker setup does (services may not declare it)
        pipeline = Pipeline(namespace, prefetch)
        async with running(pipeline.producer, pipeline.consumer):
            ROUND_TRIPS.counts.clear()
            rate = await max_rate(pipeline, 0, events, concurrency)
            trips = dict(ROUND_TRIPS.counts)
            lat = await latencies(pipeline, events, rate / 2, latency_seconds)
        amqp_rate = await raw_amqp(namespace, events, concurrency, prefetch)
        mongo_rate = await raw_mongo(namespace, events, concurrency)
    finally:
        await drop_namespace(namespace, MONGO, AMQP)
    bound = 1 / (1 / amqp_rate + 1 / mongo_rate)  # the combined raw bound: one publish and one insert
    rows = [
        ("outbox → relay → queue → inbox → write", f"{rate:,.0f}", f"{report.percentile(lat, 50):.1f}",
         f"{report.percentile(lat, 99):.1f}", "1.00"),
        ("raw aio-pika publish (confirms) → consume", f"{amqp_rate:,.0f}", "", "", f"{rate / amqp_rate:.2f}"),
        ("raw pymongo insert_one", f"{mongo_rate:,.0f}", "", "", f"{rate / mongo_rate:.2f}"),
        ("combined raw bound 1/(1/amqp + 1/insert)", f"{bound:,.0f}", "", "", f"{rate / bound:.2f}"),
    ]
    per_event = ", ".join(f"{name} {n / events:.2f}" for name, n in sorted(trips.items()))
    report.append("Event pipeline", f"python -m bench.event_pipeline --events {events} --concurrency {concurrency} "
                  f"--prefetch {prefetch} --latency-seconds {latency_seconds:g}", rows,
                  ("path", "events/s (max)", "p50 ms at half max", "p99 ms at half max", "pipeline ÷ this"),
                  notes=f"Database round trips per event at max rate: {sum(trips.values()) / events:.2f} "
                        f"({per_event}; pymongo command monitoring, both runtimes). "
                        + report.versions("aio-pika", "pymongo") + "; " + report.engine() + ", RabbitMQ 3.10.")
    for row in rows:
        print(" | ".join(row))
    print("round trips per event:", f"{sum(trips.values()) / events:.2f}", per_event)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--prefetch", type=int, default=32)
    parser.add_argument("--latency-seconds", type=float, default=10.0)
    args = parser.parse_args()
    asyncio.run(main(args.events, args.concurrency, args.prefetch, args.latency_seconds))
