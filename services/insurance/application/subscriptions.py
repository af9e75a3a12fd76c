"""Catalog events insurance handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.insurance.application.escalation_cases import dun_blocked_unit, open_or_advance_case
from services.insurance.application.handlers import (
    account_changed, assess_arrears, certificate_lapsed, certificate_restored, close_account, enrol_worker,
    open_account, remove_worker)
from shared.events import EmployerRegistered
from shared.events.insurance import CollectionEscalated
from shared.events.registry import (
    CertificateLapsed, CertificateRestored, DeregistrationBlocked, DeregistrationRequested, EmployerChanged,
    EmployerDeregistered)
from shared.events.workforce import WorkerHired, WorkerSeparated

SUBSCRIPTIONS = {
    EmployerRegistered: open_account,
    DeregistrationRequested: assess_arrears,
    EmployerDeregistered: close_account,
    EmployerChanged: account_changed,
    CertificateLapsed: certificate_lapsed,
    CertificateRestored: certificate_restored,
    WorkerHired: enrol_worker,
    WorkerSeparated: remove_worker,
    CollectionEscalated: open_or_advance_case,
    DeregistrationBlocked: dun_blocked_unit,
}
