"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.insurance.adapters.repositories.accounts import AccountRepository
from services.insurance.adapters.repositories.back_payments import BackPaymentRepository
from services.insurance.adapters.repositories.bases import BaseRepository
from services.insurance.adapters.repositories.cycle import ClosingBatches, StepClaims
from services.insurance.adapters.repositories.dunning import DunningRepository
from services.insurance.adapters.repositories.escalation_cases import EscalationCaseRepository
from services.insurance.adapters.repositories.fines import FineRepository
from services.insurance.adapters.repositories.members import MemberRepository
from services.insurance.adapters.repositories.rates import RateRepository
from services.insurance.adapters.repositories.repayments import RepaymentRepository
from services.insurance.adapters.repositories.statements import StatementRepository
from services.insurance.adapters.repositories.transfers import TransferDocumentRepository
from services.insurance.application.cycle import MonthlyCycle
from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.rates import CollectionPolicy
from services.insurance.settings import InsuranceSettings
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.jobs import model as jobs
from shared.jobs.runner import utc_now
from shared.mongo import DuplicateKeyError
from shared.runtime import ServiceRuntime
from shared.scheduler import PeriodicJob
from shared.telemetry import current_carrier
from shared.wiring import dependencies_of, event_handlers


@dataclass(kw_only=True)
class Container:
    runtime: ServiceRuntime
    today: Today
    policy: CollectionPolicy
    accounts: AccountRepository
    members: MemberRepository
    bases: BaseRepository
    statements: StatementRepository
    steps: StepClaims
    closings: ClosingBatches
    repayments: RepaymentRepository
    rates: RateRepository
    fines: FineRepository
    back_payments: BackPaymentRepository
    transfer_documents: TransferDocumentRepository
    cycle: MonthlyCycle
    dunning: DunningRepository
    escalation_cases: EscalationCaseRepository
    escalation_schedule: PeriodicJob | None = field(default=None, repr=False)

    async def init_db(self) -> None:
        """Accounts are keyed by employer id (and indexed by their listing's filters); members by resident ID; the
        rest get their lookup indexes."""
        for repository in (self.accounts, self.members, self.bases, self.statements, self.fines, self.back_payments,
                           self.transfer_documents, self.dunning, self.escalation_cases):
            await repository.ensure_indexes()

    async def schedule_escalations(self, tick: datetime | None = None) -> str:
        """The daily timer's action: an `escalations` job as of Beijing's today, started by the scheduler (as ops),
        run by the job runner like one an officer started. One job per day (its id names the day): a tick run again
        late finds it there. Returns the job's id."""
        on = self.today()
        job = jobs.new_job(f"escalations-{on.isoformat()}", "escalations", {"on": on.isoformat()},
                           {"user": "scheduler", "role": "ops"}, current_carrier(), utc_now())
        try:
            await self.runtime.jobs.submit(job)
        except DuplicateKeyError:
            pass  # today's job exists already
        return job.id


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              insurance: InsuranceSettings | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("insurance"))
    insurance = insurance or InsuranceSettings()
    db, policy = runtime.db, insurance.policy()
    accounts, members = AccountRepository(runtime.store("accounts")), MemberRepository(runtime.store("members"))
    bases, statements, steps = BaseRepository(db), StatementRepository(db), StepClaims(db)
    closings, rates = ClosingBatches(runtime.store("closings")), RateRepository(runtime.store("rates"))
    dunning = DunningRepository(db)
    container = Container(
        runtime=runtime, today=today, policy=policy, accounts=accounts, members=members, bases=bases,
        statements=statements, steps=steps, closings=closings, rates=rates,
        repayments=RepaymentRepository(runtime.store("repayments")), fines=FineRepository(runtime.store("fines")),
        back_payments=BackPaymentRepository(runtime.store("back_payments")),
        transfer_documents=TransferDocumentRepository(runtime.store("transfer_documents")),
        cycle=MonthlyCycle(accounts=accounts, members=members, bases=bases, statements=statements, steps=steps,
                           closings=closings, policy=policy, rates=rates, dunning=dunning),
        dunning=dunning, escalation_cases=EscalationCaseRepository(runtime.store("escalation_cases")))
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, dependencies_of(container), service="insurance"))
    # lease-gated: one replica runs each tick (docs/api.md, "City-wide operations": the escalations kind)
    container.escalation_schedule = runtime.every("escalations-schedule", insurance.escalation_schedule_seconds,
                                                  container.schedule_escalations)
    return container
