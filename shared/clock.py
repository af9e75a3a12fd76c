"""Today's date in Beijing, injected into handlers; domain rules only ever receive `today` as a value."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
Today = Callable[[], date]
Now = Callable[[], datetime]


def beijing_today() -> date:
    return datetime.now(BEIJING).date()
