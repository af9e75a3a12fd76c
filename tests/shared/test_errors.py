import pytest

from shared.errors import Conflict, InvalidInput, NotFound, ProblemCollector, refusal


def test_a_problem_names_each_field_and_rule():
    collector = ProblemCollector()
    collector.add("parties.0.uscc", "uscc-check-character", "bad check character")
    collector.add("amount", "positive", "must be above zero")
    with pytest.raises(InvalidInput) as caught:
        collector.raise_if_any()
    body = caught.value.problem("/x")
    assert body["status"] == 422 and body["instance"] == "/x"
    assert [e["field"] for e in body["errors"]] == ["parties.0.uscc", "amount"]


def test_extra_facts_travel_in_the_error_entry_not_at_the_top_level():
    body = Conflict("taken", uscc="X").problem()
    assert "uscc" not in body and body["errors"] == [{"rule": "conflict", "message": "taken", "uscc": "X"}]


def test_every_problem_names_a_rule_even_when_the_raiser_named_none():
    assert [e["rule"] for e in NotFound("no employer e1").problem()["errors"]] == ["not-found"]


def test_an_entry_carries_its_article_and_facts_and_no_field_when_no_input_is_at_fault():
    entry = refusal("", "already-closed", "the month is closed", article="第十条", status_now="closed").as_dict()
    assert entry == {"rule": "already-closed", "message": "the month is closed", "article": "第十条",
                     "status_now": "closed"}


def test_an_empty_collector_does_not_raise():
    ProblemCollector().raise_if_any()
