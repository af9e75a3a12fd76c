"""Registry's community records into workforce's projection: the newest decision (effective_on) wins; an abolition
flags the record and keeps it; the staffing verdict publishes a changed count and an opening shortfall once."""
from dataclasses import replace
from datetime import date

from services.workforce.domain.projection import abolish, apply_record, profile_for
from services.workforce.domain.staffing import Community, Profile, Verdict, review
from shared.events.workforce import StaffingCounted, StaffingShortfall

JAN, MAR, JUN = date(2026, 1, 5), date(2026, 3, 1), date(2026, 6, 1)
TODAY = date(2026, 11, 20)


def record(households=1499, on=JAN, **overrides) -> Community:
    return replace(Community("c1", "东升社区", False, households, 300, Profile.BEIJING, "110108", on), **overrides)


def test_a_first_record_is_taken_as_stated():
    assert apply_record(None, record()) == record()


def test_a_newer_record_replaces_the_figures_but_keeps_a_profile_chosen_by_hand():
    current = record(profile=Profile.WENZHOU)
    assert apply_record(current, record(1501, MAR)) == record(1501, MAR, profile=Profile.WENZHOU)


def test_an_older_record_arriving_late_is_stale_and_one_of_the_same_date_is_a_correction():
    current = record(1600, MAR)
    assert apply_record(current, record(1501, JAN)) is None
    assert apply_record(current, record(1501, MAR)) == record(1501, MAR)


def test_a_record_loaded_by_hand_has_no_date_and_any_registry_record_replaces_it():
    assert apply_record(record(on=None), record(900, JAN)).households == 900


def test_an_abolition_flags_the_record_and_keeps_its_figures():
    abolished = abolish(record(1501, JAN), "c1", MAR, merged_into="c2")
    assert abolished.abolished and abolished.households == 1501
    assert (abolished.abolished_on, abolished.effective_on, abolished.merged_into) == (MAR, MAR, "c2")


def test_an_abolition_older_than_the_record_is_stale():
    assert abolish(record(1501, MAR), "c1", JAN, None) is None


def test_abolished_before_it_was_registered_the_late_registration_is_stale_and_a_newer_one_revives_it():
    tombstone = abolish(None, "c1", MAR, None)
    assert tombstone.abolished and tombstone.id == "c1"
    assert apply_record(tombstone, record(1501, JAN)) is None
    revived = apply_record(tombstone, record(1501, JUN))
    assert not revived.abolished and revived.households == 1501


def test_wenzhou_districts_take_the_wenzhou_norm():
    assert profile_for("330302") is Profile.WENZHOU and profile_for("110108") is Profile.BEIJING


def test_a_changed_count_is_published_and_an_unchanged_one_is_not():
    verdict, events = review(record(1499), Verdict(short=False, counted=3), 3, TODAY)
    assert (verdict, events) == (Verdict(False, 3), [])
    verdict, events = review(record(1499), Verdict(short=False, counted=3), 4, TODAY)
    assert (verdict, events) == (Verdict(False, 4), [StaffingCounted(community_id="c1", actual=4, counted_on=TODAY)])


def test_a_shortfall_opens_once_at_the_1500_household_boundary():
    assert review(record(1500), Verdict(False, 3), 3, TODAY) == (Verdict(False, 3), [])
    verdict, events = review(record(1501), Verdict(False, 3), 3, TODAY)
    assert verdict == Verdict(True, 3) and events == [StaffingShortfall(
        community_id="c1", profile="beijing", required=4, actual=3, shortfall=1, detected_on=TODAY)]
    assert review(record(1501), verdict, 3, TODAY) == (Verdict(True, 3), [])


def test_an_abolished_community_is_never_short_but_its_count_is_still_reported():
    abolished = abolish(record(1501), "c1", MAR, None)
    verdict, events = review(abolished, Verdict(True, 3), 2, TODAY)
    assert verdict == Verdict(False, 2)
    assert events == [StaffingCounted(community_id="c1", actual=2, counted_on=TODAY)]
