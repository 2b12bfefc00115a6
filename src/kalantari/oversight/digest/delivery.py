"""Sending the weekly digest: an e-mail and a text message per reader, once per week.

`digest_send` is what `kalantari digest send` and the weekly task run. Each delivery is a
`DigestDelivery` row claimed in the same transaction as the sending and its audit record:
a second run finds the row and sends nothing; a failed send rolls the claim back, so the
next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.actions import Action
from kalantari.audit.services import audit_record
from kalantari.core import jalali, sms
from kalantari.core.text import to_persian_digits
from kalantari.org.models import StaffContact, User
from kalantari.oversight.digest.contents import Digest, digest_for
from kalantari.oversight.digest.weeks import Week
from kalantari.oversight.models import DigestChannel, DigestDelivery

logger = logging.getLogger(__name__)
MAIL_LIST = 10  # stations and officers named in the e-mail (the page has them all)


@dataclass
class SendRun:
    week: Week
    dry_run: bool
    sent: list[tuple[str, str]] = field(default_factory=list)  # (username, channel)
    already: list[tuple[str, str]] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def recipients() -> list[User]:
    """Every account that gets a digest (commanders and inspectors, approved and active)."""
    accounts = User.objects.filter(
        role__in=policy.DIGEST_READERS, unit__isnull=False, is_active=True
    ).select_related("unit", "contact")
    return [u for u in accounts.order_by("username") if policy.can_receive_digest(u)]


def _contact(user: User) -> StaffContact | None:
    try:
        return user.contact
    except StaffContact.DoesNotExist:
        return None


def account_language(user: User) -> str:
    """The language the account chose for what it is sent (org.StaffContact), else Persian."""
    contact = _contact(user)
    lang = (contact.language if contact else "") or settings.LANGUAGE_CODE
    return "en" if lang == "en" else "fa"


def channels(user: User) -> list[tuple[str, str]]:
    """Where this account's digest goes: (channel, address) for e-mail and mobile if known."""
    found = []
    if user.email:
        found.append((DigestChannel.EMAIL.value, user.email))
    contact = _contact(user)
    if contact is not None and contact.mobile:
        found.append((DigestChannel.SMS.value, contact.mobile))
    return found


def digest_send(
    *, week: Week | None = None, dry_run: bool = False, now: datetime | None = None
) -> SendRun:
    """Send the week's digest (default: the last complete week) to every reader not yet sent it."""
    now = now or timezone.now()
    week = week or Week.latest_complete(timezone.localdate(now))
    run = SendRun(week=week, dry_run=dry_run)
    for user in recipients():
        targets = channels(user)
        if not targets:
            run.no_address.append(user.username)
            continue
        done = set(
            DigestDelivery.objects.filter(week_start=week.start, recipient=user).values_list(
                "channel", flat=True
            )
        )
        pending = [(c, a) for c, a in targets if c not in done]
        run.already.extend((user.username, c) for c, _a in targets if c in done)
        if not pending:
            continue
        digest = digest_for(user=user, week=week, now=now)
        if digest is None:
            continue
        for channel, address in pending:
            if dry_run:
                run.sent.append((user.username, channel))
                continue
            try:
                sent = digest_deliver(
                    recipient=user, digest=digest, channel=channel, address=address, now=now
                )
            except Exception:  # one gateway's failure must not stop the others' digests
                logger.exception("digest to %s by %s failed", user.username, channel)
                run.failed.append((user.username, channel))
                continue
            (run.sent if sent else run.already).append((user.username, channel))
    return run


def digest_deliver(
    *, recipient: User, digest: Digest, channel: str, address: str, now: datetime
) -> bool:
    """Send one digest by one channel unless it was sent already; True if it went now."""
    lang = account_language(recipient)
    with transaction.atomic(durable=True):
        try:
            with transaction.atomic():
                row = DigestDelivery.objects.create(
                    week_start=digest.week.start,
                    recipient=recipient,
                    channel=channel,
                    address=address if channel == DigestChannel.EMAIL else sms.mask_mobile(address),
                    sent_at=now,
                    summary=summary(digest),
                )
        except IntegrityError:
            return False  # a concurrent run claimed it first
        if channel == DigestChannel.EMAIL:
            subject, body = mail_text(digest, lang)
            send_mail(subject, body, None, [address], fail_silently=False)
        else:
            sms.send_sms(address, sms_text(digest, lang))
        audit_record(
            action=Action.DIGEST_SENT,
            actor=None,
            target=row,
            unit_id=recipient.unit_id,
            changes={
                "week": digest.week.key,
                "channel": channel,
                "recipient": str(recipient.pk),
                **summary(digest),
            },
        )
    return True


def summary(digest: Digest) -> dict[str, int]:
    return {
        "open_breaches": digest.open_breaches_total,
        "week_breaches": digest.week_breaches_total,
        "stations_out_of_range": len(digest.stations),
        "repeat_officers": len(digest.repeat_officers or []),
        "unread_followups": digest.unread_total,
    }


def _n(value: object, lang: str) -> str:
    return to_persian_digits(str(value)) if lang == "fa" else str(value)


def page_url(digest: Digest) -> str:
    base = getattr(settings, "KALANTARI_SITE_URL", "").rstrip("/")
    return f"{base}{reverse('oversight:digest')}?week={digest.week.key}"


def _unit_name(digest: Digest) -> str:
    return digest.unit.name if digest.unit is not None else _("all units")


def mail_text(digest: Digest, lang: str) -> tuple[str, str]:
    """The e-mail's subject and plain-text body in `lang` ("fa" or "en")."""
    with translation.override(lang):
        week = _("%(start)s to %(end)s") % {
            "start": jalali.format_date(digest.week.start, lang),
            "end": jalali.format_date(digest.week.end, lang),
        }
        subject = _("Kalantari weekly digest: %(unit)s, %(week)s") % {
            "unit": _unit_name(digest),
            "week": week,
        }
        lines = [
            _("Early-warning digest for %(unit)s") % {"unit": _unit_name(digest)},
            _("Week: %(week)s") % {"week": week},
            "",
            _("SLA breaches"),
        ]
        if digest.latest:
            lines.append(
                "  " + _("Open and late now: %(n)s") % {"n": _n(digest.open_breaches_total, lang)}
            )
        lines.append(
            "  "
            + _("Due this week and missed: %(n)s") % {"n": _n(digest.week_breaches_total, lang)}
        )
        lines += [
            "",
            _("Stations outside their usual range: %(n)s") % {"n": _n(len(digest.stations), lang)},
        ]
        for station in digest.stations[:MAIL_LIST]:
            for f in station.findings:
                lines.append(
                    "  - "
                    + _("%(unit)s: %(indicator)s %(value)s this week, usual %(low)s–%(high)s")
                    % {
                        "unit": station.unit.name,
                        "indicator": str(f.metric.label),
                        "value": _n(f.value_text, lang),
                        "low": _n(f.low_text, lang),
                        "high": _n(f.high_text, lang),
                    }
                )
        if digest.repeat_officers is not None:
            lines += [
                "",
                _("Officers with repeat complaints (2 or more in 90 days): %(n)s")
                % {"n": _n(len(digest.repeat_officers), lang)},
            ]
            for row in digest.repeat_officers[:MAIL_LIST]:
                lines.append(
                    "  - "
                    + _("%(officer)s (%(unit)s): %(n)s complaints")
                    % {
                        "officer": row.officer.display_name,
                        "unit": row.unit.name if row.unit else "—",
                        "n": _n(row.complaints, lang),
                    }
                )
        lines += [
            "",
            _("Citizens' follow-ups unread for more than a day: %(n)s")
            % {"n": _n(digest.unread_total, lang)},
            "",
            _("The whole digest, with links to every case and station: %(url)s")
            % {"url": page_url(digest)},
        ]
    return str(subject), "\n".join(str(line) for line in lines) + "\n"


def sms_text(digest: Digest, lang: str) -> str:
    """A one-message summary: the counts and where to read the rest."""
    with translation.override(lang):
        text = _(
            "Kalantari digest %(week)s: %(late)s late open, %(missed)s missed this week, "
            "%(stations)s stations out of range, %(unread)s unread follow-ups."
        ) % {
            "week": jalali.format_date(digest.week.start, lang),
            "late": _n(digest.open_breaches_total, lang),
            "missed": _n(digest.week_breaches_total, lang),
            "stations": _n(len(digest.stations), lang),
            "unread": _n(digest.unread_total, lang),
        }
    return str(text)
