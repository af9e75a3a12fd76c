"""Insurance's own settings section (`CIVIC_INSURANCE_*`): the numbers of collection, built once in bootstrap
into the domain's `CollectionPolicy`. The defaults are the digest's (and the law's) numbers."""
from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from services.insurance.domain.rates import (
    CEILING_SHARE, DEFAULT_CITY_AVERAGE_WAGE, FLOOR_SHARE, CollectionPolicy)
from shared.config import Section


class InsuranceSettings(Section):
    """How contributions are collected: late fees, the switch to active declaration, escalation, base bounds."""

    model_config = Section.model_config | {"env_prefix": "CIVIC_INSURANCE_"}

    late_fee_daily: Decimal = Decimal("0.0005")
    """Late fee per day of an unpaid amount: 0.05 % (Social Insurance Law art. 86)."""
    unpaid_months_to_switch: int = Field(2, gt=0)
    """Fully unpaid months in a row after which a unit gets no statement until it declares (主动申报)."""
    audit_after_days: int = Field(90, gt=0)
    """Days after the due date at which open arrears go to audit (稽核)."""
    labour_after_days: int = Field(180, gt=0)
    """Days after the due date at which arrears still open go to the labour administration."""
    escalation_schedule_seconds: float = Field(86400, gt=0)
    """Period of the scheduled escalation (an `escalations` job as of Beijing's today); ticks fall on multiples of it
    since the epoch (daily: 08:00 Beijing)."""
    floor_share: Decimal = FLOOR_SHARE
    """Base floor as a share of the previous year's city average monthly wage (60 %)."""
    ceiling_share: Decimal = CEILING_SHARE
    """Base ceiling as a share of the previous year's city average monthly wage (300 %)."""
    city_average_wages: dict[int, Decimal] = Field(default_factory=dict)
    """Known city average monthly wages by year (JSON `{"2025": "12000.00"}`); figures recorded through
    `PUT /average-wages/{year}` take precedence."""
    fallback_average_wage: Decimal = DEFAULT_CITY_AVERAGE_WAGE
    """The city average monthly wage assumed for a year without a figure (neither configured nor recorded): the
    floor and ceiling of the following base year derive from it."""

    def policy(self) -> CollectionPolicy:
        return CollectionPolicy(
            late_fee_daily=self.late_fee_daily, unpaid_months_to_switch=self.unpaid_months_to_switch,
            audit_after_days=self.audit_after_days, labour_after_days=self.labour_after_days,
            floor_share=self.floor_share, ceiling_share=self.ceiling_share,
            city_average_wages=dict(self.city_average_wages), fallback_average_wage=self.fallback_average_wage)
