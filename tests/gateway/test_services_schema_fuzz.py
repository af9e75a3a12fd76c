"""Schemathesis over every service operation in the gateway's merged OpenAPI (issue 9's acceptance): the real
stack, 100 examples per operation through the gateway, no 5xx, and every answer documented — status, content
type and body schema.

The callers act in development mode (`X-Civic-*` headers, no token) with a role that may write, so the handlers —
not only the access gate — see the generated input. Operations are split over a few processes: the time goes into
waiting on the servers (every write also appends to the gateway's audit chain), not into generating cases.
"""
from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from tests.e2e.conftest import start_stack
from tests.support.namespace import drop_namespace_quietly, new_namespace

pytestmark = [pytest.mark.infra, pytest.mark.timeout(1500)]

EXAMPLES = 100
WORKERS = 4
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SERVICES = ("registry", "insurance", "contracts", "markets", "workforce")
IDENTITY = {  # a writer in each service's own role names (`services/<name>/adapters/access.py`, the routes' checks)
    "registry": {"X-Civic-User": "fuzz-officer"},
    "insurance": {"X-Civic-User": "fuzz-officer", "X-Civic-Role": "insurance-officer"},
    "contracts": {"X-Civic-User": "fuzz-officer", "X-Civic-Role": "registrar-head"},
    "markets": {"X-Civic-User": "fuzz-officer", "X-Civic-Role": "commerce-officer"},
    "workforce": {"X-Civic-User": "fuzz-officer"},
}
NOT_FUZZED: dict[tuple[str, str], str] = {}  # (METHOD, path) → why; none today: every service operation is fuzzed
STACK_ENV = {  # the fuzzer is one client sending thousands of requests: limits and breakers would answer for it
    "CIVIC_RATE_LIMIT_PER_IP": "1000000/minute", "CIVIC_RATE_LIMIT_PER_CLIENT": "1000000/minute",
    "CIVIC_BREAKER_FAILURES": "1000000",
}


@pytest.fixture(scope="module")
def gateway_url(infra, tmp_path_factory):
    namespace = new_namespace()
    live = start_stack(infra, namespace, tmp_path_factory.mktemp("fuzz"), **STACK_ENV)
    try:
        yield live.gateway
    finally:
        live.stack.stop()
        asyncio.run(drop_namespace_quietly(namespace, infra.mongo_url, infra.amqp_url))


def service_operations(gateway: str) -> dict[tuple[str, str], object]:
    schema = schemathesis.openapi.from_url(gateway + "/openapi.json")
    operations = (result.ok() for result in schema.get_all_operations())
    return {(op.method.upper(), op.path): op for op in operations if op.path.startswith("/api/v1/")}


def fuzz(gateway: str, keys: list[tuple[str, str]]) -> list[str]:
    """Runs in a worker process: each operation's 100 examples; the failures found, one line group per operation."""
    operations = service_operations(gateway)
    session = requests.Session()
    return [failure for key in keys if (failure := fuzz_one(operations[key], gateway, session))]


def fuzz_one(operation, gateway: str, session: requests.Session) -> str | None:
    identity = IDENTITY[operation.path.split("/")[3]]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate])  # no shrinking: a failure's curl line is report enough
    def check(case):
        case.headers = {**(case.headers or {}), **identity}
        response = case.call(base_url=gateway, session=session, timeout=60)
        case.validate_response(response, checks=CHECKS)

    try:
        check()
    except (Exception, BaseExceptionGroup) as failure:  # schemathesis' FailureGroup is a BaseExceptionGroup
        return f"{operation.method.upper()} {operation.path}:\n{failure}"
    return None


def test_every_service_operation_answers_as_documented(gateway_url):
    document = httpx.get(gateway_url + "/openapi.json", timeout=30).json()
    assert document["x-missing-services"] == []
    keys = sorted(key for key in service_operations(gateway_url) if key not in NOT_FUZZED)
    assert {path.split("/")[3] for _, path in keys} == set(SERVICES)
    assert len(keys) > 150, "the merged document lost operations"
    shares = [keys[i::WORKERS] for i in range(WORKERS)]
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        failures = [f for found in pool.map(fuzz, [gateway_url] * WORKERS, shares) for f in found]
    assert not failures, f"{len(failures)} of {len(keys)} operations broke:\n\n" + "\n\n".join(failures)


def test_errors_are_documented_as_problem_json(gateway_url):
    """Every service operation documents its 422 (and the other problems) as the problem+json it answers."""
    document = httpx.get(gateway_url + "/openapi.json", timeout=30).json()
    services = {path: item for path, item in document["paths"].items() if path.startswith("/api/v1/")}
    for path, item in services.items():
        for method, operation in item.items():
            problem = operation["responses"]["422"]["content"]
            assert list(problem) == ["application/problem+json"], (method, path)
            assert {"401", "403", "503"} <= set(operation["responses"]), (method, path)


def test_a_service_collection_root_is_forwarded_not_redirected(gateway_url):
    """`POST /api/v1/markets` (no trailing segment) reached no route in the gateway and answered 307."""
    response = httpx.post(gateway_url + "/api/v1/markets", json={}, timeout=30,
                          headers=IDENTITY["markets"])
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_a_control_character_in_a_path_is_a_422_naming_the_path_not_a_500(gateway_url):
    """The gateway forwarded the decoded path, which httpx refuses to send when it holds a control character (a
    500); now the request guard refuses it before routing, naming the path and the rule."""
    response = httpx.get(gateway_url + "/api/v1/registry/employers/%15x%C3%A9", timeout=30)
    assert response.status_code == 422, response.text
    assert response.json()["instance"] == "/api/v1/registry/employers/\x15xé"
    assert [(e["field"], e["rule"]) for e in response.json()["errors"]] == [("path", "printable-text")]
