"""`civic insurance …` turns commands into the HTTP API's requests: the city-wide steps start a job and follow it
to its end; a refusal or a failed job is printed with exit code 1."""
import json

import httpx
from typer.testing import CliRunner

from services.insurance.adapters import cli
from shared.jobs import cli as job_cli

REAL_CLIENT = httpx.Client
JOB = {"job_id": "j1", "status": "queued", "attempts": 0, "progress": {"done_count": 0, "total_count": None}}


class FakeApi:
    """The jobs API of one service: a job answers `running` once, then ends as `ending` says."""

    def __init__(self, ending: dict) -> None:
        self.calls, self.ending, self.polls = [], ending, 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.calls.append((request.method, str(request.url), body, request.headers.get("authorization")))
        if request.method == "POST":
            kind = request.url.path.rsplit("/", 1)[-1]
            if body.get("month") == "2026-13":
                return httpx.Response(422, json={"errors": [{"field": "month"}]})
            return httpx.Response(202, json=JOB | {"kind": kind, "params": body},
                                  headers={"location": "/api/v1/insurance/jobs/j1"})
        self.polls += 1
        if self.polls == 1:
            return httpx.Response(200, json=JOB | {"kind": "k", "status": "running",
                                                   "progress": {"done_count": 1, "total_count": 3}})
        return httpx.Response(200, json=JOB | {"kind": "k", "attempts": 1, **self.ending})


def _invoke(monkeypatch, fake: FakeApi, *args: str):
    monkeypatch.setattr(job_cli.httpx, "Client",
                        lambda **kw: REAL_CLIENT(transport=httpx.MockTransport(fake.handle), **kw))
    monkeypatch.setattr(job_cli, "POLL_SECONDS", 0)
    return CliRunner().invoke(cli.app, [*args, "--api", "http://x", "--token", "t0k"])


def test_a_cycle_step_starts_its_job_follows_it_and_prints_its_result(monkeypatch):
    fake = FakeApi({"status": "succeeded", "progress": {"done_count": 3, "total_count": 3},
                    "result": {"period": "2026-11", "statements": 3}})
    run = _invoke(monkeypatch, fake, "cycle", "statements", "2026-11", "--on", "2026-11-28")
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout[run.stdout.index("{"):]) == {"period": "2026-11", "statements": 3}
    assert fake.calls == [
        ("POST", "http://x/api/v1/insurance/jobs/month-statements", {"month": "2026-11", "on": "2026-11-28"},
         "Bearer t0k"),
        ("GET", "http://x/api/v1/insurance/jobs/j1", None, "Bearer t0k"),
        ("GET", "http://x/api/v1/insurance/jobs/j1", None, "Bearer t0k")]


def test_the_date_left_out_is_left_to_the_service_and_a_failed_job_exits_1_with_its_problem(monkeypatch):
    fake = FakeApi({"status": "failed", "error": {"status": 409, "detail": "2026-11:close has already run"}})
    run = _invoke(monkeypatch, fake, "cycle", "close", "2026-11")
    assert run.exit_code == 1 and "2026-11:close has already run" in run.output
    assert fake.calls[0][:3] == ("POST", "http://x/api/v1/insurance/jobs/month-close", {"month": "2026-11"})


def test_a_refused_start_exits_1_with_the_problem_and_polls_nothing(monkeypatch):
    fake = FakeApi({"status": "succeeded", "result": {}})
    run = _invoke(monkeypatch, fake, "cycle", "statements", "2026-13")
    assert run.exit_code == 1 and json.loads(run.output)["errors"] == [{"field": "month"}] and len(fake.calls) == 1


def test_escalation_and_bases_are_jobs_too(monkeypatch):
    fake = FakeApi({"status": "succeeded", "result": {"year": 2026, "bases": 2}})
    assert _invoke(monkeypatch, fake, "generate-bases", "2026", "--on", "2026-04-01").exit_code == 0
    fake2 = FakeApi({"status": "succeeded", "result": {"as_of": "2027-01-05", "escalated": {}}})
    assert _invoke(monkeypatch, fake2, "escalate", "--on", "2027-01-05").exit_code == 0
    assert (fake.calls[0][1], fake.calls[0][2]) == ("http://x/api/v1/insurance/jobs/wage-bases",
                                                    {"year": 2026, "on": "2026-04-01"})
    assert (fake2.calls[0][1], fake2.calls[0][2]) == ("http://x/api/v1/insurance/jobs/escalations",
                                                      {"on": "2027-01-05"})


def test_debit_results_go_as_json_rows_with_their_date_or_as_the_csv_itself(monkeypatch, tmp_path):
    calls = []

    def fake(method, url, **kwargs):
        token = kwargs.get("headers", {}).get("Authorization")
        calls.append((method, url, kwargs.get("json"), kwargs.get("params"), token))
        return httpx.Response(200, json={}, request=httpx.Request(method, url))

    monkeypatch.delenv("CIVIC_TOKEN", raising=False)
    monkeypatch.setattr(cli.httpx, "request", fake)
    results = tmp_path / "bank.csv"
    results.write_text("employer_id,amount\ne1,1.00\n")
    runner = CliRunner()
    assert runner.invoke(cli.app, ["cycle", "debit-results", "2026-11", str(results), "--on", "2026-12-04",
                                   "--api", "http://x", "--token", "t0k"]).exit_code == 0
    assert runner.invoke(cli.app, ["cycle", "debit-results", "2026-11", str(results), "--api", "http://x"]
                         ).exit_code == 0
    url = "http://x/api/v1/insurance/cycles/2026-11/debit-results"
    assert calls == [
        ("POST", url, {"on": "2026-12-04", "batch": "first-debit", "rows": [{"employer_id": "e1", "amount": "1.00"}]},
         None, "Bearer t0k"),
        ("POST", url, None, {"batch": "first-debit"}, None)]
