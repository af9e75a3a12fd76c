"""第十六条 changes notified to tax; 第十二条 classified contracts never described beyond id and type; numbers."""
from datetime import date

import pytest

from services.contracts.domain import changes, income, publication
from services.contracts.domain.changes import ChangeKind
from services.contracts.domain.contract import Flags, Party, Status, visible_to
from services.contracts.domain.numbering import registration_number, sequence_scope
from services.contracts.domain.roles import Actor, Role
from services.contracts.domain.rules import StateRule
from shared.errors import Forbidden, InvalidInput
from shared.events.contracts import ContractChanged, ContractRegistered, ContractTerminated
from tests.services.contracts.domain.factory import REGISTRAR, TODAY, income_form, registered, stamp, submitted


def change(contract, kind, **extra):
    return changes.record_change(contract, kind, date(2027, 1, 1), "付款期限延至2027年6月", stamp(REGISTRAR), **extra)


def test_a_payment_extension_is_recorded_and_published_as_changed():
    contract = change(registered(), ChangeKind.PAYMENT_EXTENSION)
    event = publication.changed(contract, contract.changes[-1])
    assert contract.status is Status.REGISTERED and isinstance(event, ContractChanged)
    assert event.change_kind == "payment_extension" and event.registration_number == "2026-110108-000001"


@pytest.mark.parametrize("kind,status", [(ChangeKind.TERMINATION, Status.TERMINATED),
                                         (ChangeKind.REVOCATION, Status.REVOKED),
                                         (ChangeKind.INVALIDATION, Status.INVALIDATED)])
def test_termination_revocation_invalidation_end_the_contract(kind, status):
    contract = change(registered(), kind)
    event = publication.changed(contract, contract.changes[-1])
    assert contract.status is status and isinstance(event, ContractTerminated) and event.termination_kind == kind
    with pytest.raises(StateRule):
        change(contract, ChangeKind.CHANGE)


def test_an_assignment_names_the_new_party_and_only_registrars_record_changes():
    with pytest.raises(InvalidInput):
        change(registered(), ChangeKind.ASSIGNMENT)
    newcomer = Party("北京新科技有限公司", uscc="91110108551385082Q")
    assert change(registered(), ChangeKind.ASSIGNMENT, new_party=newcomer).changes[-1].new_party == newcomer
    with pytest.raises(Forbidden):
        changes.record_change(registered(), ChangeKind.CHANGE, TODAY, "x", stamp(Actor("p", Role.APPLICANT)))
    with pytest.raises(StateRule):
        change(submitted(), ChangeKind.CHANGE)


def test_classified_contracts_are_published_with_id_and_type_only():
    contract = registered(flags=Flags(classified=True))
    contract, verification = income.verify(contract, "v1", income_form("1000.00", "0"), stamp(REGISTRAR), TODAY)
    terminated = change(contract, ChangeKind.TERMINATION)
    for event in (publication.registered(contract), publication.income_verified(contract, verification),
                  publication.changed(terminated, terminated.changes[-1])):
        data = event.model_dump(exclude_none=True)
        assert data == {"contract_id": contract.id, "contract_type": "development"}


def test_an_unclassified_registration_carries_what_tax_needs():
    event = publication.registered(registered())
    assert isinstance(event, ContractRegistered)
    assert (event.amount, event.seller_uscc, event.registered_on) == ("500000.00", "91110108551385082Q", TODAY)


def test_classified_contracts_are_visible_to_registrar_roles_only():
    contract = registered(flags=Flags(classified=True))
    assert visible_to(contract, True) and not visible_to(contract, False) and visible_to(registered(), False)


def test_registration_number_format_year_registrar_sequence():
    assert registration_number(2026, "110108", 42, False) == "2026-110108-000042"
    assert registration_number(2026, "110108", 7, True) == "2026-110108-B000007"
    assert sequence_scope(2026, "110108", False) != sequence_scope(2027, "110108", False)
    assert sequence_scope(2026, "110108", False) != sequence_scope(2026, "110105", False)
