"""Every event says who acts on it (or why nobody in the platform does), every consumer says what it does, and the
README's flows table is the one generated from the catalog and the subscription tables (issue 22)."""
from __future__ import annotations

import pytest

from shared.config import SERVICES
from shared.events import CATALOG
from tests.support import event_flows


@pytest.mark.parametrize("event", CATALOG, ids=lambda event: event.type)
def test_an_event_has_consumers_or_says_why_it_is_informational(event):
    assert bool(event.consumers) != bool(event.informational.strip()), (
        f"{event.type}: name its consumers, or (only when no service acts on it) say in `informational` who "
        f"outside reads it")


@pytest.mark.parametrize("service", SERVICES)
def test_every_handler_states_its_effect(service):
    silent = [event.type for event, handler in event_flows.subscriptions(service).items()
              if not event_flows.effect(handler)]
    assert not silent, f"{service}'s handlers for {silent} have no docstring: its first paragraph is the effect"


def test_the_readme_flows_table_is_the_generated_one():
    readme = event_flows.README.read_text(encoding="utf-8")
    assert event_flows.readme_table(readme) == event_flows.table(), (
        "README.md's flows table is stale: run `python -m tests.support.event_flows --write`")


def test_the_table_names_every_event_and_every_consumer():
    listed = {(kind, consumer) for kind, _, consumer, _ in event_flows.rows()}
    expected = {(event.type, consumer) for event in CATALOG for consumer in event.consumers or ("—",)}
    assert listed == expected
