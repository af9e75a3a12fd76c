"""JSON logs, one object per line, carrying the service, trace_id, span_id and correlation id."""
from __future__ import annotations

import logging
import sys

from opentelemetry import trace
from pythonjsonlogger.json import JsonFormatter

from shared import context
from shared.masking import MaskingFilter


class _TraceFields(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def filter(self, record: logging.LogRecord) -> bool:
        ctx = trace.get_current_span().get_span_context()
        record.service = self._service
        record.trace_id = format(ctx.trace_id, "032x") if ctx.is_valid else None
        record.span_id = format(ctx.span_id, "016x") if ctx.is_valid else None
        record.correlation_id = context.correlation_id.get()
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s",
                                       rename_fields={"asctime": "time", "levelname": "level"}))
    handler.addFilter(_TraceFields(service))
    handler.addFilter(MaskingFilter())  # no full resident ID, USCC, password or token in a log line
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiormq").setLevel("WARNING")
    logging.getLogger("aio_pika").setLevel("WARNING")
    # httpx logs every request at INFO: one masked JSON line per proxied request in the gateway (bench/gateway_read.py)
    logging.getLogger("httpx").setLevel("WARNING")
