"""A 409 that names its rule inside `errors[]` (docs/api.md, "Errors"), with the regulation's article and the facts a
client may act on in the same entry (`shared.errors.refusal`); `field` is left out where no input is at fault (the
resource's state refuses), and names the input where it is (a duplicate USCC, the year already inspected)."""
from __future__ import annotations

from typing import Any

from shared.errors import Conflict, refusal


def conflict(message: str, rule: str, *, field: str = "", article: str | None = None, **facts: Any) -> Conflict:
    return Conflict(message, errors=[refusal(field, rule, message, article, **facts)])


def wrong_status(what: str, now: str, required: str | None, message: str, article: str | None = None) -> Conflict:
    """409 `<what>-status`: the act needs another status (`status_required`, when one alone allows it)."""
    facts = {"status_now": now} | ({"status_required": required} if required else {})
    return conflict(message, f"{what}-status", article=article, **facts)
