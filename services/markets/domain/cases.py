"""Cases the commerce office opens against a market's parties (第三十二至三十五条) beyond what an inspection finds:

- an act the regulation allows only with approval, done without it: sub-letting the operating right, suspension,
  merger or closure without the district commerce office's approval (第二十一条 → 第三十四条(二), 10 000–30 000
  yuan, refusing to correct 30 000–100 000); demolition, relocation or rebuilding without a replacement plan agreed by
  the district government and approved by the city, or before the replacement (nearby, comparable) is built
  (第二十二条 → 第三十五条, 30 000–100 000). With every approval the act is lawful: no case opens.
- a statutory deadline of the lifecycle passed without the step (the overdue-case job): ownership not transferred
  within 60 days of the purchase agreement (第十三条 → 第三十二条, against the developer); the operator not filed
  within 10 days of its licence or not open within 60 days of filing (第十四、十九条 → 第三十三条); no operator
  tendered within 60 days of the transfer (第十三条第二款: the district's own duty, a supervision case, no fine).

Where the regulation is silent, what the officer would expect:
- 责令限期改正 orders the act undone, so a case leaves the register's status as it was (the market stays
  operating in the register until an approved change is recorded or it is reopened); the case keeps the act.
- 先行补建 (第二十二条): the replacement counts as built first when its completion (or, for a market imported as
  operating, its opening) is dated on or before the day of the act.
- One case per act (its kind and day) and one per statutory deadline, however often the officer or the job asks.
- The overdue-case job opens the late-opening case but does not withdraw the operating right: 收回经营权 is the
  district commerce office's act (第十九条), recorded by its own route.
- A late-transfer case is against the developer, the market's owner of record until the transfer (第三十二条).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.markets.domain.compliance import FINES, SUPERVISION, open_case, open_case_once
from services.markets.domain.deadlines import breaches
from services.markets.domain.lifecycle import Approval, WrongStatus
from services.markets.domain.market import Case, Market, Status
from services.markets.domain.operating import (CHANGES_ARTICLE, CITY_COMMERCE, DISTRICT_COMMERCE,
                                               DISTRICT_GOVERNMENT, REPLACEMENT_ARTICLE, approval_gaps,
                                               replacement_gaps)
from shared.errors import Conflict, InvalidInput, refusal


@dataclass(frozen=True)
class Requirement:
    """What makes the act lawful: the milestone the register records it under when it was approved, the
    authorities that approve it, and whether a replacement must be built first."""

    milestone: str
    article: str
    approvers: tuple[str, ...]
    replacement: bool = False


_CHANGE = (DISTRICT_COMMERCE,)
_REPLACE = (DISTRICT_GOVERNMENT, CITY_COMMERCE)
UNAPPROVED_ACTS: dict[str, Requirement] = {
    "unapproved_sublet": Requirement("sublet", CHANGES_ARTICLE, _CHANGE),
    "unapproved_suspension": Requirement("suspended", CHANGES_ARTICLE, _CHANGE),
    "unapproved_merger": Requirement("merged", CHANGES_ARTICLE, _CHANGE),
    "unapproved_closure": Requirement("closed", CHANGES_ARTICLE, _CHANGE),
    "unapproved_demolition": Requirement("demolished", REPLACEMENT_ARTICLE, _REPLACE, replacement=True),
    "unapproved_relocation": Requirement("relocated", REPLACEMENT_ARTICLE, _REPLACE, replacement=True),
    "unapproved_rebuilding": Requirement("rebuilt", REPLACEMENT_ARTICLE, _REPLACE, replacement=True),
}
_REPLACED = frozenset({Status.PLANNED, Status.DEMOLISHED, Status.RELOCATED, Status.REBUILT})


@dataclass(frozen=True)
class Act:
    """What the officer found: the act, its date, the approvals that existed, the market a replacement plan named
    (demolition, relocation, rebuilding) and who did it (default: the operator, else the owner of record)."""

    kind: str
    on: date
    approvals: tuple[Approval, ...] = ()
    replacement: Market | None = None
    party: str | None = None


class ActWasApproved(InvalidInput):
    code = "act-was-approved"
    title = "The act had the approvals the regulation requires: it is lawful and no case opens"


class CaseAlreadyOpen(Conflict):
    code = "case-already-open"
    title = "A case for this act is already open"


def open_unapproved_act_case(market: Market, act: Act, opened_on: date) -> Market:
    """第三十四条(二) / 第三十五条: a case for an act done without the approval it needs, opened on `opened_on`
    (on or after the act). Refused, naming the rule and the article, when the act was lawful: the register
    records it as the approved change of that day, or every approval (and, for 第二十二条, the replacement built
    first, nearby and comparable) existed on the day of the act. One case per act (kind and day)."""
    need = UNAPPROVED_ACTS[act.kind]
    if act.on > opened_on:
        message = f"the act ({act.on}) is after the day the case is opened ({opened_on})"
        raise InvalidInput(message, errors=[refusal("act_on", "act-before-case", message,
                                                    opened_on=opened_on.isoformat())])
    if market.on(need.milestone) == act.on:
        message = f"the register records the {need.milestone} of {act.on} as approved"
        raise WrongStatus.of(market, message, "approved-act-is-lawful", article=need.article)
    _require_market_for(market, act, need)
    gaps = _gaps(market, act, need)
    if not gaps:
        message = f"the {act.kind.removeprefix('unapproved_')} of {act.on} had every approval {need.article} requires"
        raise ActWasApproved(message, errors=[refusal("approvals", "approved-act-is-lawful", message,
                                                      article=need.article)])
    _one_case_per_act(market, act)
    approved_by = tuple(a.authority for a in act.approvals if a.authority in need.approvers
                        and a.approved_on <= act.on)
    return open_case(market, act.kind, opened_on, rule=gaps[0], party=act.party or market.operator or market.owner,
                     act_on=act.on, approved_by=approved_by,
                     replacement_market_id=act.replacement.id if act.replacement else None)


def _require_market_for(market: Market, act: Act, need: Requirement) -> None:
    """An operator's change (第二十一条) needs a market in service or suspended, the act after its opening; a
    demolition, relocation or rebuilding (第二十二条: 任何单位和个人) needs a built market not already replaced."""
    if need.replacement:
        if market.status in _REPLACED:
            raise WrongStatus.of(market, f"market {market.id} is {market.status.value}: there is nothing to "
                                 f"{act.kind.removeprefix('unapproved_')}", "market-standing", article=need.article)
        return
    if market.status not in (Status.OPERATING, Status.SUSPENDED):
        raise WrongStatus.of(market, f"market {market.id} is {market.status.value}: no operator's change to "
                             "sanction", allowed=(Status.OPERATING, Status.SUSPENDED), article=need.article)
    opened = market.on("opened")
    if opened is not None and act.on < opened:
        message = f"the act ({act.on}) is before the market opened ({opened})"
        raise InvalidInput(message, errors=[refusal("act_on", "not-before-previous-step", message)])


def _gaps(market: Market, act: Act, need: Requirement) -> list[str]:
    """The rules the act broke, approvals first."""
    gaps = [rule for rule, _ in approval_gaps(act.approvals, need.approvers, act.on)]
    if need.replacement:
        if act.replacement is None:
            gaps.append("replacement-plan-required")
        else:
            gaps += [rule for rule, _ in replacement_gaps(market, act.replacement, built_by=act.on)]
    return gaps


def _one_case_per_act(market: Market, act: Act) -> None:
    for case in market.cases:
        if case.kind == act.kind and case.act_on == act.on:
            message = f"case {case.number} is already open for the {act.kind} of {act.on}"
            raise CaseAlreadyOpen(message, errors=[refusal("kind", "one-case-per-act", message,
                                                           case_number=case.number)])


OVERDUE: dict[str, str] = {
    "transfer-ownership-within-60-days": "late_ownership_transfer",
    "tender-operator-within-60-days": "late_tender",
    "file-operator-within-10-days-of-licence": "late_filing",
    "open-within-60-days-of-filing": "late_opening",
}
"""Deadline rules (domain/deadlines.py) whose passing opens a case, and the case's kind."""


def overdue_party(market: Market, kind: str) -> str | None:
    """Who a deadline case is against: the developer (the owner of record before the transfer, 第三十二条), the
    district commerce office (its own tender, 第十三条第二款), or the operator (第三十三条)."""
    if kind == "late_ownership_transfer":
        return market.owner
    return DISTRICT_COMMERCE if kind == "late_tender" else market.operator


def open_overdue_cases(market: Market, on: date) -> tuple[Market, list[Case]]:
    """The deadlines passed before `on` (the day after the last permitted day is the first overdue one) whose
    step was not taken, each opened as a case once per deadline (a second run, or the late record of the step,
    opens none). Returns the market and the cases opened now."""
    before = len(market.cases)
    for breach in breaches(market, on):
        kind = OVERDUE.get(breach.rule)
        if kind is not None:
            market = open_case_once(market, kind, on, due_on=breach.due_on, rule=breach.rule,
                                    party=overdue_party(market, kind))
    return market, list(market.cases[before:])


CASE_KINDS: tuple[str, ...] = tuple(FINES) + tuple(SUPERVISION)
"""Every kind a case may have (the fine tiers and the supervision cases)."""

AWAITING = (Status.AGREEMENT_SIGNED, Status.OWNERSHIP_TRANSFERRED, Status.OPERATOR_TENDERED, Status.OPERATOR_FILED)
"""The statuses a market waits in while one of the deadlines above runs."""
