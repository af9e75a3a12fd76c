import importlib
import json

import pytest

from shared.config import SERVICES
from shared.events import BY_TYPE, CATALOG, EmployerRegistered, Envelope, decode
from shared.events.routing import CONSUMERS, routing_keys
from tests.shared.events.snapshot import schema_text, snapshot_path


@pytest.mark.parametrize("event", CATALOG, ids=lambda e: e.type)
def test_no_breaking_change_against_the_published_schema(event):
    """Removing a field, changing its type or adding a required one breaks consumers: bump `version` instead."""
    published = json.loads(snapshot_path(event).read_text(encoding="utf-8"))
    current = event.model_json_schema()
    for name, spec in published["properties"].items():
        assert name in current["properties"], f"{event.type}: field {name!r} was removed"
        assert current["properties"][name] == spec, f"{event.type}: field {name!r} changed its schema"
    assert set(current.get("required", [])) <= set(published.get("required", [])), \
        f"{event.type}: a new required field breaks older producers"


@pytest.mark.parametrize("event", CATALOG, ids=lambda e: e.type)
def test_snapshot_is_current(event):
    """Any change, even additive, is reviewed: regenerate with `python -m tests.shared.events.snapshot`."""
    assert snapshot_path(event).read_text(encoding="utf-8") == schema_text(event)


def test_every_event_is_frozen_and_typed():
    for event in CATALOG:
        assert event.model_config["frozen"] and event.type.startswith(event.producer + ".")
    assert len(BY_TYPE) == len(CATALOG), "two events share a type"


@pytest.mark.parametrize("service", SERVICES)
def test_subscription_tables_match_the_routing_table(service):
    table = importlib.import_module(f"services.{service}.application.subscriptions").SUBSCRIPTIONS
    assert {event.type for event in table} == set(routing_keys(service))
    assert set(CONSUMERS) == set(SERVICES)


def test_envelope_is_a_cloudevent_and_round_trips():
    event = EmployerRegistered(employer_id="e1", name="n", uscc="91110108551385082Q", district_code="110108",
                               registered_on="2026-11-20")
    envelope = Envelope.wrap(event, source="/civic/registry", traceparent="00-" + "a" * 32 + "-" + "b" * 16 + "-01")
    raw = json.loads(envelope.to_json_bytes())
    assert {"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"} <= set(raw)
    assert raw["specversion"] == "1.0" and raw["subject"] == "e1"
    assert decode(Envelope.model_validate(raw)) == event
