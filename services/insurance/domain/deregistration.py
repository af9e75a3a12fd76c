"""The deregistration assessment (注销登记前结清): what a unit must settle before it may deregister.

社会保险登记管理办法 第十三条: 参保单位在办理注销社会保险登记前,应当结清应缴的社会保险费、滞纳金、罚款. "应缴的社会
保险费" is every month the unit was charged and has not paid — a closed month's arrears and equally a month still in
its own collection (its statement issued, the debit failed or short, not yet closed at month end): otherwise a unit
could deregister with last month's or this month's contributions unpaid. The late fee (滞纳金) of each month runs from
the day after its due date (the 20th of the following month) to the assessment date, at the policy's daily rate
(default 0.05 %, Social Insurance Law art. 86); a month not yet due carries none. Fines imposed and unpaid on the
assessment date are added whole.

Where the regulation is silent: a month whose statement is not generated yet (the 28th has not come) is not in the
assessment — the unit is charged by statement (征缴管理办法 第八条), and an account closed on deregistration gets no
later statement; a statement of a month that begins after the assessment date is left out likewise.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.domain.arrears import Arrear, Assessment, assess
from services.insurance.domain.calendar import Period, payment_deadline
from services.insurance.domain.fines import Fine, fines_owed
from services.insurance.domain.statement import Statement

SETTLE_BEFORE_DEREGISTRATION = "北京市社会保险登记管理办法 第十三条"


def unpaid_months(statements: list[Statement], as_of: date) -> list[Arrear]:
    """Every month of the unit still owed on `as_of`, closed or not, each with its due date, oldest first."""
    owed = [s for s in statements if s.outstanding > 0 and Period.parse(s.period).day(1) <= as_of]
    return [Arrear(s.period, s.outstanding, payment_deadline(Period.parse(s.period)))
            for s in sorted(owed, key=lambda s: s.period)]


def deregistration_assessment(statements: list[Statement], fines: list[Fine], as_of: date,
                              daily_rate: Decimal) -> Assessment:
    """Contributions of every unpaid month + their late fees to `as_of` + fines unpaid on `as_of`."""
    return assess(unpaid_months(statements, as_of), as_of, daily_rate, fines_owed(fines, as_of))


def still_owed(statements: list[Statement], fines: list[Fine], on: date) -> Decimal:
    """What keeps a waiting deregistration waiting after a payment: contributions of any unpaid month and unpaid
    fines (late fees are paid with the months they belong to: a repayment carries them to the day)."""
    return sum((a.outstanding for a in unpaid_months(statements, on)), Decimal("0.00")) + fines_owed(fines, on)
