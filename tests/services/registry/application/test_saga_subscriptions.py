"""Registry's handlers of insurance's answers through the real wiring (bootstrap's `event_handlers`), with a fake
repository: once per envelope, unknown employers ignored."""
from contextlib import asynccontextmanager

from services.registry.application.subscriptions import SUBSCRIPTIONS
from services.registry.domain.model import EmployerStatus
from shared.events import Envelope
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.registry import DeregistrationBlocked, EmployerDeregistered
from shared.store import Loaded
from shared.wiring import event_handlers
from tests.services.registry.domain.factories import TODAY, pending


class FakeEmployers:
    def __init__(self, *employers):
        self.docs = {e.id: (e, []) for e in employers}
        self.saved: list[list] = []

    @asynccontextmanager
    async def lock(self, employer_id):
        yield

    async def load(self, employer_id):
        if employer_id not in self.docs:
            return None, None
        employer, applied = self.docs[employer_id]
        return employer, Loaded(employer_id, {}, rev=1, applied=applied)

    async def save(self, employer, events, *, loaded, caused_by=None):
        self.saved.append(list(events))
        self.docs[employer.id] = (employer, self.docs[employer.id][1] + [caused_by])


def wrap(event):
    return Envelope.wrap(event, source="/civic/insurance")


def handlers_for(employers):
    return event_handlers(SUBSCRIPTIONS, {"employers": employers, "today": lambda: TODAY})


async def test_owing_then_settled_redelivered_gives_one_block_and_one_deregistration():
    employers = FakeEmployers(pending())
    handle = handlers_for(employers)
    owing = wrap(ArrearsAssessed(employer_id="e1", request_id="r1", contributions="10.00", late_fees="1.00",
                                 fines="0.00", total="11.00", as_of=TODAY))
    settled = wrap(ArrearsSettled(employer_id="e1", settled_on=TODAY))
    for envelope in (owing, owing, settled, settled):
        await handle[envelope.type](envelope)
    assert [[type(e) for e in events] for events in employers.saved] == [[DeregistrationBlocked],
                                                                         [EmployerDeregistered]]
    assert employers.docs["e1"][0].status == EmployerStatus.DEREGISTERED


async def test_an_answer_about_an_unknown_employer_changes_nothing():
    employers = FakeEmployers()
    await handlers_for(employers)[ArrearsSettled.type](wrap(ArrearsSettled(employer_id="ghost", settled_on=TODAY)))
    assert employers.saved == []
