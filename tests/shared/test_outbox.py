"""What a page of outbox markers allows the relay to do (`shared.outbox.drain_plan`), without I/O."""
from datetime import datetime, timedelta, timezone

from shared.outbox import ORPHAN_GRACE, drain_plan

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


def marker(marker_id, rev, events, age=timedelta(seconds=1)):
    return {"_id": marker_id, "collection": "c", "aggregate_id": "a", "rev": rev, "events": events,
            "since": NOW - age}


def document(rev, *event_ids):
    return {"_id": "a", "_rev": rev, "_outbox": [{"id": e} for e in event_ids]}


def test_a_written_marker_publishes_its_events_in_the_aggregates_order_and_goes():
    plan = drain_plan([marker("m2", 2, ["e2"]), marker("m1", 1, ["e1"])], document(2, "e1", "e2"), NOW)
    assert [e["id"] for e in plan.publish] == ["e1", "e2"] and sorted(plan.done) == ["m1", "m2"]


def test_events_no_marker_announces_are_not_published_again():
    plan = drain_plan([marker("m3", 3, ["e3"])], document(3, "e1", "e2", "e3"), NOW)
    assert [e["id"] for e in plan.publish] == ["e3"]


def test_a_marker_whose_aggregate_is_not_written_yet_is_kept():
    assert drain_plan([marker("m1", 1, ["e1"])], None, NOW).done == []
    plan = drain_plan([marker("m1", 1, ["e1"]), marker("m2", 2, ["e2"])], document(1, "e1"), NOW)
    assert [e["id"] for e in plan.publish] == ["e1"] and plan.done == ["m1"]


def test_a_marker_unwritten_past_the_grace_period_is_dropped_as_orphaned_without_publishing():
    old = marker("m1", 1, ["e1"], age=ORPHAN_GRACE + timedelta(seconds=1))
    plan = drain_plan([old], None, NOW)
    assert plan.publish == [] and plan.done == ["m1"] and plan.orphaned == ["m1"]
    assert drain_plan([old], document(0), NOW).orphaned == ["m1"]


def test_a_write_that_lost_to_another_at_its_revision_publishes_nothing_of_its_own():
    plan = drain_plan([marker("m2", 2, ["lost"])], document(2, "winner"), NOW)
    assert plan.publish == [] and plan.done == ["m2"]


def test_a_marker_of_the_earlier_shape_announces_the_whole_outbox():
    legacy = {"_id": "c/a", "collection": "c", "aggregate_id": "a", "since": NOW}
    assert [e["id"] for e in drain_plan([legacy], document(4, "e1", "e2"), NOW).publish] == ["e1", "e2"]
