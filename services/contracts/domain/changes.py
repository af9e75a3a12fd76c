"""Changes to a registered contract, recorded at the original registrar and notified to tax (第十六条)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum

from services.contracts.domain.contract import ON_RECORD, ChangeRecord, Contract, Party, Status
from services.contracts.domain.roles import REGISTRAR_ROLES, Actor, Stamp, require_role
from services.contracts.domain.rules import require_status
from shared.errors import InvalidInput


class ChangeKind(StrEnum):
    CHANGE = "change"                        # 变更
    PAYMENT_EXTENSION = "payment_extension"  # 延期付款
    ASSIGNMENT = "assignment"                # 转让
    TERMINATION = "termination"              # 解除
    REVOCATION = "revocation"                # 被有关机关撤销
    INVALIDATION = "invalidation"            # 被宣布无效


ENDING: dict[ChangeKind, Status] = {ChangeKind.TERMINATION: Status.TERMINATED,
                                    ChangeKind.REVOCATION: Status.REVOKED,
                                    ChangeKind.INVALIDATION: Status.INVALIDATED}


def ends_contract(kind: ChangeKind) -> bool:
    return kind in ENDING


def record_change(contract: Contract, kind: ChangeKind, effective_on: date, description: str, stamp: Stamp,
                  new_party: Party | None = None) -> Contract:
    """第十六条: recorded at the original registration; termination, revocation, invalidation end it."""
    require_role(Actor(stamp.user, stamp.role), REGISTRAR_ROLES, "recording a change")
    require_status(contract.status, ON_RECORD, "change-on-registered", "a change")
    if not description.strip():
        raise InvalidInput.on("description", "required", "describe the change")
    if kind is ChangeKind.ASSIGNMENT and new_party is None:
        raise InvalidInput.on("new_party", "required", "an assignment names the party taking the contract over")
    record = ChangeRecord(kind.value, effective_on, description.strip(), stamp, new_party)
    return replace(contract, changes=contract.changes + (record,), status=ENDING.get(kind, contract.status))
