"""Append-only, hash-chained audit log: who did what to which record, when, from where, why.

Each event belongs to one chain (its org unit's, so stations never wait on each other) and
holds the hash of the chain's previous event; `AuditChainHead` is the chain's tip, locked
only for the append. Checkpoints sign a chain's tip with a key kept outside the database.
Database triggers refuse UPDATE and DELETE on the log (see migrations/0004).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AuditEvent(models.Model):
    """One audited action. Personal data is referenced by id, never copied in here."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=32, blank=True)
    target_type = models.CharField(_("record type"), max_length=40, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, default="ok")
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # Other records this access touched (e.g. every case a search listed), as "type:id".
    subjects = models.JSONField(default=list, blank=True)
    chain = models.CharField(max_length=64, default="", editable=False)
    seq = models.PositiveBigIntegerField(default=0, editable=False)
    prev_hash = models.CharField(max_length=64, default="", editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["target_type", "target_id", "at"]),
            models.Index(fields=["action", "at"]),
            models.Index(fields=["actor", "at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("audit events are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AuditSubject(models.Model):
    """Index of the records each event touched, for "who read my data" (rebuilt from events)."""

    id = models.BigAutoField(primary_key=True)
    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="+")
    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_id}"


class AuditChainHead(models.Model):
    """The tip of one chain; its row lock serialises appends to that chain only."""

    chain = models.CharField(max_length=64, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq}"


class AuditCheckpoint(models.Model):
    """A chain's tip signed with the Ed25519 key: rewriting history up to here needs the key."""

    id = models.BigAutoField(primary_key=True)
    chain = models.CharField(max_length=64)
    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        indexes = [models.Index(fields=["chain", "seq"])]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq}"

    def message(self) -> bytes:
        return f"kalantari-audit-checkpoint|{self.chain}|{self.seq}|{self.hash}".encode()
