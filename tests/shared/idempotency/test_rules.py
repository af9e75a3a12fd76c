"""The pure half of `Idempotency-Key`: the key, the fingerprint, the caller, and what a stored record decides."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.errors import InvalidInput
from shared.idempotency.rules import (DONE, PROCESSING, Outcome, caller_of, decide, fingerprint, key_in_progress,
                                      key_reused, parse_key, record_id, storable)

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)


def test_no_header_is_no_key_and_a_bare_token_or_a_quoted_string_is_the_key():
    assert parse_key([]) is None
    assert parse_key([b"8e03978e-40d5-43e8-bc93-6894a57f9324"]) == "8e03978e-40d5-43e8-bc93-6894a57f9324"
    assert parse_key([b'"8e03978e-40d5"']) == "8e03978e-40d5"  # the draft's sf-string
    assert parse_key([b'"a \\"b\\" \\\\c"']) == 'a "b" \\c'
    assert parse_key([b"  k-1 \t"]) == "k-1"  # surrounding whitespace is not part of a header's value


@pytest.mark.parametrize(("values", "rule"), [
    ([b""], "idempotency-key-length"),
    ([b'""'], "idempotency-key-length"),
    ([b"x" * 256], "idempotency-key-length"),
    ([b"a\x01b"], "idempotency-key-printable"),
    (["schlüssel".encode()], "idempotency-key-printable"),
    ([b'"open'], "idempotency-key-syntax"),
    ([b'"a"b"'], "idempotency-key-syntax"),
    ([b"one", b"two"], "idempotency-key-single"),
])
def test_a_malformed_key_is_a_422_naming_the_header_and_the_rule(values, rule):
    with pytest.raises(InvalidInput) as refused:
        parse_key(values)
    assert refused.value.status == 422
    assert [(e.field, e.rule) for e in refused.value.errors] == [("Idempotency-Key", rule)]


def test_the_longest_key_allowed_is_255_characters():
    assert parse_key([b"x" * 255]) == "x" * 255


def test_the_same_json_is_the_same_request_whatever_its_key_order_and_spacing():
    one = fingerprint("POST", "/api/v1/insurance/accounts/u1/fines", "", "application/json",
                      b'{"amount": "1000.00", "offence": "declaration"}')
    same = fingerprint("post", "/api/v1/insurance/accounts/u1/fines", "", "application/json; charset=utf-8",
                       b'{"offence":"declaration","amount":"1000.00"}')
    assert one == same


@pytest.mark.parametrize("other", [
    ("POST", "/api/v1/insurance/accounts/u1/fines", "", "application/json", b'{"amount": "1000.01"}'),
    ("POST", "/api/v1/insurance/accounts/u2/fines", "", "application/json", b'{"amount": "1000.00"}'),
    ("PUT", "/api/v1/insurance/accounts/u1/fines", "", "application/json", b'{"amount": "1000.00"}'),
    ("POST", "/api/v1/insurance/accounts/u1/fines", "on=2026-12-04", "application/json", b'{"amount": "1000.00"}'),
    ("POST", "/api/v1/insurance/accounts/u1/fines", "", "text/csv", b'{"amount": "1000.00"}'),
])
def test_another_method_path_query_media_type_or_body_is_another_request(other):
    first = fingerprint("POST", "/api/v1/insurance/accounts/u1/fines", "", "application/json",
                        b'{"amount": "1000.00"}')
    assert fingerprint(*other) != first


def test_numbers_are_compared_as_written_and_a_non_json_body_as_bytes():
    json = "application/json"
    assert fingerprint("POST", "/p", "", json, b'{"n": 1.0}') != fingerprint("POST", "/p", "", json, b'{"n": 1}')
    assert fingerprint("POST", "/p", "", json, b'{"n": 1}') != fingerprint("POST", "/p", "", json, b'{"n": "1"}')
    csv = "text/csv"
    assert fingerprint("POST", "/p", "", csv, b"a,b\n1,2\n") != fingerprint("POST", "/p", "", csv, b"a,b\n1,2")
    assert fingerprint("POST", "/p", "", json, b"{not json") == fingerprint("POST", "/p", "", json, b"{not json")


def test_two_callers_with_one_key_have_two_records():
    officer = caller_of("insurance", None, ["insurance-officer"])
    unit_a = caller_of("hr", "A", ["employer-user"])
    unit_b = caller_of("hr", "B", ["employer-user"])
    assert len({record_id(officer, "k"), record_id(unit_a, "k"), record_id(unit_b, "k")}) == 3
    assert record_id(officer, "k") == record_id(caller_of("insurance", None, {"insurance-officer"}), "k")
    assert record_id(officer, "k") != record_id(officer, "k2")


def test_the_same_user_with_other_roles_is_another_caller():
    """An answer given to a user acting in one role is never replayed to that user acting in another."""
    assert caller_of("ann", None, ["ops", "auditor"]) == caller_of("ann", None, ["auditor", "ops"])
    assert caller_of("ann", None, ["insurance-officer"]) != caller_of("ann", None, ["ops"])
    assert caller_of("ann", None, []) != caller_of("ann", None, ["ops"])


def _record(state=DONE, fingerprint_="f1", expires=timedelta(hours=1), claimed=timedelta(seconds=30)):
    return {"state": state, "fingerprint": fingerprint_, "expires_at": NOW + expires, "claimed_until": NOW + claimed}


@pytest.mark.parametrize(("record", "outcome"), [
    (None, Outcome.CLAIM),
    (_record(), Outcome.REPLAY),
    (_record(fingerprint_="f2"), Outcome.REUSED),
    (_record(state=PROCESSING), Outcome.IN_PROGRESS),
    (_record(state=PROCESSING, fingerprint_="f2"), Outcome.REUSED),
    (_record(state=PROCESSING, claimed=timedelta(seconds=-1)), Outcome.TAKE_OVER),  # its holder died
    (_record(expires=timedelta(seconds=-1)), Outcome.TAKE_OVER),  # past its TTL: as if absent
    (_record(fingerprint_="f2", expires=timedelta(0)), Outcome.TAKE_OVER),  # an expired key is free again
])
def test_what_a_stored_record_decides(record, outcome):
    assert decide(record, "f1", NOW) is outcome


@pytest.mark.parametrize(("status", "size", "kept"), [
    (201, 100, True), (200, 1024, True), (422, 300, True), (409, 300, True), (404, 100, True),
    (500, 10, False), (503, 10, False), (504, 10, False), (401, 10, False), (403, 10, False), (429, 10, False),
    (201, 1025, False),
])
def test_only_answers_below_500_that_are_no_refusal_and_fit_are_kept(status, size, kept):
    assert (storable(status, size, max_bytes=1024) is None) is kept


def test_the_reuse_and_in_progress_problems_name_the_header_and_the_rule():
    reused, busy = key_reused().problem("/x"), key_in_progress().problem("/x")
    assert (reused["status"], busy["status"]) == (422, 409)
    assert reused["errors"][0]["field"] == busy["errors"][0]["field"] == "Idempotency-Key"
    assert (reused["errors"][0]["rule"], busy["errors"][0]["rule"]) == ("idempotency-key-reused",
                                                                        "idempotency-key-in-progress")
    assert reused["type"].endswith("/idempotency-key-reused")
