"""Who consumes which event, derived from each catalog event's `consumers`.

Every process declares the queues and bindings named here (idempotently) before it publishes, so an event is
never dropped because its consumer has not started yet. Each service's `application/subscriptions.py` maps the
same event types to handlers; a test keeps the two in step.
"""
from __future__ import annotations

from shared.config import SERVICES
from shared.events import CATALOG
from shared.events.base import Event

CONSUMERS: dict[str, tuple[type[Event], ...]] = {
    service: tuple(event for event in CATALOG if service in event.consumers) for service in SERVICES
}


def routing_keys(service: str) -> tuple[str, ...]:
    return tuple(event.type for event in CONSUMERS[service])


def consumers_of(event_type: str) -> tuple[str, ...]:
    return tuple(name for name, events in CONSUMERS.items() if any(e.type == event_type for e in events))
