"""Append-only, hash-chained audit log: who did what to which record, when, from where, why.

Each event belongs to one chain (its org unit's, so stations never wait on each other) and
holds the hash of the chain's previous event; `AuditChainHead` is the chain's tip, locked
only for the append. Checkpoints sign a chain's tip with a key kept outside the database.
Database triggers refuse UPDATE and DELETE on the log (see migrations/0004).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalantari.core.fields import EncryptedTextField
from kalantari.core.models import BaseModel

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
    # One of audit.purposes.PurposeCode: what a citizen is shown instead of `purpose`.
    purpose_code = models.CharField(_("purpose category"), max_length=24, blank=True)
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


class DeferralReview(models.TextChoices):
    PENDING = "pending", _("Awaiting an inspector's review")
    UPHELD = "upheld", _("Upheld by an inspector")
    LIFTED = "lifted", _("Lifted")


class DisclosureDeferral(BaseModel):
    """A delay on telling citizens about accesses tied to an open investigation.

    Data-protection law for police lets disclosure wait while it would harm an
    investigation, for a limited time and under review: at most
    `MAX_DAYS` at once (renewable), reviewed by an inspector, and every access it hid
    appears once it ends. The records it covers are named by reference ("case:<id>",
    "report:<id>", "person:nid:<blind index>"), like audit subjects.
    """

    MAX_DAYS = 90

    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    subjects = models.JSONField(default=list)
    case_id = models.UUIDField(_("case"), db_index=True)
    reason = EncryptedTextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    expires_at = models.DateTimeField(_("until"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    review = models.CharField(
        _("review"), max_length=12, choices=DeferralReview.choices, default=DeferralReview.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = EncryptedTextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("disclosure deferral")
        verbose_name_plural = _("disclosure deferrals")
        indexes = [models.Index(fields=["expires_at", "ended_at"])]

    def __str__(self) -> str:
        return f"deferral {self.pk} until {self.expires_at:%Y-%m-%d}"

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.ended_at is None and self.starts_at <= now < self.expires_at


class IdentityDocument(models.TextChoices):
    NATIONAL_CARD = "national_card", _("National ID card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate (shenasnameh)")
    PASSPORT = "passport", _("Passport")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")


class DisclosureRequest(BaseModel):
    """A person's request to see who at the police accessed their data (a subject access
    request), after a desk officer checked their identity in person.

    The person is named by the blind index of the national ID shown. The officer hands
    over a one-time code (only its keyed hash is kept); the person redeems it on the public
    "my data" page, once, within `VALID_DAYS`.
    """

    VALID_DAYS = 14

    national_id_index = models.CharField(max_length=64, db_index=True)
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.CharField(
        _("identity document seen"), max_length=20, choices=IdentityDocument.choices
    )
    document_number = EncryptedTextField(_("document number"), blank=True)
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    redeemed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data access request")
        verbose_name_plural = _("data access requests")

    def __str__(self) -> str:
        return f"request {self.pk}"
