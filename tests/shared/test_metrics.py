"""`/metrics`: HTTP by route template, events published / consumed / retried / parked, the outbox gauges and the
database and broker call latencies, measured on the real servers."""
import asyncio

import httpx
import pytest
from fastapi import APIRouter
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from shared.events import EmployerRegistered, Envelope
from shared.runtime import ServiceRuntime, create_app
from tests.support.namespace import TEST_DELAYS
from tests.support.runtime import running, until

TYPE = EmployerRegistered.type


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def registered(employer_id: str) -> EmployerRegistered:
    return EmployerRegistered(employer_id=employer_id, name="Unit", uscc="91110108551385082Q",
                              district_code="110108", registered_on="2026-11-20")


class _Container:
    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime

    async def init_db(self) -> None:
        pass


async def test_requests_are_measured_by_route_template_and_status_and_served_as_prometheus_text(settings_for):
    api = APIRouter()

    @api.get("/api/v1/things/{thing_id}")
    async def thing(thing_id: str) -> dict:
        if thing_id == "broken":
            raise RuntimeError("boom")
        return {"id": thing_id}

    app = create_app(_Container(ServiceRuntime(settings_for("registry"))), title="t", routers=[api])
    route = "/api/v1/things/{thing_id}"
    ok_before = value("http_server_request_duration_seconds_count", http_request_method="GET", http_route=route,
                      http_response_status_code="200")
    err_before = value("http_server_request_duration_seconds_count", http_request_method="GET", http_route=route,
                       http_response_status_code="500")
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        for thing_id in ("a", "b", "c"):
            assert (await client.get(f"/api/v1/things/{thing_id}")).status_code == 200
        assert (await client.get("/api/v1/things/broken")).status_code == 500
        assert (await client.get("/nowhere")).status_code == 404
        scraped = await client.get("/metrics")
    assert scraped.status_code == 200 and scraped.headers["content-type"].startswith("text/plain; version=")
    families = {f.name: f for f in text_string_to_metric_families(scraped.text)}
    samples = families["http_server_request_duration_seconds"].samples
    counts = {(s.labels["http_route"], s.labels["http_response_status_code"]): s.value
              for s in samples if s.name.endswith("_count") and s.labels["http_request_method"] == "GET"}
    assert counts[(route, "200")] == ok_before + 3
    assert counts[(route, "500")] == err_before + 1
    assert counts[("unmatched", "404")] >= 1
    assert not any("/api/v1/things/a" == r for r, _ in counts), "raw paths must never become labels"


@pytest.mark.infra
async def test_an_event_moves_the_published_and_consumed_counters_and_the_call_latencies(settings_for):
    published = value("civic_events_published_total", event_type=TYPE)
    consumed = value("civic_events_consumed_total", event_type=TYPE)
    handled = value("messaging_process_duration_seconds_count", event_type=TYPE)
    producer = ServiceRuntime(settings_for("registry"))
    exchange = producer.topology.exchange
    publishes = value("messaging_client_operation_duration_seconds_count", messaging_operation_name="publish",
                      messaging_destination_name=exchange)
    inserts = value("db_client_operation_duration_seconds_count", db_operation_name="insert",
                    db_namespace=producer.settings.database_name, error_type="")
    seen: list[str] = []

    async def handler(envelope: Envelope) -> None:
        seen.append(envelope.subject)

    consumer = ServiceRuntime(settings_for("insurance"))
    consumer.subscribe({TYPE: handler})
    employers = producer.store("employers")
    async with running(producer, consumer):
        await employers.save("m1", {"name": "Unit"}, [registered("m1")], loaded=None)
        await until(lambda: seen == ["m1"], what="the consumer to handle m1")
        await until(lambda: value("civic_events_consumed_total", event_type=TYPE) == consumed + 1,
                    what="the consumed counter")
        assert consumer.consumer.last_handled["type"] == TYPE
    assert value("civic_events_published_total", event_type=TYPE) == published + 1
    assert value("messaging_process_duration_seconds_count", event_type=TYPE) == handled + 1
    assert value("messaging_client_operation_duration_seconds_count", messaging_operation_name="publish",
                 messaging_destination_name=exchange) >= publishes + 1
    assert value("db_client_operation_duration_seconds_count", db_operation_name="insert",
                 db_namespace=producer.settings.database_name, error_type="") >= inserts + 2  # marker + aggregate
    assert value("civic_consumer_in_flight") == 0


@pytest.mark.infra
async def test_a_failing_handler_counts_each_retry_then_one_parked_event(settings_for):
    retried = value("civic_events_retried_total", event_type=TYPE)
    parked = value("civic_events_parked_total", event_type=TYPE)

    async def handler(envelope: Envelope) -> None:
        raise RuntimeError("ledger offline")

    producer = ServiceRuntime(settings_for("registry"))
    consumer = ServiceRuntime(settings_for("insurance"))
    consumer.subscribe({TYPE: handler})
    async with running(producer, consumer):
        await producer.publisher.publish(Envelope.wrap(registered("m2"), source="/civic/test"))
        await until(lambda: value("civic_events_parked_total", event_type=TYPE) == parked + 1, what="parking")
    assert value("civic_events_retried_total", event_type=TYPE) == retried + len(TEST_DELAYS)


@pytest.mark.infra
async def test_the_outbox_gauges_grow_while_nothing_publishes(settings_for):
    stuck = ServiceRuntime(settings_for("registry", outbox_relay_enabled=False))
    try:
        assert await stuck.outbox_status() == {"outbox_pending": 0, "outbox_oldest_seconds": 0.0}
        await stuck.store("employers").save("m3", {"name": "Unit"}, [registered("m3")], loaded=None)
        await asyncio.sleep(1.2)
        status = await stuck.outbox_status()
        assert status["outbox_pending"] == 1 and status["outbox_oldest_seconds"] >= 1.0
        assert value("civic_outbox_pending") == 1 and value("civic_outbox_oldest_age_seconds") >= 1.0
    finally:
        await stuck.client.close()


def test_the_gateways_forwarding_route_is_labelled_per_upstream_and_unknown_names_stay_the_template():
    from shared.metrics import _route

    class Route:
        path = "/api/v1/{service}/{path:path}"

    assert _route({"route": Route(), "path_params": {"service": "registry", "path": "employers"}}) == \
        "/api/v1/registry/{path:path}"
    assert _route({"route": Route(), "path_params": {"service": "x" * 40}}) == "/api/v1/{service}/{path:path}"
    assert _route({}) == "unmatched"
