"""OpenTelemetry: one tracer provider per process, exporting over OTLP when an endpoint is set (compose, Kubernetes:
the collector), otherwise to JSON-lines files under `var/traces/` that `civic trace` reads, and also to Zipkin when
`CIVIC_ZIPKIN_URL` is set (`make run` starts one: the trace UI on a machine without a collector). httpx, aio-pika
and pymongo are instrumented, each HTTP request gets FastAPI's own SERVER span (`request_tracing`), and the gateway's
forwarder makes its CLIENT span itself (`gateway.forwarder`), so gateway → service → relay → consumer form one
trace."""
from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from shared.config import Settings
from shared.masking import MaskingSpanProcessor

_configured = False
UNTRACED_PATHS = frozenset({"/health/live", "/health/ready", "/metrics"})
"""Probes and scrapes: every few seconds from every prober, and nothing an on-call engineer follows."""


class JsonLinesSpanExporter(SpanExporter):
    """One JSON object per finished span, appended to `<dir>/<service>.<pid>.jsonl` (one file per process)."""

    def __init__(self, directory: Path, service: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._path = directory / f"{service}.{os.getpid()}.jsonl"
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        lines = "".join(json.dumps(span_record(s), default=str) + "\n" for s in spans)
        with self._lock, self._path.open("a", encoding="utf-8") as out:
            out.write(lines)
        return SpanExportResult.SUCCESS


def span_record(span: ReadableSpan) -> dict:
    ctx = span.get_span_context()
    return {
        "trace_id": format(ctx.trace_id, "032x"),
        "span_id": format(ctx.span_id, "016x"),
        "parent_id": format(span.parent.span_id, "016x") if span.parent else None,
        "name": span.name,
        "kind": span.kind.name,
        "service": span.resource.attributes.get("service.name"),
        "start": span.start_time,
        "end": span.end_time,
        "status": span.status.status_code.name,
        "attributes": dict(span.attributes or {}),
    }


def setup_tracing(settings: Settings) -> None:
    """Idempotent per process: later calls (tests building several apps) keep the first provider."""
    global _configured
    if _configured:
        return
    provider = TracerProvider(resource=Resource.create({"service.name": settings.service}))
    provider.add_span_processor(MaskingSpanProcessor(BatchSpanProcessor(_exporter(settings))))
    if settings.zipkin_url and not settings.otlp_endpoint:
        from opentelemetry.exporter.zipkin.json import ZipkinExporter

        endpoint = settings.zipkin_url.rstrip("/") + "/api/v2/spans"
        provider.add_span_processor(MaskingSpanProcessor(BatchSpanProcessor(ZipkinExporter(endpoint=endpoint))))
    trace.set_tracer_provider(provider)
    _instrument_libraries()
    _configured = True


def request_tracing() -> dict[str, Any]:
    """`FastAPI(telemetry=...)`: FastAPI's own span per request, named `GET /api/v1/registry/employers/{employer_id}`
    as OpenTelemetry's FastAPI instrumentation named it, with the route FastAPI learns while routing. That
    instrumentation matched the path against every route again to name its span, and wrapped the app in three more
    layers; with FastAPI's span, OpenTelemetry's share of the registry's CPU per read fell from 16 % to 8 %
    (`bench.gateway_read --profile registry`, issue 24).

    No span per dependency or serialization step (`operation_spans`): one per request is what a trace needs, and each
    costs what the request's own does. Metrics stay with `shared.metrics` (Prometheus) and error logs with
    `shared.logging`."""
    return {"operation_spans": False, "metrics": False, "logs": False, "exclude": _untraced}


def _untraced(scope: MutableMapping[str, Any]) -> bool:
    return scope.get("path") in UNTRACED_PATHS


def _exporter(settings: Settings) -> SpanExporter:
    if settings.otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter(endpoint=settings.otlp_endpoint.rstrip("/") + "/v1/traces")
    return JsonLinesSpanExporter(settings.traces_dir, settings.service)


def _instrument_libraries() -> None:
    from opentelemetry.instrumentation.aio_pika import AioPikaInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.pymongo import PymongoInstrumentor

    HTTPXClientInstrumentor().instrument()
    AioPikaInstrumentor().instrument()
    PymongoInstrumentor().instrument()


def flush() -> None:
    provider = trace.get_tracer_provider()
    if hasattr(provider, "force_flush"):
        provider.force_flush()


def tracer(name: str = "civic") -> trace.Tracer:
    return trace.get_tracer(name)


def current_carrier() -> dict[str, str]:
    """The W3C trace headers of the current span, to store beside an event until it is published."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


@contextmanager
def restored(carrier: Mapping[str, str]) -> Iterator[None]:
    """Run a block as a continuation of the trace stored in `carrier` (e.g. an outbox event's traceparent)."""
    token = otel_context.attach(propagate.extract(dict(carrier)))
    try:
        yield
    finally:
        otel_context.detach(token)


def current_trace_id() -> str | None:
    ctx = trace.get_current_span().get_span_context()
    return format(ctx.trace_id, "032x") if ctx.is_valid else None
