"""What every insurance route may ask for: the container bootstrap built, and the officer's role; and who may call
each operation (`shared.access.allow`, next to every route; the gate in `adapters/access.py` is the coarse first line).

- OFFICER_ONLY: the agency's own steps — rates, average wages, cash receipts, fines and their payment, the payment
  method and industry class of an account, and concluding a repayment or back-payment (the money arrived or not).
  Never the employer user, even on its own account.
- SCHEDULED: the city-wide cycle steps (statements, debit file, bank results, close, escalation, base generation),
  run by an insurance officer or by ops on schedule (`civic insurance cycle …`).
- FILED_BY_THE_UNIT: what a unit files in its own name on its own account (additions and removals of insured
  persons, the yearly wage declaration and the April check of its bases, an active declaration, a repayment or
  back-payment form), or an insurance officer at the counter on its behalf.
- READ_OWN: an account's records — the unit itself, insurance officers, and registry officers (the annual inspection
  checks headcount and arrears); auditors and department systems with `insurance:read` read every GET anyway.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from services.insurance.bootstrap import Container
from shared.access import allow
from shared.actor import acting_as
from shared.auth import Role
from shared.wiring import container_of

ContainerDep = Annotated[Container, Depends(container_of)]
Officer = acting_as(Role.INSURANCE_OFFICER, user=False)
"""An insurance officer (`X-Civic-Role: insurance-officer`): rates and fines. Who acts is not required, as before."""

EmployerId = Annotated[str, Path(min_length=1, max_length=64, description="registry's id of the employer")]
RecordId = Annotated[str, Path(min_length=1, max_length=64, description="the record's id")]
ResidentId = Annotated[str, Path(min_length=15, max_length=18, description="居民身份证号码")]

OFFICER_ONLY = allow(Role.INSURANCE_OFFICER)
SCHEDULED = allow(Role.INSURANCE_OFFICER, Role.OPS)
FILED_BY_THE_UNIT = allow(Role.INSURANCE_OFFICER, employer="employer_id")
READ_OWN = allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER, employer="employer_id")
