import pytest

from shared.errors import Conflict, InvalidInput, ProblemCollector


def test_a_problem_names_each_field_and_rule():
    collector = ProblemCollector()
    collector.add("parties.0.uscc", "uscc-check-character", "bad check character")
    collector.add("amount", "positive", "must be above zero")
    with pytest.raises(InvalidInput) as caught:
        collector.raise_if_any()
    body = caught.value.problem("/x")
    assert body["status"] == 422 and body["instance"] == "/x"
    assert [e["field"] for e in body["errors"]] == ["parties.0.uscc", "amount"]


def test_extra_members_travel_in_the_problem():
    assert Conflict("taken", uscc="X").problem()["uscc"] == "X"


def test_an_empty_collector_does_not_raise():
    ProblemCollector().raise_if_any()
