"""The audit middleware without a database: when the record is written, and what a failing or impossible write
does to the answer (nothing)."""
import logging

from fastapi import FastAPI
from pymongo.errors import ConnectionFailure

from shared import http
from shared.audit.middleware import AuditMiddleware

SCOPE = {"type": "http", "method": "POST", "path": "/api/v1/registry/employers/91110108551385082Q/changes",
         "headers": [(b"x-civic-user", b"mallory"), (b"x-civic-role", b"officer")], "client": ("10.0.0.9", 1),
         "query_string": b"", "root_path": "", "scheme": "http", "server": ("svc", 80), "http_version": "1.1"}


class Audit:
    def __init__(self, fails: bool = False) -> None:
        self.entries, self.fails = [], fails

    async def append(self, entry):
        if self.fails:
            raise ConnectionFailure("audit store down")
        self.entries.append(entry)


def app_answering(status: int = 200, error: Exception | None = None) -> FastAPI:
    app = FastAPI()
    http.install(app)

    @app.post("/api/v1/registry/employers/{uscc}/changes")
    async def change(uscc: str) -> dict:
        if error is not None:
            raise error
        return {"uscc": uscc}

    return app


async def call(app, audit: Audit, believe_headers: bool = False) -> tuple[list[dict], list[int]]:
    sent, seen_by_then = [], []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        seen_by_then.append(len(audit.entries))
        sent.append(message)

    await AuditMiddleware(app, audit, believe_headers)(dict(SCOPE), receive, send)
    return sent, seen_by_then


async def test_the_record_is_written_before_the_answer_starts_and_names_the_path_target():
    audit = Audit()
    sent, seen_by_then = await call(app_answering(), audit)
    assert sent[0]["status"] == 200 and seen_by_then[0] == 1
    (entry,) = audit.entries
    assert (entry.target, entry.subject, entry.via, entry.ip) == ("91110108551385082Q", "anonymous", "none",
                                                                   "10.0.0.9")


async def test_identity_headers_are_recorded_only_where_the_service_believes_them():
    audit = Audit()
    await call(app_answering(), audit, believe_headers=True)
    (entry,) = audit.entries
    assert (entry.subject, entry.roles, entry.via) == ("mallory", ("officer",), "headers")


async def test_a_failing_audit_write_is_logged_and_the_answer_is_unchanged(caplog):
    with caplog.at_level(logging.ERROR):
        sent, _ = await call(app_answering(), Audit(fails=True))
    assert sent[0]["status"] == 200 and "could not write the audit record" in caplog.text


async def test_when_the_database_is_down_the_entry_goes_to_the_log_without_waiting_on_it(caplog):
    audit = Audit()
    with caplog.at_level(logging.ERROR):
        sent, _ = await call(app_answering(error=ConnectionFailure("down")), audit)
    assert sent[0]["status"] == 503 and audit.entries == []
    assert "audit record not written, the database is unavailable" in caplog.text and "changes" in caplog.text
