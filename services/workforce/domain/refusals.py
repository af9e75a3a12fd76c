"""Refusals that name their rule inside `errors[]` (docs/api.md, "Errors"), with the facts a client may act on in
the same entry, never at the top level of the problem. `shared.errors.FieldProblem` carries field, rule and message
only; this entry adds the regulation's article and those facts, and leaves `field` out where no input is at fault
(a 409 about the resource's state)."""
from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from typing import Any

from shared.errors import Conflict, FieldProblem


@dataclass(frozen=True)
class Refusal(FieldProblem):
    article: str | None = None
    facts: dict[str, Any] = dataclass_field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"field": self.field} if self.field else {}
        entry |= {"rule": self.rule, "message": self.message}
        if self.article:
            entry["article"] = self.article
        return entry | {k: v for k, v in self.facts.items() if v is not None}


def conflict(message: str, rule: str, *, field: str = "", article: str | None = None,
             kind: type[Conflict] = Conflict, **facts: Any) -> Conflict:
    """409 (or `kind`, a Conflict with its own problem type): the resource's state, or a duplicate, refuses the
    act; `rule` names why."""
    return kind(message, errors=[Refusal(field, rule, message, article, facts)])

