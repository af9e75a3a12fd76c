"""Every service's CLI starts its city-wide jobs by kind with their parameters, and follows them to their end."""
import json

import httpx
import pytest
from typer.testing import CliRunner

from services.markets.adapters import cli as markets_cli
from services.registry.adapters import cli as registry_cli
from services.workforce.adapters import cli as workforce_cli
from shared.jobs import cli as job_cli

REAL_CLIENT = httpx.Client


@pytest.mark.parametrize(("app", "args", "path", "params"), [
    (workforce_cli.app, ["payroll", "2026-11"], "/api/v1/workforce/jobs/payroll", {"month": "2026-11"}),
    (workforce_cli.app, ["separation-watch", "--on", "2026-04-02"], "/api/v1/workforce/jobs/separation-watch",
     {"on": "2026-04-02"}),
    (markets_cli.app, ["exit-review", "2026-10"], "/api/v1/markets/jobs/station-exit-review", {"month": "2026-10"}),
    (markets_cli.app, ["overdue-cases", "--on", "2026-05-20"], "/api/v1/markets/jobs/overdue-cases",
     {"on": "2026-05-20"}),
    (registry_cli.app, ["lapse", "2026", "--on", "2027-01-02"], "/api/v1/registry/jobs/certificate-lapse",
     {"year": 2026, "on": "2027-01-02"}),
])
def test_each_command_starts_its_job_and_prints_the_result(monkeypatch, app, args, path, params):
    posted = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            posted.append((request.url.path, json.loads(request.content)))
            return httpx.Response(202, headers={"location": "/jobs/j"}, json={
                "job_id": "j", "kind": "k", "status": "queued", "progress": {"done_count": 0, "total_count": None}})
        return httpx.Response(200, json={"job_id": "j", "kind": "k", "status": "succeeded", "attempts": 1,
                                         "progress": {"done_count": 2, "total_count": 2}, "result": {"ok": 2}})

    monkeypatch.setattr(job_cli.httpx, "Client", lambda **kw: REAL_CLIENT(transport=httpx.MockTransport(handle), **kw))
    monkeypatch.setattr(job_cli, "POLL_SECONDS", 0)
    run = CliRunner().invoke(app, [*args, "--api", "http://x"])
    assert run.exit_code == 0, run.output
    assert posted == [(path, params)] and json.loads(run.stdout[run.stdout.index("{"):]) == {"ok": 2}
