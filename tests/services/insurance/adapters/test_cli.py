"""`civic insurance …` turns commands into the HTTP API's requests and reports problems with exit code 1."""
import httpx
from typer.testing import CliRunner

from services.insurance.adapters import cli


def test_cycle_commands_call_the_api_with_their_dates(monkeypatch, tmp_path):
    calls = []

    def fake(method, url, **kwargs):
        calls.append((method, url, kwargs.get("json"), kwargs.get("params")))
        status = 409 if "close" in url else 200
        return httpx.Response(status, text='{"ok": true}', request=httpx.Request(method, url))

    monkeypatch.setattr(cli.httpx, "request", fake)
    runner = CliRunner()
    assert runner.invoke(cli.app, ["cycle", "statements", "2026-11", "--on", "2026-11-28", "--api", "http://x"]
                         ).exit_code == 0
    results = tmp_path / "bank.csv"
    results.write_text("employer_id,amount\ne1,1.00\n")
    assert runner.invoke(cli.app, ["cycle", "debit-results", "2026-11", str(results), "--on", "2026-12-04",
                                   "--api", "http://x"]).exit_code == 0
    assert runner.invoke(cli.app, ["cycle", "close", "2026-11", "--on", "2026-12-31", "--api", "http://x"]
                         ).exit_code == 1
    assert calls == [
        ("POST", "http://x/api/v1/insurance/cycles/2026-11/statements", {"on": "2026-11-28"}, None),
        ("POST", "http://x/api/v1/insurance/cycles/2026-11/debit-results",
         {"on": "2026-12-04", "batch": "first-debit", "rows": [{"employer_id": "e1", "amount": "1.00"}]}, None),
        ("POST", "http://x/api/v1/insurance/cycles/2026-11/close", {"on": "2026-12-31"}, None)]
