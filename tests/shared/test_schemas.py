"""Request bodies refuse dates that make no sense (`shared.schemas.RequestBody`), naming the field."""
from datetime import date, datetime

import pytest
from pydantic import ValidationError

from shared.schemas import RequestBody


class FineIn(RequestBody):
    imposed_on: date
    recorded_at: datetime | None = None
    note: str = ""


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_date_outside_1900_to_2100_is_refused_naming_the_field(day):
    with pytest.raises(ValidationError) as refused:
        FineIn(imposed_on=day)
    [error] = refused.value.errors()
    assert (error["loc"], error["type"]) == (("imposed_on",), "date-range")


def test_dates_that_make_sense_pass_and_a_datetime_is_checked_by_its_day():
    assert FineIn(imposed_on="1965-04-01").imposed_on == date(1965, 4, 1)  # a worker's birth date
    assert FineIn(imposed_on="2100-12-31", recorded_at="2026-12-03T10:00:00+08:00").recorded_at.year == 2026
    with pytest.raises(ValidationError):
        FineIn(imposed_on="2026-12-03", recorded_at="9999-01-01T00:00:00")
