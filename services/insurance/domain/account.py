"""The contribution account (社会保险缴费账户) of a registered employer."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.arrears import Assessment, Stage, stages_to_announce
from shared.errors import Conflict, refusal
from shared.events import AccountOpened, EmployerRegistered
from shared.events.insurance import ArrearsAssessed, ArrearsSettled, CollectionEscalated
from shared.events.registry import CertificateLapsed, EmployerChanged, EmployerDeregistered


class AccountStatus(StrEnum):
    OPEN = "open"
    DEREGISTERED = "deregistered"


class CertificateStatus(StrEnum):
    """The unit's 社会保险登记证 as registry reports it: valid, or lapsed (未经年检,证件自行失效)."""

    VALID = "valid"
    LAPSED = "lapsed"


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
    unit_type: str | None = None
    address: str | None = None
    facts_changed_on: dict[str, date] = field(default_factory=dict)  # registered fact → day of its newest change
    certificate_status: CertificateStatus = CertificateStatus.VALID
    certificate_lapsed_on: date | None = None
    certificate_lapsed_year: int | None = None
    certificate_restored_year: int | None = None


def open_for(existing: Account | None, registered: EmployerRegistered, today: date
             ) -> tuple[Account, list[AccountOpened]]:
    """One account per registered employer; a repeated registration event changes nothing."""
    if existing is not None:
        return existing, []
    account = Account(
        employer_id=registered.employer_id, name=registered.name, uscc=registered.uscc,
        district_code=registered.district_code, status=AccountStatus.OPEN, mode=StatementMode.AUTO,
        payment_method=PaymentMethod.BANK_DEBIT, arrears=Decimal("0.00"), opened_on=today,
        unit_type=registered.unit_type,
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
                    unpaid_fines: Decimal = Decimal("0.00"), unclosed: Decimal = Decimal("0.00")
                    ) -> tuple[Account, list[ArrearsSettled]]:
    """Contributions back at zero: the unit returns to auto statements. Once fines are paid too, and no month
    still in its collection is unpaid (`unclosed`: 结清应缴的社会保险费、滞纳金、罚款, 登记管理办法 第十三条), a
    waiting deregistration may go on."""
    account = replace(account, arrears=open_contributions)
    if open_contributions > 0:
        return account, []
    account = replace(account, mode=StatementMode.AUTO, stage=Stage.NONE)
    return settle_deregistration(account, unpaid_fines + unclosed, today)


def settle_deregistration(account: Account, still_owed: Decimal, today: date) -> tuple[Account, list[ArrearsSettled]]:
    """A deregistration waiting on payment goes on (`arrears.settled`) once nothing is owed; otherwise nothing."""
    if still_owed > 0 or account.pending_request_id is None:
        return account, []
    return replace(account, pending_request_id=None), [ArrearsSettled(employer_id=account.employer_id,
                                                                      settled_on=today)]


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


def apply_registered_changes(account: Account, event: EmployerChanged) -> Account:
    """变更登记 reaches the account: the new name, address and unit type (whatever `changes` carries), and the
    district and unit type the event states. A field takes a change only if it is not older than the newest change
    of that field already applied (events may arrive out of order); the USCC never changes."""
    updates: dict[str, object] = {}
    seen = dict(account.facts_changed_on)
    stated = {k: v for k, v in (("district_code", event.district_code), ("unit_type", event.unit_type)) if v}
    for name, value in (stated | {k: v for k, v in event.changes.items() if k in CHANGEABLE_FACTS}).items():
        if name in seen and seen[name] > event.changed_on:
            continue
        updates[name], seen[name] = value, event.changed_on
    return replace(account, **updates, facts_changed_on=seen)


CHANGEABLE_FACTS = ("name", "address", "unit_type", "district_code")
"""The registered facts the account mirrors (registry changes name, address and unit type with 表一—1)."""


def certificate_lapsed(account: Account, event: CertificateLapsed) -> Account:
    """未经年检,证件自行失效 (登记管理办法 第十八条): the account is marked lapsed. Collection goes on (the unit still
    owes what it owes); what the lapse blocks is `require_valid_certificate`. An older year's lapse arriving after
    a newer one changes nothing."""
    if account.certificate_lapsed_year is not None and event.year < account.certificate_lapsed_year:
        return account
    if account.certificate_restored_year is not None and event.year <= account.certificate_restored_year:
        return account  # restored for that year already (the restoration overtook the lapse)
    return replace(account, certificate_status=CertificateStatus.LAPSED, certificate_lapsed_on=event.lapsed_on,
                   certificate_lapsed_year=event.year)


def certificate_restored(account: Account, year: int) -> Account:
    """The unit passed the inspection of the year its certificate lapsed for: valid again. A restoration of an
    older year than the lapse on record changes nothing."""
    if account.certificate_lapsed_year is not None and year < account.certificate_lapsed_year:
        return account
    return replace(account, certificate_status=CertificateStatus.VALID, certificate_lapsed_on=None,
                   certificate_restored_year=max(year, account.certificate_restored_year or year))


REGISTRATION = "北京市社会保险登记管理办法"
INSPECTION = f"{REGISTRATION} 第十八条"    # 未经年检,证件自行失效
TERMINATION = f"{REGISTRATION} 第十一条"   # 依法终止社会保险缴费义务: 注销登记


class CertificateNotValid(Conflict):
    code = "certificate-lapsed"
    title = "The unit's social-insurance registration certificate has lapsed"


class AccountClosed(Conflict):
    code = "employer-deregistered"
    title = "The unit is deregistered"


def require_open(account: Account) -> None:
    """A deregistered unit's contribution obligation has ended (第十一条): it enrols nobody any more."""
    if account.status is AccountStatus.DEREGISTERED:
        message = f"employer {account.employer_id} is deregistered: its account is closed"
        raise AccountClosed(message, errors=[refusal("employer_id", "employer-deregistered", message,
                                                     article=TERMINATION)])


def require_valid_certificate(account: Account) -> None:
    """What a lapsed certificate blocks (第十八条: 未经年检,证件自行失效): the unit's own new business at the agency
    that is done on its certificate — adding insured persons at the counter. Where the regulation is silent we keep
    what protects the insured and the fund: collection, repayments and removals (a person's transfer out) go on,
    and a worker hired by event is still enrolled (the worker is not to lose insurance for the unit's missed
    inspection). The unit passes the late inspection in registry, which restores the certificate."""
    if account.certificate_status is CertificateStatus.LAPSED:
        message = (f"the registration certificate of employer {account.employer_id} lapsed on "
                   f"{account.certificate_lapsed_on} (not inspected for {account.certificate_lapsed_year})")
        raise CertificateNotValid(message, errors=[refusal(
            "employer_id", "certificate-lapsed", message, article=INSPECTION,
            lapsed_on=str(account.certificate_lapsed_on), year=str(account.certificate_lapsed_year))])
