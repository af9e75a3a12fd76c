"""`python -m gateway.openapi_export` (run by `make client`) writes, without any server, the document a running
gateway serves at `/openapi.json`."""
from __future__ import annotations

import time

import httpx
import pytest

from shared.config import SERVICES


def differences(left, right, where: str = "") -> list[str]:
    """JSON pointers at which two documents differ (the first few are enough to see what drifted)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return [d for key in sorted(left.keys() | right.keys())
                for d in (differences(left[key], right[key], f"{where}/{key}") if key in left and key in right
                          else [f"{where}/{key} only {'offline' if key in left else 'served'}"])]
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [d for i, (a, b) in enumerate(zip(left, right)) for d in differences(a, b, f"{where}/{i}")]
    return [] if left == right else [f"{where}: offline {str(left)[:80]!r} != served {str(right)[:80]!r}"]


def test_the_offline_document_holds_every_service(built_client):
    document = built_client.document()
    assert document["x-missing-services"] == []
    for service in SERVICES:
        assert any(path.startswith(f"/api/v1/{service}/") for path in document["paths"]), service
    assert "/oauth/token" in document["paths"]  # the gateway's own operations are merged in too


@pytest.mark.infra
@pytest.mark.e2e
def test_the_offline_document_is_what_the_running_gateway_serves(built_client, portal_stack):
    served = served_document(portal_stack.gateway)
    offline = built_client.document()
    drift = differences(offline, served)
    assert not drift, "\n".join(drift[:20])
    assert offline == served


def served_document(gateway: str, timeout: float = 60) -> dict:
    """The gateway's `/openapi.json` once every service is in it: a service slow to build its document the first
    time (a loaded CI machine) is listed under `x-missing-services` for the gateway's cache period, then fetched."""
    deadline = time.monotonic() + timeout
    while True:
        response = httpx.get(f"{gateway}/openapi.json", timeout=30)
        assert response.status_code == 200, response.text
        document = response.json()
        if not document["x-missing-services"] or time.monotonic() > deadline:
            return document
        time.sleep(2)
