"""Issue 20, item 4: a write sent straight to ANY service's own port, past the gateway, is recorded in that
service's own audit chain — here an unauthenticated one, which every service refuses and records all the same."""
import importlib
import re

import httpx
import pytest

from shared.config import SERVICES

pytestmark = pytest.mark.infra


def first_write(app) -> str:
    return next(re.sub(r"\{[^}]+\}", "X-1", path) for path, operations in app.openapi()["paths"].items()
                if path.startswith("/api/") and "post" in operations)


@pytest.mark.parametrize("service", SERVICES)
async def test_a_write_at_a_services_own_port_is_in_that_services_audit(service, settings_for):
    container = importlib.import_module(f"services.{service}.bootstrap").bootstrap(
        settings_for(service, auth_required=True))
    app = importlib.import_module(f"services.{service}.main").create_app(container)
    path = first_write(app)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        response = await client.post(path, json={}, headers={"X-Civic-User": "mallory"})
    (record,) = await container.runtime.audit.page()
    await container.runtime.client.close()
    assert response.status_code == 401
    assert (record["chain"], record["path"], record["status"], record["subject"]) == (service, path, 401,
                                                                                      "anonymous")
