"""The event catalog: every cross-service event, its envelope, and who consumes it.

Each producer's events live in `shared/events/<producer>.py`; the catalog collects them from those modules, so
adding an event never means editing a shared list.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil

from shared.events.base import Envelope, Event
from shared.events.insurance import AccountOpened
from shared.events.registry import EmployerRegistered

_NOT_PRODUCERS = {"base", "routing"}


def _collect() -> tuple[type[Event], ...]:
    found: list[type[Event]] = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name in _NOT_PRODUCERS:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        found += [obj for _, obj in inspect.getmembers(module, inspect.isclass)
                  if issubclass(obj, Event) and "type" in vars(obj) and obj.__module__ == module.__name__]
    return tuple(sorted(found, key=lambda e: e.type))


CATALOG: tuple[type[Event], ...] = _collect()
BY_TYPE: dict[str, type[Event]] = {event.type: event for event in CATALOG}


def decode(envelope: Envelope) -> Event:
    """The typed event inside an envelope; unknown types raise KeyError (the consumer parks them)."""
    return BY_TYPE[envelope.type].model_validate(envelope.data)


__all__ = ["CATALOG", "BY_TYPE", "Envelope", "Event", "decode", "AccountOpened", "EmployerRegistered"]
