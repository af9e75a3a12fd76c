"""AsyncAPI 3.0 from the event catalog (cannot drift) and the merged OpenAPI of all services."""
import pytest

from gateway.asyncapi import asyncapi, asyncapi_html
from gateway.openapi_merge import merge
from shared.events import CATALOG, EmployerRegistered
from shared.events.routing import consumers_of


def _resolve(doc: dict, ref: str) -> dict:
    node = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_every_catalog_event_has_a_channel_message_schema_producer_and_consumers():
    doc = asyncapi("civic.events")
    assert doc["asyncapi"] == "3.0.0" and len(doc["channels"]) == len(CATALOG)
    for event in CATALOG:
        channel = doc["channels"][event.type]
        assert channel["address"] == event.type
        assert channel["bindings"]["amqp"]["exchange"]["name"] == "civic.events"
        message = doc["components"]["messages"][event.__name__]
        assert message["x-producer"] == event.producer
        assert set(message["x-consumers"]) == set(consumers_of(event.type))
        assert message["x-consumers"] or message["x-informational"].strip(), f"{event.type} names nobody"
        assert doc["operations"][f"{event.producer}.send.{event.type}"]["action"] == "send"
        for consumer in event.consumers:
            assert doc["operations"][f"{consumer}.receive.{event.type}"]["action"] == "receive"


def test_the_payload_schema_is_the_pydantic_schema_and_every_ref_resolves():
    doc = asyncapi()
    payload = _resolve(doc, doc["components"]["messages"]["EmployerRegistered"]["payload"]["$ref"])
    assert set(payload["properties"]) == set(EmployerRegistered.model_fields)

    def refs(node):
        if isinstance(node, dict):
            yield from ([node["$ref"]] if "$ref" in node else [])
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(doc):
        assert _resolve(doc, ref), ref


def test_the_html_page_lists_every_event_and_escapes_text():
    page = asyncapi_html(asyncapi())
    assert all(event.type in page for event in CATALOG) and "<script" not in page


def _spec(title: str, schema: str) -> dict:
    return {"openapi": "3.1.0", "info": {"title": title, "version": "1"},
            "paths": {f"/api/v1/{title}/things": {"post": {
                "operationId": "create", "responses": {"201": {"content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{schema}"}}}}}}},
                      "/health/ready": {"get": {"responses": {"200": {}}}}},
            "components": {"schemas": {schema: {"type": "object"}, "HTTPValidationError": {"type": "object"}}}}


def test_merge_keeps_service_paths_prefixes_component_names_and_lists_missing_services():
    own = {"openapi": "3.1.0", "info": {"title": "gateway", "version": "1"}, "paths": {"/oauth/token": {}}}
    doc = merge(own, {"registry": _spec("registry", "Thing"), "insurance": _spec("insurance", "Thing"),
                      "markets": None})
    assert set(doc["paths"]) == {"/oauth/token", "/api/v1/registry/things", "/api/v1/insurance/things"}
    assert {"registry__Thing", "insurance__Thing", "registry__HTTPValidationError"} <= set(doc["components"]["schemas"])
    operation = doc["paths"]["/api/v1/insurance/things"]["post"]
    assert operation["operationId"] == "insurance__create" and operation["tags"] == ["insurance"]
    ref = operation["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/insurance__Thing"
    assert doc["x-missing-services"] == ["markets"]
    assert "/oauth/token" in own["paths"] and len(own["paths"]) == 1  # the gateway's own document is untouched


def test_forwarded_operations_document_the_gateways_own_answers_without_overriding_the_services():
    spec = _spec("registry", "Thing")
    spec["paths"]["/api/v1/registry/things"]["post"]["requestBody"] = {"content": {"application/json": {}}}
    spec["paths"]["/api/v1/registry/things"]["get"] = {"responses": {"200": {}, "504": {"description": "own"}}}
    doc = merge({"paths": {}}, {"registry": spec})
    post, get = (doc["paths"]["/api/v1/registry/things"][m]["responses"] for m in ("post", "get"))
    assert {"413", "429", "504"} <= set(post)
    assert "413" not in get and "429" in get and get["504"] == {"description": "own"}
    assert list(post["429"]["content"]) == ["application/problem+json"]


@pytest.mark.infra
async def test_the_gateway_serves_the_merged_document_with_a_down_service_listed_as_missing(gateway):
    def handler(request):
        import httpx
        service = request.url.port and next(n for n, b in gateway.container.upstreams.items()
                                            if b.endswith(f":{request.url.port}"))
        if service == "markets":
            raise httpx.ConnectError("down")
        return httpx.Response(200, json=_spec(service, "Thing"))

    gateway.upstreams.handler = handler
    response = await gateway.client.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["x-missing-services"] == ["markets"]
    assert "/api/v1/registry/things" in doc["paths"] and "/oauth/token" in doc["paths"]
    assert "/api/v1/markets/things" not in doc["paths"]
    assert "swagger" in (await gateway.client.get("/docs")).text.lower()
    events = (await gateway.client.get("/asyncapi.json")).json()
    assert events["asyncapi"] == "3.0.0" and EmployerRegistered.type in events["channels"]
    assert EmployerRegistered.type in (await gateway.client.get("/asyncapi")).text
