"""Oversight's own records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kalantari.core.ids import uuid7


class DigestChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("text message")


class DigestDelivery(models.Model):
    """A weekly digest sent to one account by one channel: at most once per week (the
    unique constraint is what makes a second run of `kalantari digest send` send nothing)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    week_start = models.DateField(_("week starting"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=DigestChannel.choices)
    address = models.CharField(_("sent to"), max_length=254)
    sent_at = models.DateTimeField(_("sent at"))
    # What the digest held, so that "what was he told that week?" has an answer.
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["week_start", "recipient", "channel"], name="digest_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week_start} {self.recipient_id} {self.channel}"
