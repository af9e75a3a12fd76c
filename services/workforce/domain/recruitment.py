"""Recruitment conditions for station staff (招录条件, 社区工作者管理办法 第四条(二))."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.workforce.domain.identity import age_on

MAX_AGE = 40  # 年龄一般在40岁以下 (digest: ≤ 40)


class Education(StrEnum):
    HIGH_SCHOOL = "high_school"
    COLLEGE = "college"      # 大专
    BACHELOR = "bachelor"    # 大学本科
    MASTER = "master"
    DOCTORATE = "doctorate"


LEVEL = {Education.HIGH_SCHOOL: 0, Education.COLLEGE: 1, Education.BACHELOR: 2, Education.MASTER: 3,
         Education.DOCTORATE: 4}


class Hukou(StrEnum):
    BEIJING_URBAN = "beijing_urban"   # 本市城镇户口
    BEIJING_RURAL = "beijing_rural"
    OTHER = "other"


@dataclass(frozen=True)
class Applicant:
    birth_date: date
    education: Education
    fresh_graduate: bool
    hukou: Hukou


def failed_conditions(applicant: Applicant, closing_date: date, max_age: int = MAX_AGE
                      ) -> list[tuple[str, str, str]]:
    """Every recruitment condition the applicant fails, as (field, rule, message): age ≤ 40 on the closing date;
    大专 or higher (应届毕业生: 本科 or higher); Beijing urban household registration (本市城镇户口)."""
    failed = []
    age = age_on(applicant.birth_date, closing_date)
    if age > max_age:
        failed.append(("person.resident_id", "age-limit",
                       f"aged {age} on the closing date {closing_date}; the limit is {max_age}"))
    needed = Education.BACHELOR if applicant.fresh_graduate else Education.COLLEGE
    if LEVEL[applicant.education] < LEVEL[needed]:
        who = "a fresh graduate needs" if applicant.fresh_graduate else "needs"
        failed.append(("person.education", "education-minimum", f"{who} {needed.value} or higher"))
    if applicant.hukou is not Hukou.BEIJING_URBAN:
        failed.append(("person.hukou", "beijing-urban-hukou", "Beijing urban household registration is required"))
    return failed
