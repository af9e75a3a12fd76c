"""The clients and background tasks of one service process, and the FastAPI app around them.

Built once by the service's `bootstrap.py`. The HTTP server starts even while the broker is down: the bus is
connected by a background task (the robust connection then keeps it up), and `/health/ready` says what is missing.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import datetime, timedelta, timezone
from collections.abc import Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from typing import Protocol

import httpx
import uvicorn
from aio_pika.abc import AbstractRobustConnection
from fastapi import APIRouter, FastAPI

from shared import health, http, metrics, mongo, problem_docs
from shared.access import AccessGate, AccessPolicy
from shared.audit.keys import settings_keyring
from shared.audit.log import AuditLog
from shared.audit.middleware import AuditMiddleware
from shared.auth import HttpJwks, Verifier
from shared.bus.connection import connect as connect_bus
from shared.bus.consumer import Consumer, Handler
from shared.bus.grants import broker_user, check_own_broker_user
from shared.bus.publisher import Publisher
from shared.bus.topology import Topology
from shared.concurrency import KeyedLock
from shared.config import CommonSettings, Settings
from shared.heap import settle_the_heap
from shared.idempotency import openapi as idempotency_docs
from shared.idempotency.middleware import IdempotencyMiddleware
from shared.idempotency.store import IdempotencyStore
from shared.inbox import Inbox
from shared.jobs.runner import JobRunner
from shared.jobs.store import JobStore
from shared.lease import Lease
from shared.logging import configure_logging
from shared.outbox import OutboxRelay
from shared.scheduler import PeriodicJob
from shared.store import AggregateStore
from shared.telemetry import flush, request_tracing, setup_tracing

log = logging.getLogger(__name__)
STOP_STEP_SECONDS = 5.0
OUTBOX_WATCH_SECONDS = 5.0
AUDIT_CHECKPOINT_SECONDS = 300.0
"""The head of the audit chain is checkpointed this often (and at every `CHECKPOINT_EVERY`-th record), so a chain
truncated later than the last such tick is caught by `civic audit verify`."""
IDEMPOTENCY_PURGE_SECONDS = 600.0
"""Expired `Idempotency-Key` records are deleted this often (FerretDB v1 has no TTL index; lookups ignore them)."""


class ProcessRuntime:
    """What every process has: its settings, the database, leases and periodic jobs, health, and a broker
    connection (kept up by a background task). The gateway is one of these: it neither publishes nor consumes."""

    def __init__(self, settings: CommonSettings) -> None:
        self.settings = settings
        metrics.listen_to_database()
        self.client = mongo.connect(settings.mongo_url)
        self.db = self.client[settings.database_name]
        self.locks = KeyedLock()
        self.topology = Topology(settings.namespace)
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        self.connection: AbstractRobustConnection | None = None
        self.health = health.HealthChecks()
        self._tasks: list[asyncio.Task] = []
        self._jobs: list[PeriodicJob] = []
        self.on_stop: list[Callable[[], Awaitable[None]]] = []  # the container's own clients, closed at shutdown
        self.health.add("mongo", lambda: mongo.ping(self.client))
        self.health.add("broker", self._broker_ready)
        self.audit = AuditLog(self.db["audit"], self.db["audit_checkpoints"],
                              settings_keyring(settings, create=True), chain=settings.service)
        self.every("audit-checkpoint", AUDIT_CHECKPOINT_SECONDS, self.audit.checkpoint)

    def lease(self, job: str) -> Lease:
        """Leadership for a job that must run in one replica at a time (relay, watchers, scheduled steps)."""
        ttl = self.settings.lease_seconds
        return Lease(self.db["leases"], job, self.holder, ttl=ttl, margin=min(1.0, ttl / 4))

    def every(self, job: str, seconds: float, action) -> PeriodicJob:
        """A periodic job that runs once per tick across all replicas; started with the bus."""
        periodic = PeriodicJob(job, seconds, action, lease=self.lease(job), runs=self.db["job_runs"])
        self._jobs.append(periodic)
        return periodic

    async def start(self) -> None:
        await self.audit.ensure_indexes()
        self._tasks.append(asyncio.create_task(self._connect_bus(), name="bus-connect"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        # Bounded too: on Python 3.11 `asyncio.wait_for` can swallow a cancellation that arrives as its inner wait
        # completes (fixed in 3.12), and a loop around it then never ends; a CI run hung here for 300 s once.
        await _bounded(asyncio.gather(*self._tasks, return_exceptions=True), "stopping the background tasks")
        await self._stop_messaging()
        for close in self.on_stop:
            await _bounded(close(), f"closing {getattr(close, '__qualname__', close)}")
        if self.connection is not None:
            await _bounded(self.connection.close(), "closing the broker connection")
        await _bounded(self.client.close(), "closing the database client")
        flush()

    async def _connect_bus(self) -> None:
        while self.connection is None:
            try:
                self.connection = await connect_bus(self.settings.amqp_url, name=self.settings.service)
            except Exception as exc:  # noqa: BLE001 - broker not up yet: keep trying, health says why
                log.warning("broker not reachable (%s); retrying", exc)
                await asyncio.sleep(1)
        await self._start_messaging()
        for job in self._jobs:
            self._tasks.append(asyncio.create_task(job.run_forever(), name=f"job-{job.name}"))

    async def _start_messaging(self) -> None:
        """Nothing in a process that only reads the broker (the gateway's queue depths)."""

    async def _stop_messaging(self) -> None:
        """Nothing to stop in a process that only reads the broker."""

    async def _broker_ready(self) -> dict:
        if self.connection is None or self.connection.is_closed:
            raise ConnectionError("not connected to the broker")
        return {}


class ServiceRuntime(ProcessRuntime):
    """A service process: the process half plus messaging — the outbox relay, the publisher, the consumer and its
    inbox."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.settings: Settings = settings
        self.publisher = Publisher(self.topology, user=broker_user(settings.amqp_url), timeout=settings.publish_timeout)
        self.relay = OutboxRelay(self.db["outbox"], self.publisher, sweep_seconds=settings.outbox_sweep_seconds,
                                 lease=self.lease("outbox-relay"),
                                 orphan_grace=timedelta(seconds=settings.outbox_orphan_seconds))
        self.inbox = Inbox(self.db["inbox"])
        self.idempotency = IdempotencyStore(self.db["idempotency_keys"],
                                            ttl=timedelta(seconds=settings.idempotency_ttl_seconds),
                                            claim=timedelta(seconds=settings.idempotency_claim_seconds))
        self.every("idempotency-purge", IDEMPOTENCY_PURGE_SECONDS, self.idempotency.purge)
        self.handlers: dict[str, Handler] = {}
        self.consumer: Consumer | None = None
        self.health.add("outbox", self.outbox_status)
        self.jobs = JobRunner(JobStore(self.db["jobs"]), self.db["leases"], self.holder,
                              lease_seconds=settings.lease_seconds)

    def store(self, collection: str) -> AggregateStore:
        """An aggregate collection whose pending events this process's relay publishes."""
        store = AggregateStore(self.db[collection], self.db["outbox"], self.locks,
                               source=f"/civic/{self.settings.service}", on_pending=self.relay.wake)
        self.relay.register(store)
        return store

    def subscribe(self, handlers: Mapping[str, Handler]) -> None:
        self.handlers.update(handlers)
        if self.handlers and self.consumer is None:
            self.consumer = Consumer(self.topology, self.settings.service, handlers=self.handlers,
                                     inbox=self.inbox, publisher=self.publisher,
                                     retry_delays=self.settings.retry_delays, prefetch=self.settings.prefetch,
                                     hold_ack_seconds=self.settings.fault_hold_ack_seconds)

    async def start(self) -> None:
        check_own_broker_user(self.settings.service, self.settings.amqp_url)
        await self.relay.create_indexes()
        await self.idempotency.ensure_indexes()
        await self.jobs.store.ensure_indexes()
        await super().start()
        self.jobs.start()  # the jobs need only the database: queued ones are picked up before the bus is back
        self._tasks.append(asyncio.create_task(self._watch_outbox(), name="outbox-watch"))

    async def _start_messaging(self) -> None:
        await self.publisher.start(self.connection)
        if self.consumer is not None:
            await self.consumer.start(self.connection)
            self._tasks.append(asyncio.create_task(self._watch_consumer(), name="consumer-watch"))
        if self.settings.outbox_relay_enabled:
            self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
            self.relay.wake()

    async def stop(self) -> None:
        await _bounded(self.jobs.stop(), "stopping the jobs (the next runner takes them over)")
        await super().stop()

    async def _stop_messaging(self) -> None:
        if self.consumer is not None and self.connection is not None and not self.connection.is_closed:
            await _bounded(self.consumer.stop(), "cancelling the consumer")

    async def _watch_consumer(self) -> None:
        while True:
            await asyncio.sleep(5)
            try:
                await self.consumer.ensure_consuming()
            except Exception as exc:  # noqa: BLE001 - broker still down; the next round checks again
                log.info("consumer check skipped: %s", exc)

    async def outbox_status(self) -> dict:
        """Pending markers and the age of the oldest, also as gauges: measured apart from the relay, so they grow
        when the relay is stuck, switched off or without a lease holder."""
        pending, oldest = await asyncio.gather(self.relay.pending(), self.relay.oldest())
        age = max(0.0, (datetime.now(timezone.utc) - oldest).total_seconds()) if oldest else 0.0
        metrics.outbox_pending.set(pending)
        metrics.outbox_oldest_age.set(age)
        return {"outbox_pending": pending, "outbox_oldest_seconds": round(age, 1)}

    async def _watch_outbox(self) -> None:
        while True:
            try:
                await self.outbox_status()
            except Exception as exc:  # noqa: BLE001 - database down: health says so; the gauges keep their value
                log.info("outbox gauges not refreshed: %s", exc)
            await asyncio.sleep(OUTBOX_WATCH_SECONDS)

    async def _broker_ready(self) -> dict:
        if self.connection is None or self.connection.is_closed or not self.publisher.ready:
            raise ConnectionError("not connected to the broker")
        if self.consumer is not None and not self.consumer.consuming:
            raise ConnectionError("connected, but not consuming")
        return {"last_event": self.consumer.last_handled} if self.consumer is not None else {}


async def _bounded(step, what: str) -> None:
    """A shutdown step that gives up after STOP_STEP_SECONDS: a robust channel whose connection was lost waits for
    the reconnect before it sends anything (aio-pika #636), and a process asked to stop must not wait for it."""
    try:
        await asyncio.wait_for(step, STOP_STEP_SECONDS)
    except Exception as exc:  # noqa: BLE001 - the broker requeues whatever this process held; nothing is lost
        log.warning("%s did not finish at shutdown (%r); stopping anyway", what, exc)


class Container(Protocol):
    """What bootstrap builds for a process: its runtime, plus repositories and handlers of its own."""

    runtime: ProcessRuntime

    async def init_db(self) -> None: ...


def create_app(container: Container, *, title: str, routers: Iterable[APIRouter],
               access: AccessPolicy | None = None) -> FastAPI:
    """The FastAPI app of one service: its routers, health, problem+json, tracing, the bus lifespan, the
    access gate (token, role, employer scope) when the service declares its policy, the audit record of every
    state-changing request, and in a service `Idempotency-Key` on every state-changing request (inside the gate and
    the request guard: `shared.idempotency.middleware`)."""
    runtime = container.runtime
    settings = runtime.settings
    configure_logging(settings.service, settings.log_level)
    setup_tracing(settings)
    jwks_http = httpx.AsyncClient()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await container.init_db()
        await runtime.start()
        yield
        await runtime.stop()
        await jwks_http.aclose()

    app = FastAPI(title=title, lifespan=lifespan, telemetry=request_tracing())
    app.state.runtime = runtime
    app.state.container = container
    for api in routers:
        app.include_router(api)
        for kind in getattr(api, "job_kinds", ()):  # shared.jobs.routes.job_router: the kinds' work, run here
            runtime.jobs.register({kind.name: kind.bind(container)})
    app.include_router(health.router(settings.service, runtime.health))
    if isinstance(runtime, ServiceRuntime):  # added first, so it runs after the gate and the guard, before routing
        app.add_middleware(IdempotencyMiddleware, store=runtime.idempotency)
    http.install(app, max_body_bytes=settings.max_body_bytes)
    problem_docs.install(app)  # errors documented as the problem+json they are
    if isinstance(runtime, ServiceRuntime):
        idempotency_docs.install(app)
    if not settings.auth_required:
        log.warning("CIVIC_AUTH_REQUIRED=false: requests without a token are served and their X-Civic-* identity "
                    "headers are believed as sent. This is for tests only; never run a deployment this way.")
    if access is not None:
        app.state.verifier = Verifier(HttpJwks(settings.gateway_jwks_url, jwks_http))
        app.add_middleware(AccessGate, policy=access, required=settings.auth_required)
    # Outside the gate, so a refused write is recorded too; every process audits what reaches its own port.
    app.add_middleware(AuditMiddleware, audit=runtime.audit,
                       believe_headers=access is not None and not settings.auth_required)
    metrics.install(app)
    return app


def serve(app: FastAPI, settings: CommonSettings) -> None:
    settle_the_heap()
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, access_log=False)
