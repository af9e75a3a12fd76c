"""The trace UI of `make run`: the processes export to a real Zipkin (deploy/local/zipkin.py), and a headless
browser finds a registration's trace in Zipkin's UI with spans of the gateway, registry and insurance. The
screenshot goes to var/trace-ui.png (the README's picture)."""
import secrets
from pathlib import Path

import httpx
import pytest

from deploy.local import run as supervisor
from deploy.local import zipkin as zipkin_server
from tests.e2e.conftest import start_stack
from tests.e2e.flows import account_of, register_employer
from tests.support.browser import Browser, chromium_or_skip
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
SERVICES = {"gateway", "registry", "insurance"}
SCREENSHOT = Path(__file__).resolve().parents[2] / "var" / "trace-ui.png"


@pytest.fixture
def zipkin(tmp_path):
    """A private Zipkin on a free port (never the one `make run` may have running)."""
    port = supervisor.free_ports(["zipkin"])["zipkin"]
    server = zipkin_server.start(tmp_path / "zipkin.log", port=port)
    yield server
    server.stop()


@pytest.fixture
def traced_stack(infra, namespace, tmp_path, zipkin):
    live = start_stack(infra, namespace, tmp_path, CIVIC_ZIPKIN_URL=zipkin.url)
    yield live
    live.stack.stop()


async def _registration_trace(gateway: str) -> str:
    trace_id = secrets.token_hex(16)
    async with httpx.AsyncClient(base_url=gateway, timeout=15) as client:
        employer = await register_employer(client, traceparent=f"00-{trace_id}-{secrets.token_hex(8)}-01")
        await account_of(client, employer["id"])
    return trace_id


async def test_a_registration_is_one_trace_in_zipkin_with_the_gateway_registry_and_insurance(traced_stack, zipkin):
    trace_id = await _registration_trace(traced_stack.gateway)

    async def services() -> set[str] | None:
        async with httpx.AsyncClient() as http:
            response = await http.get(f"{zipkin.url}/api/v2/trace/{trace_id}")
        found = {s["localEndpoint"]["serviceName"] for s in response.json()} if response.status_code == 200 else set()
        return found if SERVICES <= found else None

    assert SERVICES <= await until(services, timeout=30, interval=0.5, what="spans of the three processes in Zipkin")


async def test_the_browser_finds_the_trace_in_zipkins_ui_and_sees_the_three_services(traced_stack, zipkin, tmp_path):
    chromium_or_skip()
    trace_id = await _registration_trace(traced_stack.gateway)
    browser = Browser(tmp_path / "chromium-profile")
    try:
        # As a person would: search the gateway's recent traces, pick this one from the list, read its spans.
        await browser.start(f"{zipkin.ui}?serviceName=gateway&lookback=900000&limit=50")
        await until(lambda: browser.click("button", "Run query"), timeout=30, interval=0.5, what="the search button")
        link = f'a[href$="traces/{trace_id}"]'
        await until(lambda: browser.click(link), timeout=30, interval=0.5, what="the trace in the result list")
        await until(lambda: _shows_all(browser, trace_id), timeout=30, interval=0.5,
                    what="the trace page with spans of the gateway, registry and insurance")
        await browser.screenshot(SCREENSHOT)
    finally:
        await browser.close()
    assert SCREENSHOT.stat().st_size > 10_000


async def _shows_all(browser: Browser, trace_id: str) -> str | None:
    text = await browser.text()
    lowered = text.lower()
    shown = trace_id in lowered and all(f"{name}:" in lowered for name in SERVICES)
    return text if shown else None
