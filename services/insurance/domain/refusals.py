"""How a refusal names what it refuses (docs/api.md, "Errors"): the field at fault, a stable rule name, the
regulation's article where one is behind it, and the facts a client may act on — inside the error entry, never at
the top level of the problem."""
from __future__ import annotations

from dataclasses import dataclass

from shared.errors import FieldProblem

COLLECTION = "北京市社会保险基金征缴管理办法"  # 002, 2nd document: the articles below are this document's
BASE_COLLECTION = f"{COLLECTION} 第五条"   # wages declared by 31 March
BASE_GENERATION = f"{COLLECTION} 第六条"   # bases generated on 1 April, checked by 20 April
MEMBERSHIP_WINDOW = f"{COLLECTION} 第七条"  # additions and removals from the 5th to the 25th
MONTHLY_STATEMENT = f"{COLLECTION} 第八条"  # statements by the 28th; active declaration after 2 unpaid months
COLLECTION_DAYS = f"{COLLECTION} 第九条"    # debits from the 1st, cash by the 20th, close at month end
BACK_PAYMENT = f"{COLLECTION} 第十条"       # 补缴: a failed debit or bounced cheque cancels the record
REPAYMENT = f"{COLLECTION} 第十一条"        # 归还欠款: an exact amount; a failed payment cancels the record


@dataclass(frozen=True)
class Broken(FieldProblem):
    """A `FieldProblem` that can also cite the article behind the rule and carry facts (text) a client may act on."""

    article: str | None = None
    facts: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        entry = super().as_dict()
        if self.article:
            entry["article"] = self.article
        return entry | dict(self.facts)


def broken(field: str, rule: str, message: str, *, article: str | None = None, **facts: str) -> list[FieldProblem]:
    """The `errors` of a refusal with one entry: `raise Conflict(message, errors=broken("on", "window", message))`."""
    return [Broken(field, rule, message, article, tuple(facts.items()))]
