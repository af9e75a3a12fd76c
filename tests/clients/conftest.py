"""The portal client built once per test session, as `make client` builds it: the OpenAPI document exported
offline, the TypeScript generated from it, type-checked with the example, packed into `build/`; and one stack in
production mode (tokens required, demo accounts seeded) that the client's tests share."""
from __future__ import annotations

import asyncio
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import LiveStack, start_stack
from tests.support.namespace import drop_namespace_quietly, new_namespace

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "typescript"
BUILD = ROOT / "build"


@dataclass(frozen=True)
class BuiltClient:
    openapi: Path
    tarball: Path
    output: str

    def document(self) -> dict:
        return json.loads(self.openapi.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_client() -> BuiltClient:
    done = subprocess.run(["make", "--no-print-directory", "client"], cwd=ROOT, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, f"make client failed:\n{done.stdout}\n{done.stderr}"
    package = json.loads((CLIENT / "package.json").read_text())
    tarball = BUILD / f"{package['name'].lstrip('@').replace('/', '-')}-{package['version']}.tgz"
    assert tarball.is_file(), f"make client packed no {tarball.name}:\n{done.stdout}"
    return BuiltClient(BUILD / "openapi.json", tarball, done.stdout)


@pytest.fixture(scope="session")
def portal_stack(infra, tmp_path_factory) -> LiveStack:
    namespace = new_namespace()
    live = start_stack(infra, namespace, tmp_path_factory.mktemp("portal"), CIVIC_AUTH_REQUIRED="true",
                       CIVIC_SEED_DEMO="true")
    try:
        yield live
    finally:
        live.stack.stop()
        asyncio.run(drop_namespace_quietly(namespace, infra.mongo_url, infra.amqp_url))
