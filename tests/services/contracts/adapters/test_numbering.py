"""Registration numbers under concurrency: gap-free and distinct, per year and registrar (SequenceAllocator)."""
import asyncio
import re
from dataclasses import replace
from datetime import date

import pytest

from services.contracts.adapters.repositories import ContractRepository
from services.contracts.domain.contract import Kind
from shared import mongo
from shared.sequences import SequenceAllocator
from tests.services.contracts.adapters.payloads import APPLICANT, REGISTRAR, application, register_review
from tests.services.contracts.domain.factory import submitted

pytestmark = pytest.mark.infra
API = "/api/v1/contracts"


async def test_fifty_concurrent_registrations_get_fifty_consecutive_numbers(client):
    ids = []
    for _ in range(50):
        response = await client.post(f"{API}/applications", json=application(), headers=APPLICANT)
        ids.append(response.json()["id"])
    answers = await asyncio.gather(*(client.post(f"{API}/applications/{i}/review", json=register_review(),
                                                 headers=REGISTRAR) for i in ids))
    numbers = [a.json()["registration_number"] for a in answers]
    assert all(re.fullmatch(r"2026-110108-\d{6}", n) for n in numbers)
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 51))


async def test_fifty_allocations_from_five_processes_and_separate_scopes(infra, namespace):
    """Five repositories with their own locks stand for five replicas: only the unique key keeps them apart."""
    client = mongo.connect(infra.mongo_url)
    collection = client[f"{namespace}_contracts"]["sequences"]
    repos = [ContractRepository(store=None, sequences=SequenceAllocator(collection)) for _ in range(5)]
    await SequenceAllocator(collection).ensure_indexes()
    contract = submitted()
    numbers = await asyncio.gather(*(repos[i % 5].allocate_number(contract, date(2026, 12, 1)) for i in range(50)))
    assert sorted(numbers) == [f"2026-110108-{n:06d}" for n in range(1, 51)]
    assert await repos[0].allocate_number(contract, date(2027, 1, 2)) == "2027-110108-000001"
    other = replace(contract, registrar_code="110105")
    assert await repos[0].allocate_number(other, date(2026, 12, 1)) == "2026-110105-000001"
    filing = replace(contract, kind=Kind.FILING)
    assert await repos[0].allocate_number(filing, date(2026, 12, 1)) == "2026-110108-B000001"
    await client.close()
