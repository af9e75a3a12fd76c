"""The keyed chain, pure: an edit is named at its own position even when the tail is re-sealed without the key
(plain SHA-256 or another key); gaps, transplanted records, forged checkpoints and truncation are caught."""
import hashlib
from datetime import datetime, timezone

from shared.audit.chain import (GENESIS, RECORD_FIELDS, Entry, canonical, seal_checkpoint, seal_record,
                                sound_checkpoints, verify_chain, verify_end)
from shared.audit.keys import Keyring
from shared.auth import Role

AT = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
KEY, OTHER_KEY = "k" * 32, "o" * 32
KEYS = Keyring.of(KEY)


def entry(path: str = "/api/v1/registry/employers", status: int = 201, subject: str = "officer") -> Entry:
    return Entry(subject, (Role.REGISTRY_OFFICER,), None, None, "token", "10.0.0.1", "POST", path, None, status,
                 "t" * 32, "r-1")


def chain(n: int, keys: Keyring = KEYS, name: str = "registry") -> list[dict]:
    records, prev = [], GENESIS
    for i in range(1, n + 1):
        records.append(seal_record(entry(f"/api/v1/registry/employers/E{i}"), n=i, prev=prev, chain=name,
                                   keys=keys, at=AT))
        prev = records[-1]["mac"]
    return records


def verify(records, keys: Keyring = KEYS, **kw):
    return verify_chain(records, chain="registry", keys=keys, **kw)


def resealed_tail(records: list[dict], start: int, seal) -> list[dict]:
    """What someone without the key does after editing record `start`: recompute every MAC from there on."""
    for i in range(start - 1, len(records)):
        if i > start - 1:
            records[i]["prev"] = records[i - 1]["mac"]
        records[i]["mac"] = seal(records[i])
    return records


def test_an_untouched_chain_verifies():
    result = verify(chain(5))
    assert result.ok and result.checked == 5 and result.broken_at is None


def test_an_edited_field_is_named_at_its_position():
    records = chain(5)
    records[2]["subject"] = "somebody-else"
    assert verify(records) == verify(records).__class__(False, 2, broken_at=3, reason="wrong mac")


def test_an_edit_with_the_tail_rehashed_by_plain_sha256_fails_at_the_edit():
    # The old chain's weakness: with plain SHA-256 this re-hashed chain verified.
    records = chain(5)
    records[2]["status"] = 500
    resealed_tail(records, 3, lambda r: hashlib.sha256(canonical(r, RECORD_FIELDS)).hexdigest())
    result = verify(records)
    assert not result.ok and result.broken_at == 3 and result.reason == "wrong mac"


def test_an_edit_resealed_with_another_key_under_the_same_key_id_fails_at_the_edit():
    other = Keyring.of(OTHER_KEY)
    records = chain(5)
    records[2]["status"] = 500
    resealed_tail(records, 3, lambda r: other.mac(other.current, canonical(r, RECORD_FIELDS)))
    result = verify(records)
    assert not result.ok and result.broken_at == 3 and result.reason == "wrong mac"


def test_a_record_sealed_under_a_key_verification_does_not_know_is_named():
    records = chain(5, keys=Keyring.of(OTHER_KEY))
    assert verify(records).reason == "unknown key" and verify(records).broken_at == 1


def test_after_a_rotation_old_records_verify_with_the_retired_key_and_new_ones_with_the_new_key():
    old, rotated = Keyring.of(KEY), Keyring.of(OTHER_KEY, retired=[KEY])
    records = chain(2, keys=old)
    records.append(seal_record(entry(), n=3, prev=records[-1]["mac"], chain="registry", keys=rotated, at=AT))
    assert records[0]["kid"] != records[2]["kid"]
    assert verify(records, keys=rotated).ok
    assert verify(records, keys=old).reason == "unknown key"


def test_a_removed_record_is_a_gap_at_its_position():
    records = chain(5)
    del records[1]
    result = verify(records)
    assert not result.ok and result.broken_at == 2 and result.reason == "position gap"


def test_records_swapped_break_the_link():
    records = chain(5)
    records[1], records[2] = records[2], records[1]
    records[1]["n"], records[2]["n"] = 2, 3  # even renumbered, the sealed `n` no longer matches
    assert verify(records).broken_at == 2


def test_a_record_copied_from_another_services_chain_is_caught():
    records = chain(3, name="insurance")
    assert verify(records).reason == "wrong chain" and verify(records).broken_at == 1


def test_a_chain_cut_before_its_latest_checkpoint_is_truncated():
    records = chain(6)
    checkpoints, forged = sound_checkpoints([seal_checkpoint(records[4], keys=KEYS, at=AT)], chain="registry",
                                            keys=KEYS)
    assert forged is None and verify(records, checkpoints=checkpoints).ok
    assert verify_end(6, checkpoints).ok
    cut = records[:3]
    assert verify(cut, checkpoints=checkpoints).ok  # what is left is sound …
    assert verify_end(3, checkpoints) == verify_end(3, checkpoints).__class__(False, 3, broken_at=4,
                                                                            reason="truncated")


def test_a_chain_cut_and_written_again_contradicts_its_checkpoint():
    records = chain(5)
    checkpoints, _ = sound_checkpoints([seal_checkpoint(records[3], keys=KEYS, at=AT)], chain="registry",
                                       keys=KEYS)
    # Records 3 and 4 deleted, then the service appended again: a sound chain, but not the one checkpointed.
    regrown = records[:2]
    for n, path in ((3, "/elsewhere"), (4, "/later")):
        regrown.append(seal_record(entry(path), n=n, prev=regrown[-1]["mac"], chain="registry", keys=KEYS, at=AT))
    result = verify(regrown, checkpoints=checkpoints)
    assert result.broken_at == 4 and result.reason == "checkpoint mismatch"


def test_a_checkpoint_without_the_keys_seal_is_forged():
    records = chain(3)
    checkpoint = seal_checkpoint(records[2], keys=KEYS, at=AT) | {"n": 30}
    _, forged = sound_checkpoints([checkpoint], chain="registry", keys=KEYS)
    assert forged is not None and forged.reason == "forged checkpoint" and forged.broken_at == 30


def test_outcome_follows_the_status():
    assert seal_record(entry(status=201), n=1, prev=GENESIS, chain="c", keys=KEYS, at=AT)["outcome"] == "success"
    assert seal_record(entry(status=422), n=1, prev=GENESIS, chain="c", keys=KEYS, at=AT)["outcome"] == "failure"
