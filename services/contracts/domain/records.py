"""Records kept on a registered contract: income verifications and reward slips."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.contracts.domain.roles import Stamp


class CostKind(StrEnum):
    """Non-technical costs (非技术性费用, 第十七条)."""

    EQUIPMENT = "equipment"          # 设备
    INSTRUMENTS = "instruments"      # 仪器
    PARTS = "parts"                  # 零部件
    RAW_MATERIALS = "raw_materials"  # 原材料


@dataclass(frozen=True)
class CostItem:
    kind: CostKind
    amount: Decimal
    description: str = ""
    subject_direct_cost: bool = False  # 合理数量标的物的直接成本: not deducted


@dataclass(frozen=True)
class Verification:
    """《技术合同技术性收入核定表》 — one verification of technical income."""

    id: str
    verified_on: date
    total: Decimal
    non_technical_costs: tuple[CostItem, ...]
    costs: Decimal
    technical_transaction_amount: Decimal
    technical_income: Decimal
    capped: bool
    buyer_confirmed: bool
    by: Stamp
    performed_on: date | None = None  # 兑现: when the contract was performed (None on records kept before it was asked)


class RewardParty(StrEnum):
    SELLER = "seller"  # 从技术交易的净收入中提取
    BUYER = "buyer"    # 实施该技术获利当年新增收益中一次性提取


@dataclass(frozen=True)
class RewardSlip:
    """《技术交易奖酬金领取单》 issued by the registrar, with its processing fee (提奖手续费)."""

    id: str
    party: RewardParty
    base: Decimal
    ratio: Decimal
    amount: Decimal
    processing_fee: Decimal
    issued_on: date
    by: Stamp
    verification_id: str | None = None
    profit_year: int | None = None
