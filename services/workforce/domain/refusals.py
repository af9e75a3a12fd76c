"""A 409 that names its rule inside `errors[]` (docs/api.md, "Errors"), with the regulation's article and the facts a
client may act on in the same entry; `field` is left out where no input is at fault (the resource's state refuses)."""
from __future__ import annotations

from typing import Any

from shared.errors import Conflict, FieldProblem


def conflict(message: str, rule: str, *, field: str = "", article: str | None = None,
             kind: type[Conflict] = Conflict, **facts: Any) -> Conflict:
    """409 (or `kind`, a Conflict with its own problem type): the resource's state, or a duplicate, refuses the
    act; `rule` names why."""
    return kind(message, errors=[FieldProblem(field, rule, message, article, facts)])

