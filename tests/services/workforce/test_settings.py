"""The configurable numbers: defaults from the regulation, raised per district by CIVIC_WORKFORCE_*."""
from decimal import Decimal

from services.workforce.settings import WorkforceSettings
from services.workforce.domain.positions import Tier


def test_defaults_are_the_regulations_numbers():
    policy = WorkforceSettings().policy()
    assert policy.bonus.per_head == Decimal("3600") and policy.minimum_weekly_hours == Decimal("40")
    assert policy.pay.professional == {"social_worker": Decimal("80"), "assistant_social_worker": Decimal("50")}
    assert policy.pay.base[Tier.HEAD] == Decimal("720") and policy.max_recruit_age == 40


def test_a_district_raises_the_bonus_and_reweights_one_grade_from_the_environment(monkeypatch):
    monkeypatch.setenv("CIVIC_WORKFORCE_BONUS_PER_HEAD", "4200")
    monkeypatch.setenv("CIVIC_WORKFORCE_BONUS_GRADE_WEIGHTS", '{"excellent": "1.5"}')
    bonus = WorkforceSettings().policy().bonus
    assert bonus.per_head == Decimal("4200")
    assert bonus.grade["excellent"] == Decimal("1.5") and bonus.grade["pass"] == Decimal("1.0")
