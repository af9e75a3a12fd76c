"""Registry's own settings section (`CIVIC_REGISTRY_*`), read once in bootstrap."""
from __future__ import annotations

from datetime import timedelta

from pydantic import Field

from shared.config import Section


class RegistrySettings(Section):
    """Registry's configurable rules."""

    model_config = Section.model_config | {"env_prefix": "CIVIC_REGISTRY_"}

    insurance_answer_hours: float = Field(24.0, gt=0, description="after this, a pending deregistration shows "
                                          "`awaiting insurance` and may be re-sent")
    inspection_deadline: tuple[int, int] = Field((12, 31), description="month, day by which year Y is inspected")

    @property
    def insurance_answer_time(self) -> timedelta:
        return timedelta(hours=self.insurance_answer_hours)
