"""Errors for rules shared by the contract's modules: every refusal names its rule inside `errors[]` (docs/api.md
"Errors"), with the regulation's article where one is behind it and any fact a client may act on (the roles that
may sign, the registry to go to) inside the same entry, never at the top level of the problem."""
from __future__ import annotations

from datetime import date
from typing import Any

from shared.errors import Conflict, Forbidden, InvalidInput, refusal


class StateRule(Conflict):
    """The contract's current state forbids this (409), naming the rule in `errors`."""

    code = "state-rule"
    title = "The contract's state does not allow this"

    @classmethod
    def broken(cls, rule: str, message: str, field: str = "status", article: str | None = None) -> "StateRule":
        return cls(message, errors=[refusal(field, rule, message, article)])


def refused(message: str, rule: str, field_path: str = "X-Civic-Role", article: str | None = None,
            **facts: Any) -> Forbidden:
    """403 for who the caller is (its role, or the unit it acts for), naming the rule."""
    return Forbidden(message, errors=[refusal(field_path, rule, message, article, **facts)])


def require_status(current, allowed: tuple, rule: str, action: str, article: str | None = None) -> None:
    if current not in allowed:
        names = " or ".join(s.value for s in allowed)
        raise StateRule.broken(rule, f"{action} needs the contract {names}; it is {current.value}",
                               article=article)


def act_date(on: date | None, today: date, *, not_before: date | None = None, what: str = "") -> date:
    """The day an act took place (docs/api.md "Dates"): the day of filing unless the officer records an earlier one
    (yesterday's paper application), never a day still to come nor, with `not_before`, one before `what`."""
    if on is None:
        return today
    if on > today:
        raise InvalidInput(f"{on} is after today ({today})", errors=[
            refusal("on", "not-in-future", f"an act is recorded on or before today ({today})", latest=str(today))])
    if not_before is not None and on < not_before:
        raise InvalidInput(f"{on} is before {what} ({not_before})", errors=[
            refusal("on", "not-before", f"the act cannot be dated before {what} ({not_before})",
                    earliest=str(not_before))])
    return on
