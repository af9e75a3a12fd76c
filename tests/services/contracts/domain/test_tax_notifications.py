"""第十六条 notified to the tax authority: what a notification says of each published event, a classified contract
only by id, type and the act's family (第十二条), and the acknowledgement."""
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from services.contracts.domain import changes, publication, tax_notifications
from services.contracts.domain.changes import ChangeKind
from services.contracts.domain.contract import Flags
from shared.errors import Conflict
from tests.services.contracts.domain.factory import REGISTRAR, registered, stamp

AT = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)


def notified(event):
    return tax_notifications.notification_of("ev-1", event.type, event.model_dump(mode="json"), AT)


@pytest.mark.parametrize("kind", list(ChangeKind))
def test_every_act_of_article_16_is_named_as_the_regulation_names_it(kind):
    contract = changes.record_change(registered(), kind, date(2026, 11, 15), "变更说明", stamp(REGISTRAR),
                                     new_party=registered().buyer if kind is ChangeKind.ASSIGNMENT else None)
    notification = notified(publication.changed(contract, contract.changes[-1]))
    assert (notification.act, notification.occurred_on, notification.classified) == (kind.value, date(2026, 11, 15),
                                                                                    False)
    assert notification.registration_number == "2026-110108-000001" and notification.contract_id == "c1"


def test_a_registration_and_a_filing_carry_the_facts_the_relief_needs():
    registration = notified(publication.registered(registered()))
    assert (registration.act, registration.occurred_on) == ("registration", date(2026, 11, 20))
    assert registration.data["amount"] == "500000.00" and registration.data["seller_uscc"] == "91110108551385082Q"
    assert "kind" not in registration.data and "registered_on" not in registration.data


def test_a_classified_contract_is_notified_by_id_type_and_the_acts_family_only():
    contract = registered(flags=Flags(classified=True))
    ended = changes.record_change(contract, ChangeKind.REVOCATION, date(2026, 11, 15), "被撤销", stamp(REGISTRAR))
    for event, act in ((publication.registered(contract), "registration"),
                       (publication.changed(ended, ended.changes[-1]), "termination")):
        notification = notified(event)
        assert (notification.act, notification.classified, notification.registration_number, notification.data,
                notification.occurred_on) == (act, True, None, None, None)
        assert (notification.contract_id, notification.contract_type) == ("c1", "development")


def test_an_acknowledgement_is_made_once_and_repeating_it_changes_nothing():
    notification = notified(publication.registered(registered()))
    read = tax_notifications.acknowledge(notification, "tax-authority", AT)
    assert read.acknowledged and read.acknowledgement.by == "tax-authority"
    assert tax_notifications.acknowledge(read, "tax-authority", AT.replace(hour=5)) == read
    with pytest.raises(Conflict) as caught:
        tax_notifications.acknowledge(read, "another-system", AT)
    assert caught.value.errors[0].rule == "acknowledged-once"
    assert not replace(read, acknowledgement=None).acknowledged
