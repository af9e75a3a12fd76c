"""Refusals as docs/api.md wants them: every one names its rule (and the regulation's article where one is behind
it) in `errors[]`, and the facts a client may act on (the status now, the level allowed) sit inside that entry,
never at the top level of the problem."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from shared.errors import Conflict, FieldProblem


@dataclass(frozen=True)
class RuleProblem(FieldProblem):
    """A `FieldProblem` with the article behind the rule and the facts that go with it."""

    article: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = super().as_dict() | dict(self.facts)
        return entry | ({"article": self.article} if self.article else {})


def problem(field_name: str, rule: str, message: str, *, article: str | None = None, **facts: Any) -> RuleProblem:
    return RuleProblem(field_name, rule, message, article=article, facts=facts)


def conflict(message: str, field_name: str, rule: str, *, article: str | None = None, **facts: Any) -> Conflict:
    """409: the resource named by `field_name` (a path parameter or the duplicated field) refuses the act."""
    return Conflict(message, errors=[problem(field_name, rule, message, article=article, **facts)])


def wrong_status(what: str, field_name: str, now: str, required: str | None, message: str,
                 article: str | None = None) -> Conflict:
    """409 `<what>-status`: the act needs another status (`status_required`, when one alone allows it)."""
    facts = {"status_now": now} | ({"status_required": required} if required else {})
    return conflict(message, field_name, f"{what}-status", article=article, **facts)
