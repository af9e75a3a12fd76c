"""Request bodies for the workforce API."""
from __future__ import annotations

from datetime import date

from tests.services.workforce.factory import resident_id

# new station staff are expected to hold one (社区服务站建设管理办法 第二十一条); it pays no professional allowance
QUALIFICATION = {"kind": "community_worker_qualification", "number": "BJ-Q-001", "registered_on": "2000-01-01"}


def hire_body(**overrides) -> dict:
    body = {"employer_id": "street-1", "community_id": "c1", "kind": "recruited",
            "person": {"name": "李四", "resident_id": resident_id(date(1990, 3, 7)), "education": "bachelor",
                       "hukou": "beijing_urban"},
            "posts": ["station_staff"], "start_date": "2020-03-01", "term_end": "2023-02-28",
            "closing_date": "2020-01-15",
            "certificates": [QUALIFICATION]}
    return body | overrides


def rules_of(response) -> set[tuple[str, str]]:
    return {(e.get("field"), e["rule"]) for e in response.json().get("errors", [])}


def rule_of(response) -> str:
    """The one rule a refusal names (a 409 names it in `errors[]` too, never at the top level)."""
    body = response.json()
    assert "rule" not in body, "the rule travels inside errors[]"
    [entry] = body["errors"]
    return entry["rule"]
