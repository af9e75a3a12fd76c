"""Which request text is refused (`shared.text_guard`), without I/O; the route-level refusal is tested in
tests/services/registry/adapters/test_registration_routes.py on the real database."""
import json

import pytest

from shared.text_guard import body_problems, refused_fields, request_problems

STORABLE, PRINTABLE = "storable-text", "printable-text"


def test_nul_and_lone_surrogates_are_named_by_their_dotted_path():
    value = {"name": "a\x00b", "parties": [{"uscc": "ok"}, {"name": "\ud83d"}], "pair": "😀", "k\x00": 1}
    assert list(refused_fields(value)) == [("name", STORABLE), ("parties.1.name", STORABLE), ("k\x00", STORABLE)]


@pytest.mark.parametrize("text", ["\u202e公司", "a\u2066b", "bell\x07", "esc\x1b[31m", "c1\x85", "del\x7f"])
def test_control_characters_and_bidirectional_overrides_are_refused(text):
    assert list(refused_fields({"name": text})) == [("name", PRINTABLE)]


@pytest.mark.parametrize("text", ["北京海淀科技有限公司", "line one\nline two\r\n\ttabbed", "O'Brien & Co. — 第1号"])
def test_ordinary_text_with_tabs_and_line_breaks_passes(text):
    assert list(refused_fields({"reason": text})) == []
    assert body_problems(json.dumps({"reason": text}).encode(), "application/json") == []


def test_a_json_body_is_parsed_only_when_a_suspect_escape_is_there():
    assert body_problems(json.dumps({"name": "甲"}).encode(), "application/json") == []
    assert body_problems(b'{"name": "\\u0000"}', "application/json") == [("name", STORABLE)]
    assert body_problems(b'{"name": "\\uD83D"}', "application/json") == [("name", STORABLE)]
    assert body_problems(b'{"name": "\\ud83d\\ude00"}', "application/json") == []  # a proper pair is fine
    assert body_problems(b'{"name": "\\u202E\\u0000x"}', "application/json") == [("name", STORABLE)]
    assert body_problems('{"name": "\u202eabc"}'.encode(), "application/json") == [("name", PRINTABLE)]
    assert body_problems(b'{"name": "\\u001b"}', "application/json") == [("name", PRINTABLE)]
    assert body_problems(b"name\nA\x00B\n", "text/csv") == [("body", STORABLE)]
    assert body_problems("name\nA\u202eB\n".encode(), "text/csv") == [("body", PRINTABLE)]
    assert body_problems(b'{"name": "\\u0000"', "application/json") == []  # malformed: FastAPI answers it


def test_path_and_query_are_checked_too():
    scope = {"path": "/communities/a\x00/merge", "query_string": b"on=2026-01-01&q=%00&n=%E2%80%AEx", "headers": []}
    assert request_problems(scope, b"") == [("path", STORABLE), ("q", STORABLE), ("n", PRINTABLE)]
