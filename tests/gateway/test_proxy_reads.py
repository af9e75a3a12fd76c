"""Reads through the proxy: a GET with `Content-Length: 0` (many clients send one) is forwarded as a plain read,
and the request id comes back exactly once (the pure-ASGI middleware that echoes it, shared/http.py)."""
import pytest

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
