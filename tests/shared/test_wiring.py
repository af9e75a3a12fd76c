"""Handlers are bound once at start, and a dependency nobody provides fails there, not at the first delivery."""
from dataclasses import dataclass

import pytest

from shared.events.registry import EmployerDeregistered
from shared.wiring import UnboundDependency, dependencies_of, event_handlers


async def handle(event, envelope, employers, today, retries=3):
    return employers, today, retries


@dataclass
class Container:
    employers: str
    today: str


def test_a_handler_is_bound_to_the_containers_fields_by_name():
    handlers = event_handlers({EmployerDeregistered: handle}, dependencies_of(Container(employers="e", today="t")))
    assert list(handlers) == [EmployerDeregistered.type]


def test_a_dependency_the_container_lacks_fails_at_bootstrap_naming_the_handler_and_the_name():
    with pytest.raises(UnboundDependency, match=r"handle needs today"):
        event_handlers({EmployerDeregistered: handle}, {"employers": "e"})


def test_only_a_dataclass_container_can_be_checked():
    with pytest.raises(TypeError, match="dataclass"):
        dependencies_of(object())


def test_a_subscription_table_must_match_the_catalogs_routing_for_its_service():
    deps = {"employers": "e", "today": "t"}
    with pytest.raises(UnboundDependency, match="catalog routes it"):
        event_handlers({EmployerDeregistered: handle}, deps, service="markets")
