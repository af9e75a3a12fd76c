from datetime import date

import pytest

from services.insurance.domain.calendar import Period
from services.insurance.domain.members import (
    AlreadyInsured, RemovalReason, WindowClosed, add_member, remove_member, valid_resident_id)
from shared.errors import InvalidInput, NotFound

RID = "11010519491231002X"


def test_resident_ids_are_checked_by_their_check_digit():
    assert valid_resident_id(RID) == RID
    with pytest.raises(InvalidInput):
        valid_resident_id("110105194912310021")


def test_a_direct_addition_outside_the_5th_to_25th_is_refused_naming_the_next_window():
    with pytest.raises(WindowClosed) as refused:
        add_member(None, "e1", RID, "张三", date(2026, 11, 26))
    assert refused.value.status == 409 and "2026-12-05" in refused.value.detail


def test_an_addition_from_an_event_is_queued_to_the_next_window():
    member = add_member(None, "e1", RID, "张三", date(2026, 11, 26), queued=True)
    assert member.joined_on == date(2026, 12, 5)
    assert not member.insured_in(Period(2026, 11)) and member.insured_in(Period(2026, 12))


def test_a_person_insured_elsewhere_cannot_be_added():
    member = add_member(None, "e1", RID, "张三", date(2026, 11, 10))
    with pytest.raises(AlreadyInsured):
        add_member(member, "e2", RID, "张三", date(2026, 11, 10))


def test_removal_needs_the_person_insured_here_and_counts_the_month_of_removal():
    with pytest.raises(NotFound):
        remove_member(None, "e1", RID, RemovalReason.RETIREMENT, date(2026, 11, 10))
    member = add_member(None, "e1", RID, "张三", date(2026, 10, 10))
    removed = remove_member(member, "e1", RID, RemovalReason.RETIREMENT, date(2026, 11, 10))
    assert removed.insured_in(Period(2026, 11)) and not removed.insured_in(Period(2026, 12))
    assert add_member(removed, "e2", RID, "张三", date(2026, 12, 5)).employer_id == "e2"
