"""The audit key: never a default a deployment could run on; one key per machine when none is configured."""
import pytest
from pydantic import ValidationError

from shared.audit.keys import KEY_FILE, Keyring, keyring, key_id
from shared.config import CommonSettings


def test_a_placeholder_or_short_audit_key_stops_the_process_at_start():
    for bad in ("CHANGE-ME: civic audit new-key", "short"):
        with pytest.raises(ValidationError, match="audit key"):
            CommonSettings(service="registry", audit_key=bad)


def test_without_a_configured_key_every_process_on_the_machine_shares_the_first_ones_key(tmp_path):
    first = keyring(None, [], tmp_path / "keys", create=True)
    second = keyring(None, [], tmp_path / "keys", create=True)
    assert first == second and (tmp_path / "keys" / KEY_FILE).stat().st_mode & 0o077 == 0


def test_the_cli_never_creates_a_key_it_would_judge_every_record_against(tmp_path):
    with pytest.raises(SystemExit, match="CIVIC_AUDIT_KEY"):
        keyring(None, [], tmp_path / "keys", create=False)
    assert not (tmp_path / "keys").exists()


def test_records_name_their_key_by_an_id_that_is_not_the_key():
    ring = Keyring.of("n" * 32, retired=["o" * 32])
    assert ring.current == key_id("n" * 32) and key_id("o" * 32) in ring and "n" * 32 not in ring.current
