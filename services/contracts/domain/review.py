"""Registrar review, sign-off and decision (第六条, 第十三条, 第十四条)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from services.contracts.domain.contract import (ON_RECORD, UNDECIDED, Appeal, Contract, CriterionCheck, Kind,
                                                Refusal, Review, Status)
from services.contracts.domain.kinds import CRITERIA, Material, RefusalReason
from services.contracts.domain.roles import REGISTRAR_ROLES, Actor, Role, Stamp, require_role
from services.contracts.domain.rules import StateRule, refused, require_status
from services.contracts.domain.submission import decision_due
from shared.errors import InvalidInput, NotFound, ProblemCollector

HEAD_SIGN_OFF_FROM = Decimal("1000000")       # 交易额在100万元以上: 登记机构负责人审定签字
DIRECTOR_SIGN_OFF_FROM = Decimal("20000000")  # 交易额在2000万元以上: 报管理办, 主管主任签字


@dataclass(frozen=True)
class Decision:
    register: bool
    checklist: tuple[CriterionCheck, ...]
    materials_checked: tuple[Material, ...]
    reasons: tuple[RefusalReason, ...] = ()
    note: str = ""


def required_sign_offs(amount: Decimal) -> tuple[Role, ...]:
    """第六条: 100万元以上 → the registrar's head signs; 2000万元以上 → also the management office's director.

    "以上" includes the amount itself (民法典 第1259条: "以上…包括本数"), so exactly 1 000 000.00 needs the head.
    """
    if amount >= DIRECTOR_SIGN_OFF_FROM:
        return Role.REGISTRAR_HEAD, Role.OFFICE_DIRECTOR
    if amount >= HEAD_SIGN_OFF_FROM:
        return (Role.REGISTRAR_HEAD,)
    return ()


def is_overdue(contract: Contract, today: date) -> bool:
    """Past the 30-day decision deadline and still undecided (a held application included: 第六条 knows no pause)."""
    return contract.status in UNDECIDED and today > contract.decision_due


def decide(contract: Contract, decision: Decision, actor: Actor, stamp: Stamp, on: date | None = None) -> Contract:
    """The registrar's checklist and decision: register (subject to sign-off) or refuse with 第十三条's reasons; a
    refusal is dated `on` (the day of the decision; the stamp's day when not given)."""
    require_role(actor, REGISTRAR_ROLES, "reviewing an application")
    if contract.status is Status.ON_HOLD and decision.register:
        raise StateRule.broken("resume-before-registering", "a held application (its seller was deregistered) is "
                               "resumed before it is registered, or refused", article="第六条")
    require_status(contract.status, (Status.UNDER_REVIEW, Status.ON_HOLD), "decided-once", "a review decision")
    problems = ProblemCollector()
    _check_checklist(contract, decision.checklist, problems)
    if decision.register:
        _check_registrable(contract, decision, problems)
    else:
        _check_refusal(decision, problems)
    problems.raise_if_any("The review cannot be recorded")
    review = Review(decision.checklist, tuple(dict.fromkeys(decision.materials_checked)), stamp)
    if not decision.register:
        refusal = Refusal(decision.reasons, decision.note, stamp, on or stamp.at.date())
        return replace(contract, review=review, refusal=refusal, status=Status.REFUSED)
    return replace(contract, review=review, status=Status.AWAITING_SIGN_OFF, sign_offs=(),
                   required_sign_offs=required_sign_offs(contract.amount))


def resume(contract: Contract, note: str, stamp: Stamp, on: date) -> Contract:
    """A held application back where it stood (under review or awaiting sign-off), its 30 days unchanged: the
    registrar found the seller still able to be the registered party (第三条) and says why in `note`."""
    require_role(Actor(stamp.user, stamp.role), REGISTRAR_ROLES, "resuming a held application")
    require_status(contract.status, (Status.ON_HOLD,), "resume-on-hold", "a resumption")
    if not note.strip():
        raise InvalidInput.on("note", "required", "say why the application goes on although its seller was "
                              "deregistered")
    hold = replace(contract.hold, resumed_on=on, resumed_by=stamp, resumption_note=note.strip())
    return replace(contract, status=hold.from_status, hold=hold)


def sign_off(contract: Contract, stamp: Stamp) -> Contract:
    """The next required signature, in order (head, then director), by exactly that role."""
    require_status(contract.status, (Status.AWAITING_SIGN_OFF,), "sign-off-pending", "a sign-off", "第六条")
    pending = contract.required_sign_offs[len(contract.sign_offs):]
    if not pending:
        raise StateRule.broken("sign-off-complete", "every required signature is already given", article="第六条")
    if stamp.role is not pending[0]:
        raise refused(f"this contract of {contract.amount} yuan needs the {pending[0].value}'s signature next",
                      "sign-off-order", article="第六条", roles=[pending[0].value])
    return replace(contract, sign_offs=contract.sign_offs + (stamp,))


def ready_to_register(contract: Contract) -> bool:
    return (contract.status is Status.AWAITING_SIGN_OFF
            and len(contract.sign_offs) == len(contract.required_sign_offs))


def register(contract: Contract, number: str, today: date) -> Contract:
    """Registered (认定登记) or, for a seller outside Beijing, filed (备案), under its number."""
    if not ready_to_register(contract):
        raise StateRule.broken("sign-off-pending", "the contract still needs a signature", article="第六条")
    status = Status.FILED if contract.kind is Kind.FILING else Status.REGISTERED
    return replace(contract, status=status, registration_number=number, registered_on=today)


def request_appeal(contract: Contract, grounds: str, stamp: Stamp) -> Contract:
    """第十四条: a party to a refused contract may ask the management office for review (复核)."""
    if stamp.role is Role.APPLICANT and stamp.user != contract.submitted_by.user:
        raise NotFound(f"no contract or application {contract.id}")  # another applicant's: no existence leak
    if contract.status in ON_RECORD:
        raise StateRule.broken("appeal-only-when-refused", "a registered contract cannot be appealed",
                               article="第十四条")
    require_status(contract.status, (Status.REFUSED,), "appeal-only-when-refused", "an appeal", "第十四条")
    if not grounds.strip():
        raise InvalidInput.on("grounds", "required", "say why the refusal should be reviewed")
    return replace(contract, status=Status.UNDER_APPEAL,
                   appeals=contract.appeals + (Appeal(grounds.strip(), stamp),))


def decide_appeal(contract: Contract, overturned: bool, note: str, stamp: Stamp, today: date) -> Contract:
    """The management office's outcome: upheld (still refused) or overturned (reviewed again, a new 30 days)."""
    require_role(Actor(stamp.user, stamp.role), {Role.OFFICE_DIRECTOR}, "deciding an appeal (复核)")
    require_status(contract.status, (Status.UNDER_APPEAL,), "appeal-pending", "an appeal decision", "第十四条")
    appeal = replace(contract.appeals[-1], outcome="overturned" if overturned else "upheld", note=note,
                     decided_by=stamp)
    appeals = contract.appeals[:-1] + (appeal,)
    if not overturned:
        return replace(contract, status=Status.REFUSED, appeals=appeals)
    return replace(contract, status=Status.UNDER_REVIEW, appeals=appeals, review=None, refusal=None,
                   accepted_on=today, decision_due=decision_due(today))


def _check_checklist(contract: Contract, checklist: tuple[CriterionCheck, ...], problems: ProblemCollector) -> None:
    expected = CRITERIA[contract.contract_type]
    given = [c.criterion for c in checklist]
    for i, check in enumerate(checklist):
        if check.criterion not in expected:
            problems.add(f"checklist.{i}.criterion", "criterion-of-type",
                         f"{check.criterion!r} is not a criterion of a {contract.contract_type.value} contract")
        elif not check.passed and not check.note.strip():
            problems.add(f"checklist.{i}.note", "note-on-failure", "a failed criterion needs a note")
    missing = [c for c in expected if c not in given]
    if missing or len(given) != len(set(given)):
        problems.add("checklist", "every-criterion-once",
                     f"tick or fail each criterion of the type exactly once: {', '.join(expected)}")


def _check_registrable(contract: Contract, decision: Decision, problems: ProblemCollector) -> None:
    failed = [c.criterion for c in decision.checklist if not c.passed]
    if failed:
        problems.add("decision", "criteria-met", f"failed criteria cannot be registered: {', '.join(failed)}")
    missing = [m.value for m in contract.required_materials if m not in decision.materials_checked]
    if missing:
        problems.add("materials_checked", "materials-complete", f"required materials missing: {', '.join(missing)}")
    if decision.reasons:
        problems.add("reasons", "no-reasons-when-registering", "refusal reasons are given only when refusing")


def _check_refusal(decision: Decision, problems: ProblemCollector) -> None:
    if not decision.reasons:
        problems.add("reasons", "refusal-reason", "a refusal names at least one reason of 第十三条", "第十三条")
    if RefusalReason.OTHER in decision.reasons and not decision.note.strip():
        problems.add("note", "note-for-other", "the reason 'other' needs a note explaining it")
