"""The Kubernetes manifests, rendered by kustomize and validated without a cluster.

Built-in kinds are checked strictly (unknown fields fail) against the Kubernetes schemas bundled with
kubernetes-validate; the operators' resources against the subset schemas beside this file. Structural checks are
derived from the code (ports, modules, who consumes events), so a new service without manifests fails here.
"""
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from shared.config import SERVICE_PORTS
from shared.events.routing import CONSUMERS

ROOT = Path(__file__).resolve().parents[2]
K8S_VERSION = "1.31.0"
SCHEMAS = Path(__file__).parent / "schemas"


def kustomize() -> str:
    gopath = subprocess.run(["go", "env", "GOPATH"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("go") else str(Path.home() / "go")
    found = Path(gopath) / "bin" / "kustomize"
    assert found.exists(), "kustomize is installed by deploy/local/install.sh (go install)"
    return str(found)


@pytest.fixture(scope="module", params=["dev", "city"])
def rendered(request):
    out = subprocess.run([kustomize(), "build", str(ROOT / "deploy/k8s/overlays" / request.param)],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    return request.param, [doc for doc in yaml.safe_load_all(out) if doc]


def of_kind(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def test_every_object_matches_its_schema(rendered):
    _, docs = rendered
    for doc in docs:
        custom = SCHEMAS / f"{doc['kind']}.json"
        if custom.exists():
            jsonschema.validate(doc, json.loads(custom.read_text()))
        else:
            kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_each_process_runs_with_probes_resources_config_service_and_budget(rendered):
    _, docs = rendered
    deployments, services, budgets = (of_kind(docs, k) for k in ("Deployment", "Service", "PodDisruptionBudget"))
    for name, port in SERVICE_PORTS.items():
        container = deployments[name]["spec"]["template"]["spec"]["containers"][0]
        module = "gateway" if name == "gateway" else f"services.{name}"
        assert container["command"] == ["python", "-m", module]
        assert {"name": "CIVIC_PORT", "value": str(port)} in container["env"]
        assert container["ports"][0]["containerPort"] == port
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
        assert container["resources"]["requests"] and container["resources"]["limits"]
        sources = {next(iter(s.values()))["name"].split("-")[1] for s in container["envFrom"]}
        assert sources == {"config", "secrets"}
        labels = deployments[name]["spec"]["template"]["metadata"]["labels"]
        assert services[name]["spec"]["selector"].items() <= labels.items()
        assert budgets[name]["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_the_gateway_and_every_event_consumer_autoscale(rendered):
    _, docs = rendered
    scaled = {h["spec"]["scaleTargetRef"]["name"] for h in of_kind(docs, "HorizontalPodAutoscaler").values()}
    consumers = {service for service, events in CONSUMERS.items() if events}
    assert {"gateway"} | consumers <= scaled <= set(of_kind(docs, "Deployment"))


def test_data_and_broker_as_the_operators_run_them(rendered):
    overlay, docs = rendered
    [mongo] = of_kind(docs, "MongoDBCommunity").values()
    [rabbit] = of_kind(docs, "RabbitmqCluster").values()
    expected = 3 if overlay == "city" else 1
    assert mongo["spec"]["members"] == expected and rabbit["spec"]["replicas"] == expected
    assert "default_queue_type = quorum" in rabbit["spec"]["rabbitmq"]["additionalConfig"]
    secret = of_kind(docs, "Secret")["civic-secrets"]
    assert "replicaSet=civic-mongo" in secret["stringData"]["MONGO_URL"]


def test_every_gateway_replica_signs_with_the_one_key_from_a_secret(rendered):
    _, docs = rendered
    pod = of_kind(docs, "Deployment")["gateway"]["spec"]["template"]["spec"]
    [container] = pod["containers"]
    key_file = next(e["value"] for e in container["env"] if e["name"] == "CIVIC_SIGNING_KEY_FILE")
    mount = next(m for m in container["volumeMounts"] if key_file.startswith(m["mountPath"] + "/"))
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    secret = of_kind(docs, "Secret")[volume["secret"]["secretName"]]
    assert key_file.rsplit("/", 1)[1] in secret["stringData"] and mount["readOnly"]


def test_each_process_connects_to_the_broker_as_its_own_user_set_up_by_the_job(rendered):
    _, docs = rendered
    deployments, secrets = of_kind(docs, "Deployment"), of_kind(docs, "Secret")
    assert "AMQP_URL" not in secrets["civic-secrets"]["stringData"], "no broker login shared by every process"
    for name in SERVICE_PORTS:
        env = {e["name"]: e for e in deployments[name]["spec"]["template"]["spec"]["containers"][0]["env"]}
        password = f"CIVIC_BROKER_PASSWORD_{name.upper()}"
        assert env["AMQP_URL"]["value"].startswith(f"amqp://{name}:$({password})@")
        assert env[password]["valueFrom"]["secretKeyRef"] == {"name": "civic-broker", "key": password}
    [job] = of_kind(docs, "Job").values()
    assert job["spec"]["template"]["spec"]["containers"][0]["command"][:3] == ["python", "-m", "deploy.broker_users"]


def selects(selector: dict, labels: dict) -> bool:
    """A Kubernetes label selector (matchLabels, matchExpressions with In / NotIn / Exists) against pod labels."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    tests = {"In": lambda e: labels.get(e["key"]) in e["values"],
             "NotIn": lambda e: labels.get(e["key"]) not in e["values"],
             "Exists": lambda e: e["key"] in labels}
    return all(tests[e["operator"]](e) for e in selector.get("matchExpressions", []))


def test_only_the_gateway_and_the_metrics_scrape_reach_a_services_http_port(rendered):
    _, docs = rendered
    deployments = of_kind(docs, "Deployment")
    pods = {name: d["spec"]["template"]["metadata"]["labels"] for name, d in deployments.items()}
    policies = [p for p in of_kind(docs, "NetworkPolicy").values() if "Ingress" in p["spec"]["policyTypes"]]
    for name in SERVICE_PORTS:
        covering = [p for p in policies if selects(p["spec"]["podSelector"], pods[name])]
        if name == "gateway":
            assert not covering, "the gateway is the entry: its port stays open"
            continue
        assert covering, f"no NetworkPolicy selects {name}: any pod in the cluster reaches its port"
        reached_by = set()
        for rule in (rule for policy in covering for rule in policy["spec"]["ingress"]):
            assert [p["port"] for p in rule["ports"]] == ["http"]
            for peer in rule["from"]:
                assert peer.get("podSelector") and "ipBlock" not in peer, (name, peer)
                reached_by |= {pod for pod, labels in pods.items() if selects(peer["podSelector"], labels)}
        assert reached_by == {"gateway"}, (name, reached_by)  # the other peer is Prometheus, none of ours


def test_every_process_gets_the_audit_key_from_the_secret_and_its_placeholder_is_refused(rendered):
    from pydantic import ValidationError

    from shared.config import CommonSettings
    _, docs = rendered
    placeholder = of_kind(docs, "Secret")["civic-secrets"]["stringData"]["CIVIC_AUDIT_KEY"]
    with pytest.raises(ValidationError, match="placeholder"):
        CommonSettings(service="registry", audit_key=placeholder)
    for deployment in of_kind(docs, "Deployment").values():
        sources = deployment["spec"]["template"]["spec"]["containers"][0]["envFrom"]
        assert {"secretRef": {"name": "civic-secrets"}} in sources
