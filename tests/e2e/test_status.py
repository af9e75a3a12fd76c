"""`civic status`, the gateway's `/health/ready` view and the counters on `/metrics`, against the real processes."""
import asyncio
import json
import sys

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from shared.events import EmployerRegistered
from tests.e2e.flows import account_of, register_employer

pytestmark = [pytest.mark.infra, pytest.mark.e2e]


async def civic_status(live) -> tuple[int, str]:
    env = live.env | {"CIVIC_GATEWAY_URL": live.gateway, "CIVIC_UPSTREAMS": json.dumps(
        {n: f"http://127.0.0.1:{p}" for n, p in live.ports.items() if n != "gateway"})}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "shared.cli.main", "status", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await process.communicate()
    return process.returncode, out.decode()


def counter(text: str, name: str, **labels: str) -> float:
    return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
               if s.name == name and labels.items() <= s.labels.items())


async def test_status_is_clean_on_a_healthy_stack_and_counters_move_with_a_registration(live_stack, gateway_client):
    employer = await register_employer(gateway_client)
    await account_of(gateway_client, employer["id"])
    code, out = await civic_status(live_stack)
    assert code == 0, out
    assert "all well" in out and " NO " not in out
    ready = (await gateway_client.get("/health/ready")).json()
    assert ready["attention"] == [] and set(ready["services"]) >= {"gateway", "registry", "insurance"}
    assert ready["services"]["insurance"]["consumers"] >= 1
    assert ready["services"]["insurance"]["last_event"]["type"] == EmployerRegistered.type
    async with httpx.AsyncClient() as http:
        registry = (await http.get(f"http://127.0.0.1:{live_stack.ports['registry']}/metrics")).text
        insurance = (await http.get(f"http://127.0.0.1:{live_stack.ports['insurance']}/metrics")).text
    gateway = (await gateway_client.get("/metrics")).text
    assert counter(registry, "civic_events_published_total", event_type=EmployerRegistered.type) >= 1
    assert counter(insurance, "civic_events_consumed_total", event_type=EmployerRegistered.type) >= 1
    assert counter(gateway, "http_server_request_duration_seconds_count", http_request_method="POST",
                   http_route="/api/v1/registry/{path:path}", http_response_status_code="201") >= 1
    assert counter(registry, "db_client_operation_duration_seconds_count", db_operation_name="insert") >= 1


async def test_status_exits_non_zero_and_names_the_service_when_a_consumer_is_gone(live_stack, gateway_client):
    live_stack.kill("insurance")
    code, out = await civic_status(live_stack)
    assert code == 1, out
    assert "insurance: not ready" in out and "insurance: its queue has no consumer" in out
    ready = await gateway_client.get("/health/ready")
    assert ready.status_code == 503
    assert "insurance: its queue has no consumer" in ready.json()["attention"]
