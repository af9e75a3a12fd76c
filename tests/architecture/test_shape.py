"""Every service has the same files with the same names, and every route says what it answers."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from tests.architecture.test_layers import ROOT, SERVICES

SAME_FILES = ("application/ports.py", "application/subscriptions.py", "adapters/routes/__init__.py",
              "adapters/routes/dependencies.py", "adapters/repositories/__init__.py", "adapters/translators.py",
              "adapters/access.py", "settings.py", "bootstrap.py", "main.py")


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_same_files(service):
    missing = [name for name in SAME_FILES if not (ROOT / "services" / service / name).exists()]
    assert missing == []


@pytest.mark.parametrize("service", SERVICES)
def test_routes_and_repositories_live_one_module_per_resource(service):
    adapters = ROOT / "services" / service / "adapters"
    loose = sorted(p.name for p in adapters.glob("*.py") if "route" in p.stem or "repositor" in p.stem)
    assert loose == [], "routes go in adapters/routes/, repositories in adapters/repositories/"


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_declares_its_response_model(service):
    routes = importlib.import_module(f"services.{service}.adapters.routes")
    untyped = [f"{method} {route.path}" for router in routes.ROUTERS for route in router.routes
               if isinstance(route, APIRoute) and route.response_model is None and route.status_code != 204
               and not _documents_a_file(route) for method in sorted(route.methods)]
    assert untyped == []


def _documents_a_file(route: APIRoute) -> bool:
    """A download (a CSV for the bank) has no JSON model: its OpenAPI entry names the media type instead."""
    content = route.responses.get(200, {}).get("content", {})
    return bool(content) and "application/json" not in content


def test_one_forbidden_and_one_settings_base():
    sources = [p for p in ROOT.glob("*/**/*.py") if ".venv" not in p.parts and "tests" not in p.parts]
    found = [f"{p.relative_to(ROOT)}: {line.strip()}" for p in sources for line in p.read_text().splitlines()
             if line.startswith(("class Forbidden(", "class ")) and ("(BaseSettings)" in line
                                                                       or line.startswith("class Forbidden("))]
    assert sorted(found) == ["shared/config.py: class Section(BaseSettings):", "shared/errors.py: class Forbidden(DomainError):"]


def test_every_request_body_model_checks_its_dates():
    """A request model (`…In`) derives from `shared.schemas.RequestBody`, never straight from `BaseModel`."""
    import ast

    straight = [f"{path.relative_to(ROOT)}: {node.name}"
                for path in sorted((ROOT / "services").rglob("adapters/**/*.py"))
                for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.ClassDef)
                and node.name.endswith("In") and any(getattr(b, "id", None) == "BaseModel" for b in node.bases)]
    assert straight == []
