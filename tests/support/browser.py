"""Debian's headless Chromium driven over the DevTools protocol (CDP) with `websockets`, already in the venv: no
browser download (Playwright's installer cannot fetch one here) and no node toolchain for one test."""
from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from websockets.asyncio.client import ClientConnection, connect

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,900", "--remote-debugging-port=0", "--remote-allow-origins=*"]


def chromium_or_skip() -> str:
    """The browser; a clear skip only when apt cannot install chromium on this machine, a failure when it could
    have been (then `make install` was not run)."""
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    policy = subprocess.run(["apt-cache", "policy", "chromium"], capture_output=True, text=True).stdout
    if "Candidate:" not in policy or "Candidate: (none)" in policy:
        pytest.skip("chromium cannot be installed on this machine (apt has no candidate), so no browser test")
    pytest.fail(f"{CHROMIUM} is missing but installable: run 'make install' (deploy/local/install.sh)")


class Browser:
    def __init__(self, profile: Path) -> None:
        self._profile = profile
        self._proc: subprocess.Popen | None = None
        self._ws: ClientConnection | None = None
        self._ids = 0

    async def start(self, url: str, timeout: float = 30.0) -> None:
        self._profile.mkdir(parents=True, exist_ok=True)
        self._proc = subprocess.Popen([chromium_or_skip(), *FLAGS, f"--user-data-dir={self._profile}", url],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file, deadline = self._profile / "DevToolsActivePort", time.monotonic() + timeout
        while not port_file.is_file() or not port_file.read_text().strip():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"chromium did not open its DevTools port (exit {self._proc.poll()})")
            await asyncio.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        self._ws = await connect(await _page_socket(port, deadline), max_size=None)

    async def call(self, method: str, **params) -> dict:
        self._ids += 1
        ask = self._ids
        await self._ws.send(json.dumps({"id": ask, "method": method, "params": params}))
        while True:
            answer = json.loads(await self._ws.recv())
            if answer.get("id") == ask:  # events in between are not needed
                if "error" in answer:
                    raise AssertionError(f"{method}: {answer['error']}")
                return answer["result"]

    async def text(self) -> str:
        result = await self.call("Runtime.evaluate", expression="document.body ? document.body.innerText : ''",
                                 returnByValue=True)
        return result["result"].get("value", "")

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def click(self, selector: str, text: str | None = None) -> bool:
        """Click the first element matching the CSS `selector` (and whose text is `text`); False if there is none."""
        wanted = json.dumps(text.upper()) if text else "null"
        return bool(await self.evaluate(
            f"(() => {{ const e = [...document.querySelectorAll({json.dumps(selector)})].find(e => {wanted} === null"
            f" || e.innerText.trim().toUpperCase() === {wanted}); if (!e) return false; e.click(); return true; }})()"))

    async def goto(self, url: str) -> None:
        await self.call("Page.navigate", url=url)

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        shutil.rmtree(self._profile, ignore_errors=True)


async def _page_socket(port: int, deadline: float) -> str:
    import httpx

    async with httpx.AsyncClient() as http:
        while True:
            pages = [t for t in (await http.get(f"http://127.0.0.1:{port}/json/list")).json() if t["type"] == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            if time.monotonic() > deadline:
                raise AssertionError("chromium opened no page")
            await asyncio.sleep(0.2)
