"""Schemathesis over the gateway's own operations (token, JWKS, audit, catalogues): 100 examples each, no 5xx,
responses conform to the documented schema. (The services' operations are fuzzed through the merged document
against the live stack; see the report.)"""
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from gateway.bootstrap import bootstrap
from gateway.main import create_app
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.infra
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
NOT_FUZZED = ("/health/",)  # readiness answers 503 by design while the (absent) upstreams are down


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no upstreams in this test")


def test_gateway_operations_never_answer_5xx(settings_for):
    container = bootstrap(settings_for("gateway"), GatewaySettings(rate_limit_per_ip="100000/minute"))
    container.http = httpx.AsyncClient(transport=httpx.MockTransport(_refuse))
    container.specs.__init__(container.upstreams, container.http, ttl=60)
    app = create_app(container)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [r.ok() for r in schema.get_all_operations()]
    fuzzed = [op for op in operations if not op.path.startswith(NOT_FUZZED)]
    assert {"/oauth/token", "/.well-known/jwks.json", "/audit", "/asyncapi.json"} <= {op.path for op in fuzzed}
    for operation in fuzzed:
        @given(case=operation.as_strategy())
        @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call()
            assert response.status_code < 500, (operation.path, response.status_code, response.text[:300])
            case.validate_response(response, checks=CHECKS)

        check()
