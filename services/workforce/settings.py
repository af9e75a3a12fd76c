"""Workforce's own settings (`CIVIC_WORKFORCE_*`), read once by bootstrap and turned into the domain's Policy."""
from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

from pydantic import Field

from services.workforce.domain.policy import (HOUSING_FUND_RATES, ONE_CHILD_FEES, BonusWeights, HousingFundRate,
                                             OneChildFee, PayTable, Policy)
from services.workforce.domain.positions import Tier
from shared.config import Section


def _as_json(table) -> list[dict]:
    """A dated table of `domain/policy.py` as the JSON the variable takes (so the README shows it so)."""
    return [{k: str(v) for k, v in asdict(entry).items()} for entry in table]


class WorkforceSettings(Section):
    """Defaults are the regulation's numbers; districts may raise the bonus (可适当上浮) and the professional
    allowance (可适当提高). Weight maps are JSON, e.g. `CIVIC_WORKFORCE_BONUS_GRADE_WEIGHTS='{"excellent": 1.5}'`."""

    model_config = Section.model_config | {"env_prefix": "CIVIC_WORKFORCE_"}

    bonus_per_head: Decimal = Decimal("3600")
    """Yearly bonus fund per community worker, yuan (districts may raise it: 可适当上浮)."""
    bonus_position_weights: dict[Tier, Decimal] = {}
    """Bonus weight by pay tier (JSON), over the defaults of `domain/policy.py`."""
    bonus_grade_weights: dict[str, Decimal] = {}
    """Bonus weight by assessment grade (JSON, e.g. `{"excellent": 1.5}`), over the defaults."""
    bonus_ungraded_weight: Decimal = Decimal("1.0")
    """Bonus weight of a worker without an assessment grade."""
    social_worker_allowance: Decimal = Decimal("80")
    """Monthly professional allowance of a certified social worker, yuan (可适当提高)."""
    assistant_social_worker_allowance: Decimal = Decimal("50")
    """Monthly professional allowance of an assistant social worker, yuan."""
    housing_fund_rates: list[HousingFundRate] = Field(default_factory=lambda: _as_json(HOUSING_FUND_RATES),
                                                      validate_default=True)
    """住房公积金 rates by date (JSON, e.g. `[{"since": "2026-07-01", "unit": "0.10", "personal": "0.10"}]`): the
    entry in force on a month's first day applies. Default 12 % + 12 % (`domain/policy.py` says why)."""
    one_child_fees: list[OneChildFee] = Field(default_factory=lambda: _as_json(ONE_CHILD_FEES),
                                              validate_default=True)
    """独生子女费 by date (JSON, e.g. `[{"since": "2026-01-01", "monthly": "10"}]`). Default 5 yuan a month."""
    max_recruit_age: int = 40
    """Oldest age at which an applicant may be recruited as station staff."""
    minimum_weekly_hours: Decimal = Decimal("40")
    """Weekly working hours a station's roster must reach (每周工作时间不少于40小时)."""
    separation_watch_seconds: float = Field(86400, gt=0)
    """Period of the retirement / term-end watcher; ticks fall on multiples of it since the epoch (daily: 08:00
    Beijing). It runs with Beijing's date at the tick and catches up anything due on earlier days."""

    def policy(self) -> Policy:
        defaults = BonusWeights()
        bonus = BonusWeights(per_head=self.bonus_per_head,
                             position=defaults.position | self.bonus_position_weights,
                             grade=defaults.grade | self.bonus_grade_weights, ungraded=self.bonus_ungraded_weight)
        pay = PayTable(professional={"social_worker": self.social_worker_allowance,
                                     "assistant_social_worker": self.assistant_social_worker_allowance},
                       housing_fund=tuple(self.housing_fund_rates), one_child_fee=tuple(self.one_child_fees))
        return Policy(pay=pay, bonus=bonus, minimum_weekly_hours=self.minimum_weekly_hours,
                      max_recruit_age=self.max_recruit_age)
