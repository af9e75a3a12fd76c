"""Monthly pay, 社区工作者管理办法 第五条: base 720/640/590, tenure allowance from 960/845/740 +50 a year assessed
pass or better, professional allowance +80/+50 from the month of registration, 兼职不兼酬、就高不就低."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.workforce.domain import records, worker as rules
from services.workforce.domain.pay import Period, pay_slip, parse_period, tenure_allowance
from services.workforce.domain.policy import PayTable
from services.workforce.domain.positions import Tier
from services.workforce.domain.worker import Certificate
from tests.services.workforce.factory import QUALIFICATION, a_hire

TABLE = PayTable()


def amounts(slip):
    return {i.code: i.amount for i in slip.items}


def graded(worker, *years_and_grades):
    for year, grade in years_and_grades:
        worker = records.record_assessment(worker, year, grade, 95, 90, date(year + 1, 1, 10))
    return worker


def test_base_pay_by_tier_is_720_640_590():
    for posts, base in ((("station_head",), "720.00"), (("station_deputy_head",), "640.00"),
                        (("station_staff",), "590.00")):
        worker, _ = rules.hire("w", a_hire(posts=posts))
        assert amounts(pay_slip(worker, Period(2020, 6), TABLE))["base"] == Decimal(base)


def test_under_one_year_of_service_only_the_starting_tenure_allowance():
    worker, _ = rules.hire("w", a_hire(start_date=date(2020, 3, 1)))
    worker = graded(worker, (2020, "excellent"))
    # January 2021: the 2020 grade is pass or better, but service is 10 months — the starting 740 only.
    assert amounts(pay_slip(worker, Period(2021, 1), TABLE))["tenure_allowance"] == Decimal("740.00")
    # March 2021: one full year completed on 1 March → 740 + 50.
    assert amounts(pay_slip(worker, Period(2021, 3), TABLE))["tenure_allowance"] == Decimal("790.00")


def test_each_year_pass_or_better_adds_50_and_basic_pass_or_fail_adds_nothing():
    worker, _ = rules.hire("w", a_hire(start_date=date(2018, 1, 1)))
    worker = graded(worker, (2018, "pass"), (2019, "basic_pass"), (2020, "excellent"), (2021, "fail"))
    slip = pay_slip(worker, Period(2022, 5), TABLE)
    assert amounts(slip)["tenure_allowance"] == Decimal("740") + 2 * Decimal("50")
    assert slip.total == Decimal("590") + Decimal("840") + Decimal("0")


def test_starting_amounts_960_845_740():
    assert [tenure_allowance(t, 0, 3, TABLE) for t in Tier] == [Decimal("960.00"), Decimal("845.00"),
                                                                Decimal("740.00")]
    assert tenure_allowance(Tier.HEAD, 4, 3, TABLE) == Decimal("1110.00")


def test_a_position_change_takes_the_new_table_with_the_years_carried():
    worker, _ = rules.hire("w", a_hire(start_date=date(2017, 1, 1)))
    worker = graded(worker, (2017, "pass"), (2018, "pass"), (2019, "pass"))
    before = pay_slip(worker, Period(2020, 6), TABLE)
    assert amounts(before)["tenure_allowance"] == Decimal("890.00")  # 740 + 3 × 50
    promoted = rules.change_posts(worker, ("station_head",), date(2020, 7, 1))
    after = pay_slip(promoted, Period(2020, 7), TABLE)
    assert after.tier is Tier.HEAD
    assert amounts(after) == {"base": Decimal("720.00"), "tenure_allowance": Decimal("1110.00"),  # 960 + 3 × 50
                              "professional_allowance": Decimal("0.00")}
    assert amounts(pay_slip(promoted, Period(2020, 6), TABLE))["base"] == Decimal("590.00")


def test_a_cross_appointed_worker_is_paid_once_at_the_highest_rate():
    # 社区居委会副主任 (deputy) who is also 社区服务站站长 (head) and 党组织委员 (staff): head pay, once.
    worker, _ = rules.hire("w", a_hire(kind="elected", posts=("committee_deputy_director", "station_head",
                                                              "party_committee_member")))
    slip = pay_slip(worker, Period(2020, 4), TABLE)
    assert slip.tier is Tier.HEAD
    assert [i.code for i in slip.items] == ["base", "tenure_allowance", "professional_allowance"]
    assert slip.total == Decimal("720.00") + Decimal("960.00")


def test_professional_allowance_from_the_month_of_registration_80_or_50():
    assistant = Certificate("assistant_social_worker", "A1", date(2020, 5, 20))
    worker, _ = rules.hire("w", a_hire(certificates=(QUALIFICATION, assistant)))
    assert amounts(pay_slip(worker, Period(2020, 4), TABLE))["professional_allowance"] == Decimal("0.00")
    assert amounts(pay_slip(worker, Period(2020, 5), TABLE))["professional_allowance"] == Decimal("50.00")
    worker = rules.add_certificate(worker, Certificate("social_worker", "S1", date(2021, 9, 1)))
    assert amounts(pay_slip(worker, Period(2021, 8), TABLE))["professional_allowance"] == Decimal("50.00")
    assert amounts(pay_slip(worker, Period(2021, 9), TABLE))["professional_allowance"] == Decimal("80.00")


def test_a_working_retiree_gets_the_living_subsidy_on_the_tenure_table_only():
    worker, _ = rules.hire("w", a_hire(kind="elected", retiree=True, posts=("committee_member",),
                                       start_date=date(2018, 1, 1)))
    worker = graded(worker, (2018, "pass"))
    slip = pay_slip(worker, Period(2020, 1), TABLE)
    assert amounts(slip) == {"living_subsidy": Decimal("790.00")} and slip.total == Decimal("790.00")


def test_no_slip_outside_service_and_full_amounts_in_a_part_month():
    worker, _ = rules.hire("w", a_hire(start_date=date(2020, 3, 15)))
    assert pay_slip(worker, Period(2020, 2), TABLE) is None
    assert pay_slip(worker, Period(2020, 3), TABLE).total == Decimal("1330.00")
    left, _ = rules.separate(worker, rules.Separation(date(2021, 4, 10), "resignation"))
    assert pay_slip(left, Period(2021, 4), TABLE) is not None and pay_slip(left, Period(2021, 5), TABLE) is None


def test_a_configured_table_is_used():
    table = replace(TABLE, tenure_step=Decimal("60"))
    assert tenure_allowance(Tier.STAFF, 2, 2, table) == Decimal("860.00")


def test_periods_are_yyyy_mm():
    assert parse_period("2026-11") == Period(2026, 11)
    assert parse_period("2026-13") is None and parse_period("2026-1") is None and parse_period("nov") is None
