"""The retirement / term-end watcher also runs by timer: one lease-gated periodic job, its period from
workforce's settings, run with Beijing's today from the injected clock (not the tick's own time)."""
from datetime import date, datetime, timezone

from services.workforce.bootstrap import bootstrap
from services.workforce.settings import WorkforceSettings
from services.workforce.application.workers import hire_worker
from shared.config import Settings
from shared.events.workforce import WorkerSeparated
from tests.services.workforce.application.fakes import InMemoryClaims, InMemoryCommunities, InMemoryWorkers
from tests.services.workforce.factory import a_hire, resident_id

TODAY = date(2026, 4, 2)  # the day she turns 55


def test_the_watch_runs_daily_unless_configured_otherwise():
    assert WorkforceSettings().separation_watch_seconds == 86400


async def test_the_timer_runs_the_watcher_with_today_from_the_injected_clock():
    container = bootstrap(Settings(service="workforce", namespace="timer_test"), today=lambda: TODAY,
                          workforce=WorkforceSettings(separation_watch_seconds=600))
    job = container.separation_watch
    assert job in container.runtime._jobs and job.name == "separation-watch" and job._every == 600
    container.workers, container.claims, container.communities = (InMemoryWorkers(), InMemoryClaims(),
                                                                   InMemoryCommunities())
    due = a_hire(resident_id=resident_id(date(1971, 4, 2), male=False), closing_date=date(2005, 1, 1),
                 start_date=date(2005, 3, 1), term_end=date(2030, 1, 1))
    tomorrow = a_hire(resident_id=resident_id(date(1971, 4, 3), male=False), closing_date=date(2005, 1, 1),
                      start_date=date(2005, 3, 1), term_end=date(2030, 1, 1))
    for worker_id, hire in (("due", due), ("tomorrow", tomorrow)):
        await hire_worker(hire, worker_id, container.workers, container.claims, container.staffing, 40)

    await job._action(datetime(2020, 1, 1, tzinfo=timezone.utc))  # a tick long ago: today's date still rules
    separated = [e for e in container.workers.events if isinstance(e, WorkerSeparated)]
    assert [(e.worker_id, e.reason, e.separated_on) for e in separated] == [("due", "retirement", TODAY)]
    assert container.workers.docs["tomorrow"][0].active
    await container.runtime.client.close()
