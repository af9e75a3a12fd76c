"""Composition helpers for bootstrap.py: bind event handlers to their dependencies, checked at start.

A handler is `async def handle(event, envelope, <dependencies by name>)` (cosmicpython's bootstrap idiom). Binding
happens once, in bootstrap; a dependency the container does not provide (a misspelt name, a property, a field
renamed) fails the process at start with the handler's name, never at the first delivery.
"""
from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from fastapi import Request

from shared.bus.consumer import Handler
from shared.events import Envelope, Event, decode
from shared.events.routing import routing_keys

EVENT_PARAMETERS = 2  # every handler takes (event, envelope) first


class UnboundDependency(TypeError):
    """A handler asks for something bootstrap does not provide."""


def dependencies_of(container: Any) -> dict[str, Any]:
    """A container's fields by name (a dataclass built by keyword in bootstrap)."""
    if not is_dataclass(container):
        raise TypeError(f"{type(container).__name__} must be a dataclass so its dependencies can be checked")
    return {f.name: getattr(container, f.name) for f in fields(container)}


def inject(handler: Callable[..., Awaitable[Any]], deps: Mapping[str, Any], *,
           skip: int = 0) -> Callable[..., Awaitable[Any]]:
    """Partially apply the handler's parameters after the first `skip` from `deps`; every one of them must be
    there or have a default, else `UnboundDependency`."""
    parameters = list(inspect.signature(handler).parameters.values())[skip:]
    missing = [p.name for p in parameters if p.name not in deps and p.default is inspect.Parameter.empty]
    if missing:
        raise UnboundDependency(f"{handler.__module__}.{handler.__name__} needs {', '.join(missing)}, which "
                                f"bootstrap does not provide (it has: {', '.join(sorted(deps))})")
    wanted = {p.name: deps[p.name] for p in parameters if p.name in deps}

    async def bound(*args: Any, **kwargs: Any) -> Any:
        return await handler(*args, **wanted, **kwargs)

    bound.__name__ = handler.__name__
    return bound


def event_handlers(table: Mapping[type[Event], Callable[..., Awaitable[None]]], deps: Mapping[str, Any], *,
                   service: str | None = None) -> dict[str, Handler]:
    """Turn `{EventClass: handler(event, envelope, **deps)}` into the bus's `{event type: handler(envelope)}`.

    With `service`, the table must hold exactly the events the catalog routes to that service (each event's
    `consumers`, from which every process declares the queue bindings): the two cannot drift apart unnoticed."""
    if service is not None:
        routed, handled = set(routing_keys(service)), {event.type for event in table}
        if routed != handled:
            raise UnboundDependency(f"{service} subscribes to {sorted(handled)} but the catalog routes it "
                                    f"{sorted(routed)}: make the subscriptions and the events' `consumers` agree")

    def adapt(handler: Callable[..., Awaitable[None]]) -> Handler:
        bound = inject(handler, deps, skip=EVENT_PARAMETERS)

        async def on_envelope(envelope: Envelope) -> None:
            await bound(decode(envelope), envelope)

        return on_envelope

    return {event.type: adapt(handler) for event, handler in table.items()}


async def container_of(request: Request) -> Any:
    """FastAPI dependency: the container that bootstrap built for this app. `async` although it awaits nothing:
    FastAPI runs a plain `def` dependency in a worker thread, which cost a tenth of a read's CPU."""
    return request.app.state.container
