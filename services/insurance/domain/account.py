"""The contribution account (社会保险缴费账户) of a registered employer."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.arrears import Assessment, Stage, stages_to_announce
from shared.events import AccountOpened, EmployerRegistered
from shared.events.insurance import ArrearsAssessed, ArrearsSettled, CollectionEscalated
from shared.events.registry import EmployerDeregistered


class AccountStatus(StrEnum):
    OPEN = "open"
    DEREGISTERED = "deregistered"


class StatementMode(StrEnum):
    """`auto`: monthly statements generated from headcount; `active_declaration` after 2 unpaid months."""

    AUTO = "auto"
    ACTIVE_DECLARATION = "active_declaration"


class PaymentMethod(StrEnum):
    BANK_DEBIT = "bank_debit"
    CASH_CHEQUE = "cash_cheque"


@dataclass(frozen=True)
class Account:
    employer_id: str
    name: str
    uscc: str
    district_code: str
    status: AccountStatus
    mode: StatementMode
    payment_method: PaymentMethod
    arrears: Decimal
    opened_on: date
    declared_periods: tuple[str, ...] = ()
    stage: Stage = Stage.NONE
    pending_request_id: str | None = None
    recovery_opened_on: date | None = None
    industry_class: int = 1  # 工伤保险行业风险类别 1–8


def open_for(existing: Account | None, registered: EmployerRegistered, today: date
             ) -> tuple[Account, list[AccountOpened]]:
    """One account per registered employer; a repeated registration event changes nothing."""
    if existing is not None:
        return existing, []
    account = Account(
        employer_id=registered.employer_id, name=registered.name, uscc=registered.uscc,
        district_code=registered.district_code, status=AccountStatus.OPEN, mode=StatementMode.AUTO,
        payment_method=PaymentMethod.BANK_DEBIT, arrears=Decimal("0.00"), opened_on=today,
    )
    return account, [AccountOpened(employer_id=account.employer_id, opened_on=today)]


def gets_statement(account: Account, period: str) -> bool:
    """Auto accounts always; active-declaration accounts only for a period they declared (主动申报)."""
    return account.mode is StatementMode.AUTO or period in account.declared_periods


def declare(account: Account, period: str) -> Account:
    return replace(account, declared_periods=tuple(sorted({*account.declared_periods, period})))


def switch_to_declaration(account: Account) -> Account:
    """连续全额欠缴2个月以上: from now on no statement until the unit declares."""
    return replace(account, mode=StatementMode.ACTIVE_DECLARATION)


def assess_for_deregistration(account: Account, request_id: str, assessment: Assessment, as_of: date
                              ) -> tuple[Account, list[ArrearsAssessed]]:
    """The answer to 注销登记: the breakdown; a total above zero keeps the request pending until settled."""
    event = ArrearsAssessed(employer_id=account.employer_id, request_id=request_id,
                            contributions=str(assessment.contributions), late_fees=str(assessment.late_fees),
                            fines=str(assessment.fines), total=str(assessment.total), as_of=as_of)
    pending = request_id if assessment.total > 0 else None
    return replace(account, pending_request_id=pending, arrears=assessment.contributions), [event]


def after_repayment(account: Account, open_contributions: Decimal, today: date,
                    unpaid_fines: Decimal = Decimal("0.00")) -> tuple[Account, list[ArrearsSettled]]:
    """Contributions back at zero: the unit returns to auto statements. Once fines are paid too (结清应缴的社会
    保险费、滞纳金、罚款), a waiting deregistration may go on."""
    account = replace(account, arrears=open_contributions)
    if open_contributions > 0:
        return account, []
    account = replace(account, mode=StatementMode.AUTO, stage=Stage.NONE)
    if unpaid_fines > 0:
        return account, []
    events = [ArrearsSettled(employer_id=account.employer_id, settled_on=today)] if account.pending_request_id else []
    return replace(account, pending_request_id=None), events


def escalate(account: Account, now: Stage, open_contributions: Decimal, as_of: date
             ) -> tuple[Account, list[CollectionEscalated]]:
    """Announce each hand-over once (dunning → audit → labour administration)."""
    events = [CollectionEscalated(employer_id=account.employer_id, stage=stage.value,
                                  contributions=str(open_contributions), as_of=as_of,
                                  recovery=account.recovery_opened_on is not None)
              for stage in stages_to_announce(account.stage, now)]
    return (replace(account, stage=now, arrears=open_contributions) if events else account), events


def close_on_deregistration(account: Account, event: EmployerDeregistered, open_contributions: Decimal,
                            today: date) -> tuple[Account, list[CollectionEscalated]]:
    """A forced deregistration with arrears opens a recovery case, handed straight to audit."""
    account = replace(account, status=AccountStatus.DEREGISTERED, pending_request_id=None,
                      arrears=open_contributions)
    if not (event.forced and open_contributions > 0) or account.recovery_opened_on is not None:
        return account, []
    account = replace(account, recovery_opened_on=today)
    return escalate(account, Stage.AUDIT, open_contributions, today)


def set_payment_method(account: Account, method: PaymentMethod) -> Account:
    """Bank debit (银行扣款) or cash/cheque (现金、支票等零星缴费)."""
    return replace(account, payment_method=method)


def set_industry_class(account: Account, industry_class: int) -> Account:
    """The work-injury rate follows the unit's industry risk class."""
    return replace(account, industry_class=industry_class)
