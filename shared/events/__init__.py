"""The event catalog: every cross-service event, its envelope, and who consumes it."""
from __future__ import annotations

from shared.events.base import Envelope, Event
from shared.events.insurance import AccountOpened
from shared.events.registry import EmployerRegistered

CATALOG: tuple[type[Event], ...] = (EmployerRegistered, AccountOpened)
BY_TYPE: dict[str, type[Event]] = {event.type: event for event in CATALOG}


def decode(envelope: Envelope) -> Event:
    """The typed event inside an envelope; unknown types raise KeyError (the consumer parks them)."""
    return BY_TYPE[envelope.type].model_validate(envelope.data)


__all__ = ["CATALOG", "BY_TYPE", "Envelope", "Event", "decode", "AccountOpened", "EmployerRegistered"]
