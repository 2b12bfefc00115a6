"""Sending the weekly digest: once per reader and channel, however often the job runs."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kalantari.audit.models import AuditEvent
from kalantari.core.sms import MemoryBackend
from kalantari.org.models import Role
from kalantari.org.tests.factories import UserFactory
from kalantari.oversight.digest import Week, digest_for, digest_send
from kalantari.oversight.digest.delivery import digest_deliver, mail_text, sms_text
from kalantari.oversight.models import DigestDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(force: Any, commander: Any, inspector: Any) -> dict[str, Any]:
    commander.email = "commander@example.org"
    commander.save(update_fields=["email"])
    inspector.email = "inspector@example.org"
    inspector.save(update_fields=["email"])
    # A desk officer with an address gets nothing; a commander without one is reported.
    UserFactory.create(
        username="desk1", role=Role.DESK_OFFICER, unit=force["station"], email="d@example.org"
    )
    UserFactory.create(username="nomail", role=Role.COMMANDER, unit=force["sibling"], email="")
    return {"commander": commander, "inspector": inspector}


def test_sending_twice_sends_once(readers: dict[str, Any]) -> None:
    first = digest_send()
    assert sorted(first.sent) == [("commander", "email"), ("inspector", "email")]
    assert first.no_address == ["nomail"]
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {"commander@example.org", "inspector@example.org"}
    second = digest_send()
    assert second.sent == []
    assert sorted(second.already) == sorted(first.sent)
    assert len(mail.outbox) == 2
    assert DigestDelivery.objects.count() == 2
    sent = AuditEvent.objects.filter(action="digest.sent")
    assert sent.count() == 2
    assert {e.changes["channel"] for e in sent} == {"email"}


def test_a_dry_run_sends_and_records_nothing(readers: dict[str, Any]) -> None:
    run = digest_send(dry_run=True)
    assert len(run.sent) == 2
    assert mail.outbox == []
    assert not DigestDelivery.objects.exists()


def test_another_week_is_another_digest(readers: dict[str, Any]) -> None:
    digest_send()
    last = Week.latest_complete()
    digest_send(week=last.before())
    assert len(mail.outbox) == 4
    assert set(DigestDelivery.objects.values_list("week_start", flat=True)) == {
        last.start,
        last.before().start,
    }


def test_texted_once_through_the_sms_backend(readers: dict[str, Any]) -> None:
    commander = readers["commander"]
    digest = digest_for(user=commander)
    assert digest is not None
    now = timezone.now()
    args = {"recipient": commander, "digest": digest, "channel": "sms", "address": "09121234567"}
    assert digest_deliver(**args, now=now) is True
    assert digest_deliver(**args, now=now) is False
    assert len(MemoryBackend.outbox) == 1
    mobile, text = MemoryBackend.outbox[0]
    assert mobile == "09121234567"
    assert "دیجست" in text or "خلاصه" in text  # Persian, the accounts' default language
    row = DigestDelivery.objects.get(channel="sms")
    assert row.address == "0912*****67"  # the log of deliveries keeps the number masked


def test_mail_in_both_languages(readers: dict[str, Any]) -> None:
    digest = digest_for(user=readers["inspector"])
    assert digest is not None
    subject_en, body_en = mail_text(digest, "en")
    assert subject_en.startswith("Kalantari weekly digest: Tehran")
    assert "SLA breaches" in body_en
    assert "Officers with repeat complaints" in body_en
    assert f"/oversight/digest/?week={digest.week.key}" in body_en
    subject_fa, body_fa = mail_text(digest, "fa")
    assert "تهران" in subject_fa
    assert "SLA breaches" not in body_fa
    assert "۰" in body_fa or "۱" in body_fa  # Persian digits
    assert "late open" in sms_text(digest, "en")
    commander_digest = digest_for(user=readers["commander"])
    assert commander_digest is not None
    assert "repeat complaints" not in mail_text(commander_digest, "en")[1]


def test_the_command(readers: dict[str, Any]) -> None:
    out = StringIO()
    call_command("digest", "send", "--dry-run", stdout=out)
    assert "would send: 2" in out.getvalue()
    assert mail.outbox == []
    week = Week.latest_complete()
    out = StringIO()
    call_command("digest", "send", "--week", week.end.isoformat(), stdout=out)
    assert "sent: 2" in out.getvalue()
    out = StringIO()
    call_command("digest", "send", "--week", week.start.isoformat(), stdout=out)
    assert "sent: 0; already sent: 2" in out.getvalue()
    assert len(mail.outbox) == 2


def test_the_weekly_task(readers: dict[str, Any]) -> None:
    from kalantari.oversight.tasks import digest_weekly

    first, second = digest_weekly.enqueue().return_value, digest_weekly.enqueue().return_value
    assert first is not None and second is not None
    assert (first["sent"], second["sent"], second["already"]) == (2, 0, 2)
    assert len(mail.outbox) == 2


def test_an_account_with_a_mobile_is_texted_in_its_language(readers: dict[str, Any]) -> None:
    """The mobile typed in Persian digits is kept normalised; the text is in English as chosen."""
    from django.core.exceptions import ValidationError

    from kalantari.org.models import StaffContact

    inspector = readers["inspector"]
    contact = StaffContact(user=inspector, mobile="abc", language="en")
    with pytest.raises(ValidationError) as refused:
        contact.full_clean()
    assert "mobile" in refused.value.message_dict
    contact.mobile = "۰۹۱۲ ۳۴۵ ۶۷۸۹"
    contact.full_clean()
    contact.save()
    contact.refresh_from_db()
    assert contact.mobile == "09123456789"
    result = digest_send()
    assert ("inspector", "sms") in result.sent
    mobile, text = MemoryBackend.outbox[-1]
    assert mobile == "09123456789"
    assert "late open" in text  # English, the account's language
    subjects = [m.subject for m in mail.outbox if "inspector@example.org" in m.to]
    assert subjects and subjects[0].startswith("Kalantari weekly digest")
