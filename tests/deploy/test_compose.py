"""Static checks of the deployment files: every Python process has a compose entry wired like the others,
and CI really runs the test suite. No server and no Docker engine needed."""

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_ENV = ("MONGO_URL", "AMQP_URL", "CIVIC_PORT", "CIVIC_HOST", "OTEL_EXPORTER_OTLP_ENDPOINT")


def service_packages() -> list[str]:
    """The service packages in the repository, by name: services/<name>/__init__.py."""
    return sorted(init.parent.name for init in (ROOT / "services").glob("*/__init__.py"))


def python_processes() -> dict[str, str]:
    """compose service name → module it must run, discovered from the repository (services + the gateway)."""
    processes = {name: f"services.{name}" for name in service_packages()}
    return {**processes, "gateway": "gateway"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_the_repository_has_service_packages_to_check():
    # Guards the discovery itself: an empty list would make the parametrized tests below vacuous.
    assert service_packages(), f"no services/*/__init__.py under {ROOT}"


@pytest.mark.parametrize("name, module", sorted(python_processes().items()))
def test_each_process_has_a_compose_entry_running_its_module(compose, name, module):
    assert name in compose, f"docker-compose.yml has no service {name!r} for package {module}"
    assert compose[name]["command"] == ["python", "-m", module]
    missing = [key for key in REQUIRED_ENV if key not in compose[name].get("environment", {})]
    assert not missing, f"{name} lacks environment {missing}"


@pytest.mark.parametrize("name", sorted(python_processes()))
def test_each_process_waits_for_healthy_infra_and_checks_its_own_readiness(compose, name):
    entry = compose[name]
    assert entry["depends_on"]["mongo"]["condition"] == "service_healthy"
    assert entry["depends_on"]["rabbitmq"]["condition"] == "service_healthy"
    port = entry["environment"]["CIVIC_PORT"]
    assert f"127.0.0.1:{port}/health/ready" in " ".join(entry["healthcheck"]["test"])


def test_compose_runs_no_module_missing_from_the_repository(compose):
    expected = python_processes() | {"broker-setup": "deploy.broker_users"}
    runs = {name: entry["command"][2] for name, entry in compose.items() if entry.get("command", [""])[0] == "python"}
    stale = {name: module for name, module in runs.items() if expected.get(name) != module}
    assert not stale, f"compose services running modules the repository does not have: {stale}"


def test_processes_listen_on_distinct_ports(compose):
    environments = [entry.get("environment", {}) for entry in compose.values()]
    ports = [env["CIVIC_PORT"] for env in environments if "CIVIC_PORT" in env]
    assert len(ports) == len(set(ports)), ports


def test_gateway_upstreams_name_every_service_at_its_compose_host_and_port(compose):
    upstreams = json.loads(compose["gateway"]["environment"]["CIVIC_UPSTREAMS"])
    assert sorted(upstreams) == service_packages()
    for name, url in upstreams.items():
        parsed = urlparse(url)
        assert (parsed.hostname, parsed.port) == (name, int(compose[name]["environment"]["CIVIC_PORT"])), url


def test_gateway_is_published_on_8000(compose):
    assert "8000:8000" in compose["gateway"]["ports"]


def test_infra_images(compose):
    assert compose["mongo"]["image"] == "mongo:7"
    assert compose["rabbitmq"]["image"].endswith("-management")
    assert compose["jaeger"]["image"].startswith("jaegertracing/all-in-one")


def _code_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_ci_runs_make_test():
    lines = _code_lines((ROOT / ".ci" / "run").read_text())
    assert any(re.search(r"\bmake\s+test\b", line) for line in lines), lines


def make_recipe(target: str) -> list[str]:
    """The recipe lines of `target` in the Makefile (tab-indented lines after `target:`)."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"{re.escape(target)}\s*:(?!=)", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_test_runs_pytest():
    recipe = make_recipe("test")
    assert any(re.search(r"-m pytest\b", line) for line in recipe), recipe


@pytest.mark.parametrize("name", sorted(python_processes()))
def test_each_process_connects_to_the_broker_as_its_own_user_after_the_setup(compose, name):
    assert urlparse(compose[name]["environment"]["AMQP_URL"]).username == name
    assert compose[name]["depends_on"]["broker-setup"]["condition"] == "service_completed_successfully"
    assert compose["broker-setup"]["command"][:3] == ["python", "-m", "deploy.broker_users"]


@pytest.mark.parametrize("name", sorted(python_processes()))
def test_every_process_gets_the_one_audit_key_from_the_environment_never_a_default(compose, name):
    key = compose[name]["environment"]["CIVIC_AUDIT_KEY"]
    assert key.startswith("${CIVIC_AUDIT_KEY:?"), "compose must refuse to start without a key, not default one"
