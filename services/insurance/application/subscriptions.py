"""Catalog events insurance handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.insurance.application.handlers import (
    assess_arrears, close_account, enrol_worker, open_account, remove_worker)
from shared.events import EmployerRegistered
from shared.events.registry import DeregistrationRequested, EmployerDeregistered
from shared.events.workforce import WorkerHired, WorkerSeparated

SUBSCRIPTIONS = {
    EmployerRegistered: open_account,
    DeregistrationRequested: assess_arrears,
    EmployerDeregistered: close_account,
    WorkerHired: enrol_worker,
    WorkerSeparated: remove_worker,
}
