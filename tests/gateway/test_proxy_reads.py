"""Reads through the proxy: a GET with `Content-Length: 0` (many clients send one) is forwarded as a plain read,
and the request id comes back exactly once (the pure-ASGI middleware that echoes it, shared/http.py)."""
import asyncio
import gzip
import json
import secrets

import httpx
import pytest

from gateway.proxy import BUFFERED_BYTES

pytestmark = pytest.mark.infra
EMPLOYER = "/api/v1/registry/employers/e1"


async def test_a_get_with_content_length_zero_is_forwarded_without_a_streamed_body(gateway):
    response = await gateway.client.get(EMPLOYER, headers={"content-length": "0"})
    assert response.status_code == 200 and response.json() == {"path": EMPLOYER}
    upstream = gateway.upstreams.seen[-1]
    assert "transfer-encoding" not in upstream.headers, "an empty body went upstream as a chunked stream"


async def test_the_callers_request_id_is_forwarded_and_echoed_once(gateway):
    response = await gateway.client.get(EMPLOYER, headers={"x-request-id": "req-42"})
    assert response.headers.get_list("x-request-id") == ["req-42"]
    assert gateway.upstreams.seen[-1].headers["x-request-id"] == "req-42"


async def test_without_a_request_id_one_is_made_and_echoed(gateway):
    response = await gateway.client.get(EMPLOYER)
    (made,) = response.headers.get_list("x-request-id")
    assert len(made) == 36 and gateway.upstreams.seen[-1].headers["x-request-id"] == made


async def test_the_query_goes_upstream_as_the_caller_encoded_it(gateway):
    await gateway.client.get(f"{EMPLOYER}?name=%E5%92%8C%E5%B9%B3&tag=a&tag=b%2Fc")
    assert gateway.upstreams.seen[-1].url.query == b"name=%E5%92%8C%E5%B9%B3&tag=a&tag=b%2Fc"


async def test_repeated_answer_headers_come_back_apart_and_hop_by_hop_ones_do_not(gateway):
    gateway.upstreams.handler = lambda request: httpx.Response(
        200, headers=[("link", '<p2>; rel="next"'), ("link", '<p0>; rel="prev"'), ("keep-alive", "timeout=5"),
                      ("content-type", "application/json")], content=b"{}")
    response = await gateway.client.get(EMPLOYER)
    assert response.headers.get_list("link") == ['<p2>; rel="next"', '<p0>; rel="prev"']
    assert "keep-alive" not in response.headers and response.headers["content-length"] == "2"


async def test_an_answer_over_the_buffered_size_is_streamed_back_whole_and_still_compressed(gateway):
    document = json.dumps({"items": [secrets.token_hex(64) for _ in range(5000)]}).encode()
    packed = gzip.compress(document)
    assert len(packed) > BUFFERED_BYTES, "sized over the limit, so streamed"
    gateway.upstreams.handler = lambda request: httpx.Response(
        200, headers={"content-type": "application/json", "content-encoding": "gzip"}, content=packed)
    response = await gateway.client.get(EMPLOYER)
    assert response.headers["content-encoding"] == "gzip" and response.content == document
    unsized = lambda request: httpx.Response(200, content=iter([document[:1000], document[1000:]]))  # noqa: E731
    gateway.upstreams.handler = unsized
    assert (await gateway.client.get(EMPLOYER)).content == document


async def test_a_service_slower_than_the_timeout_is_a_504_and_opens_its_breaker(make_gateway):
    gateway = await make_gateway(upstream_timeout=0.3, read_retries=0, breaker_failures=1)

    async def slow(request):
        await asyncio.sleep(1.0)
        return httpx.Response(200, json={})

    gateway.upstreams.handler = slow
    response = await gateway.client.get(EMPLOYER)
    assert response.status_code == 504 and response.json()["errors"][0]["rule"] == "upstream-timeout"
    assert gateway.container.breakers["registry"].state == "open"


async def test_a_utf8_header_reaches_the_service_as_the_same_bytes_and_other_bytes_are_refused(gateway):
    await gateway.client.get(EMPLOYER, headers={"x-note": "和平里".encode()})
    assert (b"x-note", "和平里".encode()) in gateway.upstreams.seen[-1].headers.raw
    refused = await gateway.client.get(EMPLOYER, headers={"x-note": b"\xff\xfe"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["rule"] == "request-not-forwardable"
    assert len(gateway.upstreams.seen) == 1


async def test_a_forwarded_request_is_counted_under_its_services_route_template(gateway):
    await gateway.client.get(EMPLOYER)
    await gateway.client.post("/api/v1/markets", json={})
    exposed = (await gateway.client.get("/metrics")).text
    assert 'http_route="/api/v1/registry/{path:path}"' in exposed and 'http_route="/api/v1/markets"' in exposed


async def test_the_service_continues_the_callers_trace_under_the_gateways_own_span(gateway):
    trace_id, caller_span = secrets.token_hex(16), secrets.token_hex(8)
    await gateway.client.get(EMPLOYER, headers={"traceparent": f"00-{trace_id}-{caller_span}-01"})
    version, upstream_trace, parent_span, flags = gateway.upstreams.seen[-1].headers["traceparent"].split("-")
    assert (version, upstream_trace, flags) == ("00", trace_id, "01")
    assert parent_span not in (caller_span, "0" * 16), "the service's parent is the gateway's CLIENT span"


async def test_a_request_without_a_trace_starts_one_that_the_service_continues(gateway):
    await gateway.client.get(EMPLOYER)
    await gateway.client.get(EMPLOYER)
    first, second = (request.headers["traceparent"].split("-")[1] for request in gateway.upstreams.seen[-2:])
    assert first != second and "0" * 32 not in (first, second)
