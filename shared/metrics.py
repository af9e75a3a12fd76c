"""Prometheus metrics of one process, served on `GET /metrics` (prometheus-client's own exposition).

Names follow OpenTelemetry's semantic conventions in their Prometheus form where one exists
(`http.server.request.duration` → `http_server_request_duration_seconds`, attributes with `_` for `.`); the
platform's own are `civic_*`. Request rate and error rate come from the histograms' `_count`
(`rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[5m])`).
Labels stay bounded: route templates (never raw paths), event types from the catalog, command names.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI, Response
from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, disable_created_metrics,
                               generate_latest)
from pymongo import monitoring
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.config import SERVICES

# OpenTelemetry's advised boundaries for request durations, in seconds.
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)
UNMATCHED = "unmatched"
disable_created_metrics()  # no `*_created` series beside every counter and histogram: nothing here reads them

http_duration = Histogram(
    "http_server_request_duration_seconds", "Duration of HTTP server requests.",
    ["http_request_method", "http_route", "http_response_status_code"], buckets=DURATION_BUCKETS)
http_active = Gauge("http_server_active_requests", "HTTP server requests in progress.", ["http_request_method"])

events_published = Counter("civic_events_published", "Events the outbox relay published (broker confirmed).",
                           ["event_type"])
events_consumed = Counter("civic_events_consumed", "Events a consumer handled and acked.", ["event_type"])
events_duplicate = Counter("civic_events_duplicate",
                           "Redelivered events the inbox had already seen (acked, no effect).", ["event_type"])
events_retried = Counter("civic_events_retried", "Failed events sent to a retry queue.", ["event_type"])
events_parked = Counter("civic_events_parked", "Events parked after their last retry (a person must look).",
                        ["event_type"])
consume_duration = Histogram("messaging_process_duration_seconds", "Duration of handling one consumed event.",
                             ["event_type"], buckets=DURATION_BUCKETS)
consumer_in_flight = Gauge("civic_consumer_in_flight", "Delivered messages not yet settled (at most the prefetch).")
consumer_prefetch = Gauge("civic_consumer_prefetch", "Unacked messages the consumer lets the broker deliver.")

outbox_pending = Gauge("civic_outbox_pending", "Outbox markers waiting for the relay (events not yet published).")
outbox_oldest_age = Gauge("civic_outbox_oldest_age_seconds", "Age of the oldest pending outbox marker (0 if none).")

broker_duration = Histogram(
    "messaging_client_operation_duration_seconds", "Duration of a broker call (publish with its confirm).",
    ["messaging_operation_name", "messaging_destination_name"], buckets=DURATION_BUCKETS)
db_duration = Histogram(
    "db_client_operation_duration_seconds", "Duration of a database command.",
    ["db_operation_name", "db_namespace", "error_type"], buckets=DURATION_BUCKETS)


@contextmanager
def timed(histogram: Histogram, **labels: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        histogram.labels(**labels).observe(time.perf_counter() - started)


class HttpMetricsMiddleware:
    """Pure ASGI: duration by method, route template and status; a raised error counts as 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/metrics":
            return await self.app(scope, receive, send)
        method, status, started = scope["method"], 500, time.perf_counter()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        active = http_active.labels(method)
        active.inc()
        try:
            await self.app(scope, receive, send_with_status)
        finally:
            active.dec()
            http_duration.labels(method, _route(scope), str(status)).observe(time.perf_counter() - started)


def _route(scope: Scope) -> str:
    """The route template; the gateway's forwarding route with its upstream filled in (`/api/v1/registry/{path:path}`),
    which stays bounded: only the platform's service names, never what a client typed."""
    route = getattr(scope.get("route"), "path", UNMATCHED)
    service = scope.get("path_params", {}).get("service")
    return route.replace("{service}", service) if service in SERVICES and "{service}" in route else route


class _CommandTimer(monitoring.CommandListener):
    """pymongo's command monitoring: one observation per command, its duration measured by the driver."""

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        pass

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        db_duration.labels(event.command_name, event.database_name, "").observe(event.duration_micros / 1e6)

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        failure = event.failure if isinstance(event.failure, dict) else {}
        error = str(failure.get("codeName") or "error")
        db_duration.labels(event.command_name, event.database_name, error).observe(event.duration_micros / 1e6)


_listening = False


def listen_to_database() -> None:
    """Once per process, before the Mongo client is created (pymongo gives listeners to clients built later)."""
    global _listening
    if not _listening:
        monitoring.register(_CommandTimer())
        _listening = True


def install(app: FastAPI) -> None:
    """`GET /metrics` and the HTTP middleware on an app."""
    app.add_middleware(HttpMetricsMiddleware)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
