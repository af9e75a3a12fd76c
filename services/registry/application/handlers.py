from __future__ import annotations

import uuid

from services.registry.adapters.repository import EmployerRepository
from services.registry.application.commands import RegisterEmployer
from services.registry.domain import employer as rules
from services.registry.domain.employer import Employer
from shared.clock import Today


async def register_employer(cmd: RegisterEmployer, employers: EmployerRepository, today: Today) -> Employer:
    employer, events = rules.register(str(uuid.uuid4()), cmd.name, cmd.uscc, cmd.district_code, today())
    await employers.add(employer, events)
    return employer
