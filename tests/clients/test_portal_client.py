"""The TypeScript client for portals (`clients/typescript/`): its example signs in at a running gateway and calls
the registry through the generated types; a renamed field in the API breaks its type check."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile

import httpx
import pytest

from gateway.demo import DEMO_PASSWORD
from tests.clients.conftest import CLIENT


def node(args: list[str], cwd, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=os.environ | env, capture_output=True, text=True, timeout=120)


def test_the_packed_client_carries_its_code_and_types(built_client):
    with tarfile.open(built_client.tarball) as packed:
        names = set(packed.getnames())
    assert {"package/package.json", "package/dist/index.js", "package/dist/index.d.ts",
            "package/dist/schema.d.ts"} <= names, sorted(names)
    assert not any("node_modules" in name or name.endswith(".ts") and not name.endswith(".d.ts") for name in names)


def test_a_renamed_field_breaks_the_portal_type_check(built_client, tmp_path):
    """The registry's `uscc` renamed in the document: generating from it and type-checking the example fails, naming
    the example and the field. (The unchanged document type-checks: `make client` did it.)"""
    document = built_client.document()
    employer = document["components"]["schemas"]["registry__EmployerOut"]
    employer["properties"]["unified_code"] = employer["properties"].pop("uscc")
    employer["required"] = [("unified_code" if f == "uscc" else f) for f in employer.get("required", [])]
    renamed = tmp_path / "openapi.json"
    renamed.write_text(json.dumps(document), encoding="utf-8")
    copy = tmp_path / "client"
    shutil.copytree(CLIENT, copy, ignore=shutil.ignore_patterns("node_modules", "dist", "schema.ts"))
    (copy / "node_modules").symlink_to(CLIENT / "node_modules")

    generated = node(["npm", "run", "-s", "generate"], copy, CIVIC_OPENAPI=str(renamed))
    assert generated.returncode == 0, generated.stderr
    checked = node(["npm", "run", "-s", "build"], copy)
    assert checked.returncode != 0, "the example type-checked against a document without `uscc`"
    assert "example/portal.ts" in checked.stdout and "'uscc'" in checked.stdout, checked.stdout


@pytest.mark.infra
@pytest.mark.e2e
def test_a_portal_signs_in_and_reads_through_the_typed_client(built_client, portal_stack):
    gateway = portal_stack.gateway
    run = node(["node", "example/dist/portal.js"], CLIENT, CIVIC_GATEWAY_URL=gateway, CIVIC_USERNAME="registry",
               CIVIC_PASSWORD=DEMO_PASSWORD)
    assert run.returncode == 0, run.stdout + run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["listed"] == [seen["uscc"]]

    # Not only the example's word for it: the registry holds what the example registered.
    token = httpx.post(f"{gateway}/oauth/token", data={"grant_type": "password", "username": "registry",
                                                       "password": DEMO_PASSWORD}, timeout=30)
    assert token.status_code == 200, token.text
    employer = httpx.get(f"{gateway}/api/v1/registry/employers/{seen['employer_id']}", timeout=30,
                         headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert employer.status_code == 200, employer.text
    assert employer.json()["uscc"] == seen["uscc"]
