from datetime import date

import pytest

from services.registry.domain import employer as rules
from services.registry.domain.districts import is_issuable_district, is_known_district
from shared.errors import InvalidInput
from shared.events import EmployerRegistered

TODAY = date(2026, 11, 20)
VALID_USCC = "91110108551385082Q"


def test_registering_a_unit_records_the_registered_event():
    employer, events = rules.register("e1", " 海淀科技有限公司 ", VALID_USCC.lower(), "110108", TODAY)
    assert employer.name == "海淀科技有限公司" and employer.uscc == VALID_USCC
    assert events == [EmployerRegistered(employer_id="e1", name="海淀科技有限公司", uscc=VALID_USCC,
                                         district_code="110108", registered_on=TODAY)]


def test_every_broken_rule_is_reported_at_once():
    with pytest.raises(InvalidInput) as caught:
        rules.register("e1", "  ", "91110108551385082A", "110103", TODAY)
    assert [(p.field, p.rule) for p in caught.value.errors] == [
        ("name", "required"), ("uscc", "uscc-check-character"), ("district_code", "beijing-district")]


def test_sixteen_current_districts_and_the_two_merged_in_2010():
    current = [c for c in (f"1101{n:02d}" for n in range(1, 20)) if is_issuable_district(c)]
    assert len(current) == 16
    assert not is_issuable_district("110103") and not is_issuable_district("110104")
    assert is_known_district("110103") and is_known_district("110104")
