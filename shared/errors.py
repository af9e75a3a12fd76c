"""Domain errors carry their HTTP status; one handler renders them as RFC 9457 problem+json."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PROBLEM_BASE = "https://civic-mesh.example/problems/"


@dataclass(frozen=True)
class FieldProblem:
    """One broken rule: `field` is a dotted path (`parties.0.uscc`), empty where no input is at fault (a 409 about
    the resource's state); `article` is the regulation's article behind the rule; `facts` are what a client may act
    on (the status now, the allowed range), kept in the entry, never at the top level of the problem."""

    field: str
    rule: str
    message: str
    article: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"field": self.field} if self.field else {}
        entry |= {"rule": self.rule, "message": self.message}
        if self.article:
            entry["article"] = self.article
        return entry | {k: v for k, v in self.facts.items() if v is not None}


def refusal(field_path: str, rule: str, message: str, article: str | None = None, **facts: Any) -> FieldProblem:
    """The usual way to write an entry: `refusal("on", "not-in-future", "…", article="第六条", allowed=[…])`."""
    return FieldProblem(field_path, rule, message, article, facts)


class DomainError(Exception):
    """A rule said no. Subclasses set the status and problem type; the message is for people."""

    status = 400
    code = "domain-error"
    title = "The request breaks a rule"

    def __init__(self, detail: str, *, errors: list[FieldProblem] | None = None, **extra) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.extra = extra

    def problem(self, instance: str | None = None) -> dict:
        """RFC 9457 with at least one `errors[]` entry, so every refusal names its rule (the problem type's code
        when the raiser named none); `extra` facts join the first entry."""
        body = {"type": PROBLEM_BASE + self.code, "title": self.title, "status": self.status, "detail": self.detail}
        if instance:
            body["instance"] = instance
        entries = [e.as_dict() for e in self.errors] or [FieldProblem("", self.code, self.detail).as_dict()]
        entries[0] |= self.extra
        return body | {"errors": entries}


class InvalidInput(DomainError):
    status = 422
    code = "invalid-input"
    title = "The input breaks a validation rule"

    @classmethod
    def on(cls, field: str, rule: str, message: str) -> "InvalidInput":
        return cls(message, errors=[FieldProblem(field, rule, message)])


class NotFound(DomainError):
    status = 404
    code = "not-found"
    title = "No such resource"


class Forbidden(DomainError):
    """The caller is known but may not do this (its role, or the unit it belongs to)."""

    status = 403
    code = "forbidden"
    title = "The token does not allow this"


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "The request conflicts with the current state"


class Unavailable(DomainError):
    """A server we depend on did not answer; the client may retry."""

    status = 503
    code = "unavailable"
    title = "A dependency is unavailable"


@dataclass
class ProblemCollector:
    """Gathers every broken rule of one input before failing, so a form shows all its errors at once."""

    problems: list[FieldProblem] = field(default_factory=list)

    def add(self, field_path: str, rule: str, message: str, article: str | None = None, **facts: Any) -> None:
        self.problems.append(refusal(field_path, rule, message, article, **facts))

    def raise_if_any(self, detail: str = "The input breaks validation rules") -> None:
        if self.problems:
            raise InvalidInput(detail, errors=list(self.problems))
