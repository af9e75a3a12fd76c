"""Employers in each state, built through the domain's own rules (no hand-made documents)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from services.registry.domain import deregistration as saga
from services.registry.domain import employer as rules
from services.registry.domain.units import REQUIRED_DOCUMENTS, UnitType

VALID_USCC = "91110108551385082Q"
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def form(unit_type: UnitType = UnitType.ENTERPRISE, licence_date: date = date(2026, 11, 1), **overrides
         ) -> rules.ApplicationForm:
    values = dict(name="海淀科技有限公司", uscc=VALID_USCC, unit_type=unit_type.value, district_code="110108",
                  licence_date=licence_date, documents=tuple(REQUIRED_DOCUMENTS[unit_type]), address="中关村大街1号")
    return rules.ApplicationForm(**(values | overrides))


def registered(registered_on: date = date(2024, 3, 1), number: str = "110108000001") -> rules.Employer:
    applied = rules.apply("e1", form(licence_date=registered_on), registered_on)
    approved = rules.review(applied, True, (), registered_on)
    employer, _ = rules.record_bank_receipt(approved, "工商银行", "0200001", registered_on, number, registered_on)
    return employer


def pending(today: date = TODAY) -> rules.Employer:
    employer, _ = saga.request(registered(), "r1", "dissolution", today, NOW, today)
    return employer
