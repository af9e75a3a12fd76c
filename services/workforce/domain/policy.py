"""The pay tables (社区工作者待遇, 管理办法 第五条) and the bonus weights; bootstrap may override the defaults."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from services.workforce.domain.positions import Tier

D = Decimal


@dataclass(frozen=True)
class PayTable:
    """Monthly amounts in yuan. Districts may raise the bonus and professional allowances (可适当上浮/提高)."""

    base: dict[Tier, Decimal] = field(default_factory=lambda: {
        Tier.HEAD: D("720"), Tier.DEPUTY: D("640"), Tier.STAFF: D("590")})            # 基本工资
    tenure_start: dict[Tier, Decimal] = field(default_factory=lambda: {
        Tier.HEAD: D("960"), Tier.DEPUTY: D("845"), Tier.STAFF: D("740")})            # 起点职务年限补贴
    tenure_step: Decimal = D("50")                                                     # 每年增长50元
    professional: dict[str, Decimal] = field(default_factory=lambda: {
        "social_worker": D("80"), "assistant_social_worker": D("50")})                # 职业水平补贴


@dataclass(frozen=True)
class BonusWeights:
    """奖金总额包干: pool = per_head × headcount a year, split "by position and assessment" (拉开档次).

    The regulation fixes the pool, not the split: the default weights below (position × grade) are this
    platform's choice, documented and configurable. A share is pool × weight / Σ weights. A worker without a
    grade for the year (e.g. hired after the assessment) weighs as `ungraded`."""

    per_head: Decimal = D("3600")
    position: dict[Tier, Decimal] = field(default_factory=lambda: {
        Tier.HEAD: D("1.2"), Tier.DEPUTY: D("1.1"), Tier.STAFF: D("1.0")})
    grade: dict[str, Decimal] = field(default_factory=lambda: {
        "excellent": D("1.2"), "pass": D("1.0"), "basic_pass": D("0.8"), "fail": D("0")})
    ungraded: Decimal = D("1.0")


@dataclass(frozen=True)
class Policy:
    pay: PayTable = field(default_factory=PayTable)
    bonus: BonusWeights = field(default_factory=BonusWeights)
    minimum_weekly_hours: Decimal = D("40")    # 每周工作时间不少于40小时
    max_recruit_age: int = 40
