"""A refusal's error entry (docs/api.md, "Errors"): the field at fault, the rule's stable name, the regulation's
article where one is behind it, and the facts a client may act on (the status now, the allowed range) inside the
entry, never at the top level of the problem."""
from __future__ import annotations

from dataclasses import dataclass

from shared.errors import FieldProblem


@dataclass(frozen=True)
class Refusal(FieldProblem):
    article: str | None = None
    facts: tuple[tuple[str, object], ...] = ()

    def as_dict(self) -> dict:
        entry: dict = super().as_dict()
        if self.article:
            entry["article"] = self.article
        return entry | dict(self.facts)


def refusal(field: str, rule: str, message: str, *, article: str | None = None, **facts: object) -> Refusal:
    return Refusal(field, rule, message, article, tuple(facts.items()))
