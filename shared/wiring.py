"""Composition helpers for bootstrap.py: bind handlers to their dependencies by parameter name."""
from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import Request

from shared.bus.consumer import Handler
from shared.events import Envelope, Event, decode


def inject(handler: Callable[..., Awaitable[Any]], deps: Mapping[str, Any]) -> Callable[..., Awaitable[Any]]:
    """Partially apply the handler's parameters that are named in `deps` (cosmicpython's bootstrap idiom)."""
    wanted = {name: deps[name] for name in inspect.signature(handler).parameters if name in deps}

    async def bound(*args: Any, **kwargs: Any) -> Any:
        return await handler(*args, **wanted, **kwargs)

    bound.__name__ = handler.__name__
    return bound


def event_handlers(table: Mapping[type[Event], Callable[..., Awaitable[None]]],
                   deps: Mapping[str, Any]) -> dict[str, Handler]:
    """Turn `{EventClass: handler(event, envelope, **deps)}` into the bus's `{event type: handler(envelope)}`."""

    def adapt(handler: Callable[..., Awaitable[None]]) -> Handler:
        bound = inject(handler, deps)

        async def on_envelope(envelope: Envelope) -> None:
            await bound(decode(envelope), envelope)

        return on_envelope

    return {event.type: adapt(handler) for event, handler in table.items()}


async def container_of(request: Request) -> Any:
    """FastAPI dependency: the container that bootstrap built for this app. `async` although it awaits nothing:
    FastAPI runs a plain `def` dependency in a worker thread, which cost a tenth of a read's CPU."""
    return request.app.state.container
