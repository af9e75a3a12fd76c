from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.bases import (
    OutsideBaseCalendar, check_declarations, generate_bases, require_declaration_day, require_generation_day)
from services.insurance.domain.members import Member
from services.insurance.domain.rates import BaseBounds

A, B, C = "11010519491231002X", "110105198001010016", "110105198001010024"


def test_wages_are_declared_by_31_march_and_bases_generated_from_1_april_checked_by_20_april():
    require_declaration_day(2026, date(2026, 3, 31))
    require_generation_day(2026, date(2026, 4, 1))
    require_generation_day(2026, date(2026, 4, 20))
    for refused in (lambda: require_declaration_day(2026, date(2026, 4, 1)),
                    lambda: require_generation_day(2026, date(2026, 3, 31)),
                    lambda: require_generation_day(2026, date(2026, 4, 21))):
        with pytest.raises(OutsideBaseCalendar):
            refused()


def test_each_bad_row_is_reported_with_its_line_and_valid_rows_are_kept():
    rows = [{"resident_id": A, "wage": "8000"}, {"resident_id": "110105198001010010", "wage": "8000"},
            {"resident_id": B, "wage": "-1"}, {"resident_id": A, "wage": "9000"}, {"resident_id": C, "wage": "1"}]
    check = check_declarations(rows, insured_here={A, B}, first_line=2)
    assert check.valid == [(A, Decimal("8000"))]
    assert [(p.field, p.rule) for p in check.problems] == [
        ("line 3.resident_id", "resident-id"), ("line 4.wage", "money"), ("line 5.resident_id", "declared-once"),
        ("line 6.resident_id", "insured")]


def test_without_a_declaration_last_years_base_applies_and_without_either_the_floor():
    members = [Member(p, "e1", "n", date(2025, 5, 5)) for p in (A, B, C)]
    bounds = BaseBounds.of(Decimal("10000.00"))  # floor 6000.00, ceiling 30000.00
    bases = generate_bases(members, {A: Decimal("50000")}, {B: Decimal("7000.00")}, bounds)
    assert bases == {A: Decimal("30000.00"), B: Decimal("7000.00"), C: Decimal("6000.00")}
