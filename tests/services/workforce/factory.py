"""Test data for workforce: valid resident IDs (check digit by python-stdnum) and hires."""
from __future__ import annotations

import itertools
from datetime import date

from stdnum.cn import ric

from services.workforce.domain.worker import Certificate, Hire

# new station staff are expected to hold one (社区服务站建设管理办法 第二十一条); it pays no professional allowance
QUALIFICATION = Certificate("community_worker_qualification", "BJ-Q-001", date(2000, 1, 1))

_serial = itertools.count(11)


def resident_id(birth: date, male: bool = True, area: str = "110108") -> str:
    order = next(_serial) % 50 * 2 + (1 if male else 0)
    body = f"{area}{birth:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


def a_hire(**overrides) -> Hire:
    values = dict(employer_id="street-1", community_id="c1", kind="recruited", name="张三",
                  resident_id=resident_id(date(1990, 3, 7)), education="college", fresh_graduate=False,
                  hukou="beijing_urban", posts=("station_staff",), start_date=date(2020, 3, 1),
                  term_end=date(2023, 2, 28), closing_date=date(2020, 1, 15),
                  certificates=(QUALIFICATION,))
    return Hire(**(values | overrides))
