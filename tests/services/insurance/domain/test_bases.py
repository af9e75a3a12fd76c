from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.bases import (
    OutsideBaseCalendar, check_declarations, corrected_base, generate_bases, require_declaration_day,
    require_generation_day)
from services.insurance.domain.members import Member
from services.insurance.domain.rates import BaseBounds
from shared.errors import InvalidInput, NotFound

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


def _correct(on, wage="9000.00", generated=True, member=Member(A, "e1", "n", date(2025, 5, 5)), employer="e1"):
    return corrected_base(2026, on, Decimal(wage), BaseBounds.of(Decimal("10000.00")), generated=generated,
                          member=member, employer_id=employer)


def test_a_generated_base_can_be_corrected_until_20_april_inclusive_and_is_refused_on_the_21st():
    assert _correct(date(2026, 4, 1)) == Decimal("9000.00")
    assert _correct(date(2026, 4, 20)) == Decimal("9000.00")
    with pytest.raises(OutsideBaseCalendar) as late:
        _correct(date(2026, 4, 21))
    assert late.value.status == 409 and "2026-04-20" in late.value.detail
    [entry] = late.value.problem()["errors"]  # the deadline inside the error entry, not at the top level
    assert (entry["field"], entry["rule"], entry["deadline"]) == ("on", "correction-days", "2026-04-20")
    assert entry["article"].endswith("第六条") and "deadline" not in late.value.problem()
    with pytest.raises(OutsideBaseCalendar):
        _correct(date(2026, 3, 31))


def test_a_corrected_base_is_clamped_to_floor_and_ceiling_like_the_generated_ones():
    # floor 60 % and ceiling 300 % of 10 000.00
    assert _correct(date(2026, 4, 10), "5999.99") == Decimal("6000.00")
    assert _correct(date(2026, 4, 10), "6000.00") == Decimal("6000.00")
    assert _correct(date(2026, 4, 10), "30000.00") == Decimal("30000.00")
    assert _correct(date(2026, 4, 10), "30000.01") == Decimal("30000.00")


def test_a_correction_needs_generated_bases_and_someone_insured_with_the_unit():
    with pytest.raises(OutsideBaseCalendar):
        _correct(date(2026, 4, 10), generated=False)
    for member, employer in ((None, "e1"), (Member(A, "e2", "n", date(2025, 5, 5)), "e1")):
        with pytest.raises(NotFound):
            _correct(date(2026, 4, 10), member=member, employer=employer)
    with pytest.raises(InvalidInput):
        _correct(date(2026, 4, 10), wage="0.001")
