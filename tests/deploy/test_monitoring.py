"""The monitoring files (deploy/monitoring/) against the code: every metric and label an alert or a dashboard panel
reads is one a process exports (or RabbitMQ's), the four alerts the platform needs exist, and compose and
Kubernetes scrape every process at its port. Static: no Prometheus or Grafana runs here."""
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client import REGISTRY

import shared.metrics  # noqa: F401 - registers the metrics this test compares against
from shared.config import SERVICE_PORTS
from tests.deploy.test_k8s import kustomize

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ROOT / "deploy" / "monitoring"
FROM_RABBITMQ = {"rabbitmq_detailed_queue_messages", "rabbitmq_detailed_queue_consumers"}
ADDED_BY_PROMETHEUS = {"job", "instance", "le", "queue", "vhost"}
OURS = re.compile(r"\b((?:civic|http_server|db_client|messaging|rabbitmq)_[a-z_]+)\b")


def exported() -> tuple[set[str], set[str]]:
    names, labels = set(), set()
    for family in REGISTRY.collect():
        suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_count", "_sum"]}.get(family.type, [""])
        names |= {family.name + s for s in suffixes}
        labels |= {label for sample in family.samples for label in sample.labels}
    labels |= {label for metric in vars(shared.metrics).values() if hasattr(metric, "_labelnames")
               for label in metric._labelnames}
    return names, labels


def alert_rules() -> list[dict]:
    return [rule for group in yaml.safe_load((MONITORING / "alerts.yml").read_text())["groups"]
            for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    dashboard = json.loads((MONITORING / "grafana" / "civic-mesh.json").read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def all_exprs() -> list[str]:
    return [rule["expr"] for rule in alert_rules()] + dashboard_exprs()


def test_there_are_expressions_to_check():
    assert len(alert_rules()) >= 4 and len(dashboard_exprs()) >= 10


@pytest.mark.parametrize("expr", all_exprs())
def test_every_metric_an_alert_or_panel_reads_is_exported(expr):
    names, _ = exported()
    selectors_removed = re.sub(r"by \([^)]*\)|\{[^}]*\}", "", expr)  # label names are not metrics
    unknown = {name for name in OURS.findall(selectors_removed) if name not in names | FROM_RABBITMQ}
    assert not unknown, f"{unknown} in {expr!r}: no process exports it (shared/metrics.py)"


@pytest.mark.parametrize("expr", all_exprs())
def test_every_label_an_alert_or_panel_groups_or_filters_by_exists(expr):
    _, labels = exported()
    used = {label.strip() for group in re.findall(r"by \(([^)]*)\)", expr) for label in group.split(",")}
    used |= set(re.findall(r"[{,]\s*([a-z_]+)\s*(?:=~|!~|!=|=)", expr))
    unknown = used - labels - ADDED_BY_PROMETHEUS
    assert not unknown, f"labels {unknown} in {expr!r} are on no exported metric"


def test_the_alerts_cover_a_stuck_outbox_parked_events_a_queue_without_consumer_and_5xx():
    rules = {rule["alert"]: rule["expr"] for rule in alert_rules()}
    assert "civic_outbox_oldest_age_seconds" in rules["CivicOutboxStuck"] and "> 60" in rules["CivicOutboxStuck"]
    assert ".parked" in rules["CivicEventsParked"] and "> 0" in rules["CivicEventsParked"]
    assert "rabbitmq_detailed_queue_consumers" in rules["CivicQueueWithoutConsumer"]
    assert '"5.."' in rules["CivicHigh5xxRate"]


def test_compose_scrapes_every_process_at_its_port_and_mounts_files_that_exist():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    config = yaml.safe_load((MONITORING / "prometheus.compose.yml").read_text())
    targets = {job["job_name"]: job["static_configs"][0]["targets"] for job in config["scrape_configs"]}
    for name, port in SERVICE_PORTS.items():
        assert targets[name] == [f"{name}:{compose[name]['environment']['CIVIC_PORT']}"] == [f"{name}:{port}"]
    assert targets["rabbitmq"] == ["rabbitmq:15692"]
    for service in ("prometheus", "grafana"):
        for volume in compose[service]["volumes"]:
            assert (ROOT / volume.split(":")[0]).exists(), volume


def test_kubernetes_pods_are_annotated_for_scraping_and_carry_the_config_and_dashboard():
    out = subprocess.run([kustomize(), "build", str(ROOT / "deploy/k8s/overlays/dev")], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    docs = [d for d in yaml.safe_load_all(out) if d]
    for name, port in SERVICE_PORTS.items():
        deployment = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == name)
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true" and annotations["prometheus.io/port"] == str(port)
    maps = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ConfigMap"}
    assert set(maps["civic-prometheus"]["data"]) == {"prometheus.yml", "alerts.yml"}
    assert maps["civic-grafana-dashboard"]["metadata"]["labels"]["grafana_dashboard"] == "1"
    json.loads(maps["civic-grafana-dashboard"]["data"]["civic-mesh.json"])
