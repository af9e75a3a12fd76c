"""What the status view says needs a person (`shared.status.view`, no I/O)."""
from shared.status import OUTBOX_STUCK_SECONDS, QueueStats, view
from shared.events.routing import CONSUMERS

CONSUMING = [s for s, events in CONSUMERS.items() if events]


def ready(outbox_seconds: float = 0.0) -> dict:
    return {"up": True, "checks": {
        "mongo": {"status": "up"}, "broker": {"status": "up", "last_event": None},
        "outbox": {"status": "up", "outbox_pending": 1 if outbox_seconds else 0,
                   "outbox_oldest_seconds": outbox_seconds}}}


def healthy_queues(**changed: QueueStats) -> dict:
    return {s: QueueStats(depth=0, consumers=1, retrying=0, parked=0) for s in CONSUMING} | changed


def test_a_healthy_platform_needs_nobody():
    status = view({name: ready() for name in ["gateway", *CONSUMING]}, healthy_queues())
    assert status["attention"] == []
    assert status["services"][CONSUMING[0]]["consumers"] == 1


def test_parked_events_an_old_outbox_a_queue_without_consumer_and_a_down_process_each_need_a_person():
    service, other = CONSUMING[0], CONSUMING[1]
    reports = {name: ready() for name in ["gateway", *CONSUMING]}
    reports[service] = ready(outbox_seconds=OUTBOX_STUCK_SECONDS + 1)
    reports["gateway"] = {"up": False, "error": "ConnectError: refused"}
    queues = healthy_queues(**{service: QueueStats(depth=7, consumers=1, retrying=1, parked=2),
                               other: QueueStats(depth=40, consumers=0, retrying=0, parked=0)})
    attention = view(reports, queues)["attention"]
    assert f"{service}: 2 parked event(s): civic parked list {service}" in attention
    assert any(a.startswith(f"{service}: outbox stuck") for a in attention)
    assert f"{other}: its queue has no consumer" in attention
    assert "gateway: not ready (ConnectError: refused)" in attention
    assert len(attention) == 4


def test_an_outbox_younger_than_the_threshold_is_normal_and_an_unreachable_broker_is_not():
    reports = {name: ready(outbox_seconds=OUTBOX_STUCK_SECONDS - 1) for name in CONSUMING}
    assert view(reports, healthy_queues())["attention"] == []
    assert view(reports, None)["attention"] == ["broker: queue depths unknown (RabbitMQ did not answer)"]
