"""Two or three replicas competing for one job never hold it at the same moment; a dead holder is replaced."""
import pytest

from shared import mongo
from shared.lease import Lease

pytestmark = pytest.mark.infra


class FakeClock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def leases(infra, namespace):
    client = mongo.connect(infra.mongo_url)
    yield client[f"{namespace}_lease"]["leases"]
    await client.close()


async def test_at_every_moment_at_most_one_replica_runs_the_job(leases):
    clock = FakeClock()
    replicas = [Lease(leases, "relay", f"r{i}", ttl=4, margin=1, clock=clock) for i in range(3)]
    leaders_seen = set()
    for _ in range(120):  # 30 slots, polled four times a slot, replicas asking in turn
        holders = [r.holder for r in replicas if await r.is_leader()]
        assert len(holders) <= 1, holders
        leaders_seen.update(holders)
        clock.now += 1
    assert len(leaders_seen) == 1, "a live holder keeps the job"


async def test_a_dead_holder_is_replaced_within_two_slots(leases):
    clock = FakeClock()
    first = Lease(leases, "relay", "first", ttl=4, margin=1, clock=clock)
    second = Lease(leases, "relay", "second", ttl=4, margin=1, clock=clock)
    assert await first.is_leader() and not await second.is_leader()
    clock.now += 2.5
    assert await first.is_leader()  # claims the next slot half-way through
    takeover_after = None
    for step in range(1, 13):  # `first` is dead from here on
        clock.now += 1
        if await second.is_leader():
            takeover_after = step
            break
    assert takeover_after is not None and takeover_after <= 8


async def test_a_holder_that_cannot_renew_stops_before_its_slot_ends(leases):
    clock = FakeClock(start=4 * 250_000.0)  # the start of a slot
    holder = Lease(leases, "relay", "a", ttl=4, margin=1, clock=clock)
    assert await holder.is_leader()
    await leases.insert_one({"_id": f"relay:{250_001}", "job": "relay", "slot": 250_001, "holder": "b"})
    clock.now += 2.9
    assert await holder.is_leader()  # 1.1 s left: still its slot
    clock.now += 0.2
    assert not await holder.is_leader()  # within the margin of a slot someone else holds next


async def test_a_periodic_job_runs_once_per_tick_across_competing_replicas(leases):
    """Three replicas poll every tick in a shuffled order, the holder dies half-way: each tick runs exactly once."""
    from shared.scheduler import PeriodicJob

    clock, ran = FakeClock(), []

    def replica(name):
        async def action(at):
            ran.append((name, at))
        lease = Lease(leases, "lapse-watch", name, ttl=4, margin=1, clock=clock)
        return PeriodicJob("lapse-watch", 2, action, lease=lease, runs=leases.database["job_runs"], clock=clock)

    replicas = [replica(f"r{i}") for i in range(3)]
    for step in range(40):
        alive = replicas if step < 20 else [r for r in replicas if r._lease.holder != ran[0][0]]
        for job in alive[step % len(alive):] + alive[:step % len(alive)]:
            await job.run_due()
        clock.now += 1
    ticks = [at for _, at in ran]
    assert len(ticks) == len(set(ticks)), "a tick ran twice"
    assert len({name for name, _ in ran}) == 2, "the survivor took over after the holder died"
    assert len(ticks) >= 16


async def test_a_holder_answers_from_memory_until_it_must_claim_the_next_slot(leases):
    clock = FakeClock(start=4 * 250_000.0)
    holder = Lease(leases, "relay", "a", ttl=4, margin=1, clock=clock)
    assert await holder.is_leader()
    await leases.delete_many({})  # any read now would find no claim and answer "not leader"
    clock.now += 1.9
    assert await holder.is_leader(), "within the first half of its slot it asks nobody"
    clock.now += 0.2
    assert await holder.is_leader()  # half-way: it asks again and claims the next slot
    assert await leases.count_documents({"holder": "a"}) == 2
