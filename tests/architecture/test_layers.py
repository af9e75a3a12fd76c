"""The shape the README promises, read from the imports themselves (ast, no import side effects):

- `domain/` imports only the standard library, its own service's domain, `shared.errors` / `shared.events`, and the
  pure computation libraries named below (no I/O, no framework: the same input gives the same answer);
- `application/` imports no adapter (it names what it needs in `application/ports.py`);
- `shared/` imports neither `gateway` nor `services`; no service imports another; the gateway imports no service.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registry", "insurance", "contracts", "markets", "workforce")
STDLIB = sys.stdlib_module_names
DOMAIN_MAY_USE = ("shared.errors", "shared.events")
PURE_LIBRARIES = {
    "stdnum": "check digits of USCCs and resident ids (GB 32100, GB 11643)",
    "chinese_calendar": "mainland working days and the State Council's adjusted days",
    "numpy": "coverage and distances over many points at once",
    "scipy": "nearest-neighbour search (KD-tree) for walking-distance coverage",
    "pyproj": "longitude/latitude to metres on a local transverse Mercator projection",
}


def imports_of(path: Path) -> list[str]:
    """Absolute module names a file imports (relative imports resolved against its package)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.append(node.module)
    return found


def modules(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(folder: str, allowed) -> list[str]:
    return [f"{path.relative_to(ROOT)} imports {name}"
            for path in modules(folder) for name in imports_of(path) if not allowed(name)]


@pytest.mark.parametrize("service", SERVICES)
def test_the_domain_imports_only_the_standard_library_and_the_shared_errors_and_events(service):
    own = f"services.{service}.domain"
    ok = lambda name: name.split(".")[0] in STDLIB | PURE_LIBRARIES.keys() or within(name, own, *DOMAIN_MAY_USE)  # noqa: E731
    assert violations(f"services/{service}/domain", ok) == []


@pytest.mark.parametrize("service", SERVICES)
def test_application_code_imports_no_adapter(service):
    ok = lambda name: not within(name, f"services.{service}.adapters")  # noqa: E731
    assert violations(f"services/{service}/application", ok) == []


@pytest.mark.parametrize("service", SERVICES)
def test_no_service_imports_another_or_the_gateway(service):
    others = [f"services.{s}" for s in SERVICES if s != service] + ["gateway"]
    assert violations(f"services/{service}", lambda name: not within(name, *others)) == []


def test_shared_imports_neither_the_gateway_nor_the_services():
    assert violations("shared", lambda name: not within(name, "gateway", "services")) == []


def test_the_gateway_imports_no_service():
    assert violations("gateway", lambda name: not within(name, "services")) == []


def test_the_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The walker itself: a file that imports an adapter is reported (so an empty list above means something)."""
    bad = ROOT / "services" / "registry" / "application" / "_architecture_probe.py"
    bad.write_text("from services.registry.adapters import routes\nfrom ..adapters import schemas\n")
    try:
        found = violations("services/registry/application",
                           lambda name: not within(name, "services.registry.adapters"))
    finally:
        bad.unlink()
    assert [v for v in found if "_architecture_probe" in v] == [
        "services/registry/application/_architecture_probe.py imports services.registry.adapters",
        "services/registry/application/_architecture_probe.py imports services.registry.adapters"]
