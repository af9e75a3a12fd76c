"""Registry's handlers of insurance's answers through the real wiring (bootstrap's `event_handlers`), with a fake
repository: once per envelope, unknown employers ignored."""
from services.registry.domain.model import EmployerStatus
from shared.events import Envelope
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.registry import DeregistrationBlocked, EmployerDeregistered
from tests.services.registry.application.wiring import InMemoryEmployers, registry_handlers
from tests.services.registry.domain.factories import TODAY, pending


def wrap(event):
    return Envelope.wrap(event, source="/civic/insurance")


def handlers_for(employers):
    return registry_handlers(employers=employers)


async def test_owing_then_settled_redelivered_gives_one_block_and_one_deregistration():
    employers = InMemoryEmployers(pending())
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
    employers = InMemoryEmployers()
    await handlers_for(employers)[ArrearsSettled.type](wrap(ArrearsSettled(employer_id="ghost", settled_on=TODAY)))
    assert employers.saved == []
