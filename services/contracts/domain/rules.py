"""Errors for state rules shared by the contract's modules."""
from __future__ import annotations

from shared.errors import Conflict, FieldProblem


class StateRule(Conflict):
    """The contract's current state forbids this (409), naming the rule in `errors`."""

    code = "state-rule"
    title = "The contract's state does not allow this"

    @classmethod
    def broken(cls, rule: str, message: str, field: str = "status") -> "StateRule":
        return cls(message, errors=[FieldProblem(field, rule, message)], rule=rule)


def require_status(current, allowed: tuple, rule: str, action: str) -> None:
    if current not in allowed:
        names = " or ".join(s.value for s in allowed)
        raise StateRule.broken(rule, f"{action} needs the contract {names}; it is {current.value}")
