"""Which request text cannot be stored (`shared.text_guard`), without I/O; the route-level refusal is tested in
tests/services/registry/adapters/test_registration_routes.py on the real database."""
import json

from shared.text_guard import body_problems, request_problems, unstorable_fields


def test_nul_and_lone_surrogates_are_named_by_their_dotted_path():
    value = {"name": "a\x00b", "parties": [{"uscc": "ok"}, {"name": "\ud83d"}], "pair": "😀", "k\x00": 1}
    assert list(unstorable_fields(value)) == ["name", "parties.1.name", "k\x00"]


def test_a_json_body_is_parsed_only_when_a_suspect_escape_is_there():
    assert body_problems(json.dumps({"name": "甲"}).encode(), "application/json") == []
    assert body_problems(b'{"name": "\\u0000"}', "application/json") == ["name"]
    assert body_problems(b'{"name": "\\uD83D"}', "application/json") == ["name"]
    assert body_problems(b'{"name": "\\ud83d\\ude00"}', "application/json") == []  # a proper pair is fine
    assert body_problems(b"name\nA\x00B\n", "text/csv") == ["body"]
    assert body_problems(b'{"name": "\\u0000"', "application/json") == []  # malformed: FastAPI answers it


def test_path_and_query_are_checked_too():
    scope = {"path": "/communities/a\x00/merge", "query_string": b"on=2026-01-01&q=%00", "headers": []}
    assert request_problems(scope, b"") == ["path", "q"]
