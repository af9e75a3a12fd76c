"""How a refusal names what it refuses (docs/api.md, "Errors"): the field at fault, a stable rule name, the
regulation's article where one is behind it, and the facts a client may act on — inside the error entry, never at
the top level of the problem."""
from __future__ import annotations

from shared.errors import FieldProblem, refusal

COLLECTION = "北京市社会保险基金征缴管理办法"  # 002, 2nd document: the articles below are this document's
INSURANCE_TYPES = f"{COLLECTION} 第四条"   # the four types collected: pension, unemployment, work injury, maternity
BASE_COLLECTION = f"{COLLECTION} 第五条"   # wages declared by 31 March
BASE_GENERATION = f"{COLLECTION} 第六条"   # bases generated on 1 April, checked by 20 April
MEMBERSHIP_WINDOW = f"{COLLECTION} 第七条"  # additions and removals from the 5th to the 25th
MONTHLY_STATEMENT = f"{COLLECTION} 第八条"  # statements by the 28th; active declaration after 2 unpaid months
COLLECTION_DAYS = f"{COLLECTION} 第九条"    # debits from the 1st, cash by the 20th, close at month end
BACK_PAYMENT = f"{COLLECTION} 第十条"       # 补缴: a failed debit or bounced cheque cancels the record
REPAYMENT = f"{COLLECTION} 第十一条"        # 归还欠款: an exact amount; a failed payment cancels the record


def broken(field: str, rule: str, message: str, *, article: str | None = None, **facts: str) -> list[FieldProblem]:
    """The `errors` of a refusal with one entry: `raise Conflict(message, errors=broken("on", "window", message))`."""
    return [refusal(field, rule, message, article=article, **facts)]
