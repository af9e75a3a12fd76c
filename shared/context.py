"""Request-scoped identifiers that ride along with every event a request causes."""
from __future__ import annotations

from contextvars import ContextVar

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
"""The id of the original request (or first event) a chain of work belongs to."""

causation_id: ContextVar[str | None] = ContextVar("causation_id", default=None)
"""The id of the request or event that directly caused the current work."""
