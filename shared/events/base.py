"""Integration events and their CloudEvents 1.0 envelope.

An event is a frozen pydantic model with a `type` (also the routing key) and a `version`. Changes to a published
event are additive only; the JSON Schema snapshots in tests/shared/events catch anything else.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field


class Event(BaseModel):
    """Base of every catalog event. Subclasses set `type` and, when they break compatibility, `version`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: ClassVar[str]
    version: ClassVar[int] = 1
    producer: ClassVar[str]
    consumers: ClassVar[tuple[str, ...]] = ()
    """Services that subscribe to this event (the routing table is built from these)."""
    informational: ClassVar[str] = ""
    """Why no service of the platform acts on this event, when `consumers` is empty (who outside reads it and
    where); the AsyncAPI document and the README's flows table print it. Every event has one or the other."""

    def subject(self) -> str:
        """The id of the aggregate the event is about (CloudEvents `subject`)."""
        raise NotImplementedError


class Envelope(BaseModel):
    """CloudEvents 1.0 structured-mode envelope plus trace and causality extensions."""

    model_config = ConfigDict(frozen=True, extra="allow")

    specversion: str = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    version: int = 1
    subject: str | None = None
    time: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    datacontenttype: str = "application/json"
    data: dict[str, Any]
    traceparent: str | None = None
    tracestate: str | None = None
    correlationid: str | None = None
    causationid: str | None = None

    @classmethod
    def wrap(cls, event: Event, *, source: str, **extensions: Any) -> "Envelope":
        return cls(
            source=source,
            type=event.type,
            version=event.version,
            subject=event.subject(),
            data=event.model_dump(mode="json"),
            **extensions,
        )

    def to_json_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()
