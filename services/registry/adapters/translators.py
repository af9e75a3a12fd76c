"""API shapes ↔ commands and domain values where more than a field-for-field copy is involved (the rest is each
schema's `of`)."""
from __future__ import annotations

from services.registry.adapters.centre_schemas import CentreApplicationIn
from services.registry.adapters.schemas import EmployerOut
from services.registry.application.technology_centres import ApplyForCentre
from services.registry.bootstrap import Container
from services.registry.domain.deregistration import is_awaiting_insurance
from services.registry.domain.model import Employer
from services.registry.domain.technology_centre_record import Figures


def employer_out(employer: Employer, c: Container) -> EmployerOut:
    """The employer as the API shows it: a pending deregistration unanswered for too long is `awaiting_insurance`."""
    return EmployerOut.of(employer, is_awaiting_insurance(employer, c.now(), c.insurance_answer_time))


def centre_application(body: CentreApplicationIn) -> ApplyForCentre:
    override = body.threshold_override
    return ApplyForCentre(
        employer_id=body.employer_id, enterprise_name=body.enterprise_name, applied_on=body.applied_on,
        centre_established_on=body.centre_established_on, figures=Figures(**body.figures.model_dump()),
        override_officer=override.officer if override else None,
        override_reason=override.reason if override else None, parent_employer_id=body.parent_employer_id,
        consolidated_subsidiaries=tuple(body.consolidated_subsidiaries),
        violations=tuple((v.kind, v.occurred_on) for v in body.violations))
