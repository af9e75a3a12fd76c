"""Resident identity numbers (居民身份证号码, GB 11643): check digit, birth date, gender, masking."""
from __future__ import annotations

from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError


def valid_resident_id(value: str) -> str | None:
    """The normalised number if its length, birth date, area code and check digit (GB 11643) are right."""
    try:
        return ric.validate(value)
    except ValidationError:
        return None


def birth_date_of(resident_id: str) -> date:
    return ric.get_birth_date(resident_id)


def gender_of(resident_id: str) -> str:
    """The 17th digit (顺序码) is odd for men, even for women."""
    return "male" if int(resident_id[16]) % 2 else "female"


def mask(resident_id: str) -> str:
    """For logs and displays that need no full number: the first 6 and last 4 characters."""
    return resident_id[:6] + "*" * max(len(resident_id) - 10, 0) + resident_id[-4:]


def age_on(birth: date, on: date) -> int:
    """Full years (周岁) reached on `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def birthday_at_age(birth: date, years: int) -> date:
    """The day one reaches `years` (年满N周岁); a 29 February birthday falls on 28 February in common years."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 2, 28)
