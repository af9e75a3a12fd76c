"""Logs and spans never carry a full resident ID (居民身份证号码) or USCC (统一社会信用代码), a password or a token.

A candidate 18-character string is masked only when its check digit confirms it (`stdnum.cn.ric` /
`stdnum.cn.uscc`), so order numbers, timestamps and other long digit runs stay readable. Secrets are masked by
shape (JWTs) and by field name (`password`, `token`, `secret`, `authorization`, …).

Install with `handler.addFilter(MaskingFilter())` and
`provider.add_span_processor(MaskingSpanProcessor(BatchSpanProcessor(exporter)))`.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor
from opentelemetry.sdk.trace import Event as SpanEvent
from stdnum.cn import ric, uscc

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_SUSPECT = re.compile(r"eyJ|[0-9A-Za-z]{18}")  # what either pattern needs; one scan clears most texts
SECRET_KEYS = ("password", "passwd", "secret", "token", "authorization", "cookie")
_SHORTEST = 13  # nothing shorter can hold a JWT (`eyJ…` + two dots) or an 18-character identifier
MASKED_SECRET = "***"
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def is_identifier(text: str) -> bool:
    """True for a full resident ID or USCC whose check digit is right."""
    return ric.is_valid(text) or uscc.is_valid(text)


def mask_identifier(text: str) -> str:
    """Keep the first 3 and last 4 characters: `110***********123X`."""
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask(text: str) -> str:
    """The text with every confirmed resident ID / USCC masked and every JWT-shaped token replaced."""
    if len(text) < _SHORTEST or not _SUSPECT.search(text):  # most span attributes: every span end pays for this
        return text
    text = _JWT.sub(MASKED_SECRET, text)
    return _CANDIDATE.sub(lambda m: mask_identifier(m[0]) if is_identifier(m[0].upper()) else m[0], text)


def mask_value(key: str, value: Any) -> Any:
    """A log field or span attribute, masked: secrets by name, identifiers by content."""
    if _names_a_secret(key):
        return MASKED_SECRET
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, (list, tuple)):
        return type(value)(mask_value(key, v) for v in value)
    if isinstance(value, dict):
        return {k: mask_value(str(k), v) for k, v in value.items()}
    return value


@lru_cache(maxsize=4096)  # a process sees a few hundred distinct field and attribute names
def _names_a_secret(key: str) -> bool:
    return any(secret in key.lower() for secret in SECRET_KEYS)


class MaskingFilter(logging.Filter):
    """A logging filter: the formatted message, the exception text and every extra field are masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
            record.exc_info = None  # formatters fall back to the (masked) exc_text
        for key, value in list(vars(record).items()):
            if key not in _STANDARD:
                setattr(record, key, mask_value(key, value))
        return True


class MaskingSpanProcessor(SpanProcessor):
    """Wraps the exporting processor: a finished span reaches it with its name, attributes and events masked."""

    def __init__(self, inner: SpanProcessor) -> None:
        self._inner = inner

    def on_start(self, span, parent_context=None) -> None:
        self._inner.on_start(span, parent_context=parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        self._inner.on_end(masked_span(span))

    def shutdown(self) -> None:
        self._inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._inner.force_flush(timeout_millis)


def masked_span(span: ReadableSpan) -> ReadableSpan:
    """The span itself when nothing in it needs masking (nearly every span: a request's, a query's), else a copy."""
    if not span.events and mask(span.name) == span.name and not _needs_masking(span.attributes):
        return span
    events = [SpanEvent(e.name, _masked_attributes(e.attributes), e.timestamp) for e in span.events]
    return ReadableSpan(
        name=mask(span.name), context=span.get_span_context(), parent=span.parent, resource=span.resource,
        attributes=_masked_attributes(span.attributes), events=events, links=span.links, kind=span.kind,
        status=span.status, start_time=span.start_time, end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope)


def _needs_masking(attributes) -> bool:
    return any(mask_value(key, value) != value for key, value in (attributes or {}).items())


def _masked_attributes(attributes) -> dict:
    return {key: mask_value(key, value) for key, value in (attributes or {}).items()}
