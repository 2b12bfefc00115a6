"""Case files: the life of a report at a station, as states and immutable events."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kalantari.core.fields import EncryptedTextField
from kalantari.core.ids import uuid7
from kalantari.core.models import BaseModel
from kalantari.intake.models import Priority


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REFERRED = "referred", _("Referred")
    REJECTED = "rejected", _("Rejected")
    REOPENED = "reopened", _("Reopened")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.TRIAGED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.REOPENED,
)


class SlaState(models.TextChoices):
    """Where a case stands against its service-level targets (cases.selectors.sla_state)."""

    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    BREACHED = "breached", _("breached")
    PAUSED = "paused", _("paused")  # waiting on the citizen: neither at risk nor breached
    DONE = "done", "—"  # a finished case has no target left


class SlaPause(models.TextChoices):
    CITIZEN = "citizen", _("the citizen")
    REFERRAL = "referral", _("a referral")


class SlaRule(BaseModel):
    """Service-level targets for a category and priority (either may be left open).

    The most specific rule wins (category and priority, then category, then priority);
    without one, the category's own targets apply. Clocks run around the clock: stations
    work 24/7, so there are no business hours to skip.
    """

    category = models.ForeignKey(
        "intake.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("category"),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, null=True, blank=True
    )
    first_response_minutes = models.PositiveIntegerField(_("first response target (minutes)"))
    resolution_hours = models.PositiveIntegerField(_("resolution target (hours)"))

    class Meta:
        verbose_name = _("SLA rule")
        verbose_name_plural = _("SLA rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "priority"],
                name="sla_rule_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category_id or '*'} / {self.priority or '*'}"

    def clean(self) -> None:
        """Refuse a rule naming nothing, and a second rule for the same pair.

        The unique constraint does not see two rules with an empty category or priority as
        the same on every backend (NULLs are distinct), so the check is made here too.
        """
        if self.category_id is None and self.priority is None:
            raise ValidationError(
                _(
                    "Name a category, a priority or both: the category's own targets apply "
                    "otherwise."
                ),
                code="sla_rule_empty",
            )
        twins = SlaRule.objects.filter(
            category__isnull=self.category_id is None,
            priority__isnull=self.priority is None,
        ).exclude(pk=self.pk)
        if self.category_id is not None:
            twins = twins.filter(category_id=self.category_id)
        if self.priority is not None:
            twins = twins.filter(priority=self.priority)
        if twins.exists():
            raise ValidationError(
                _("There is already a rule for this category and priority; change that one."),
                code="sla_rule_duplicate",
            )


class ReferralTarget(models.TextChoices):
    JUDICIARY = "judiciary", _("The judiciary")
    UNIT = "unit", _("Another police unit")
    AGENCY = "agency", _("Another agency")


class Case(BaseModel):
    """The station's file for one report."""

    report = models.OneToOneField(
        "intake.Report", on_delete=models.PROTECT, related_name="case", verbose_name=_("report")
    )
    station = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("station")
    )
    unit_path = models.CharField(max_length=255, db_index=True)
    category = models.ForeignKey(
        "intake.Category", on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        verbose_name=_("assignee"),
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claimed_cases",
        verbose_name=_("claimed by"),
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    referral_target = models.CharField(
        _("referred to"), max_length=16, choices=ReferralTarget.choices, blank=True
    )
    referral_unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referral_name = models.CharField(_("responsible body"), max_length=200, blank=True)
    referral_contact = models.CharField(_("how to reach them"), max_length=200, blank=True)
    rejection_reason = EncryptedTextField(_("reason for rejection"), blank=True)
    first_response_due = models.DateTimeField(_("first response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    unread_followups = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField()
    # The SLA clock stops while the case waits on the citizen or on a referral: when it
    # restarts, the pause is added to `sla_paused_seconds` and both due times move on by it.
    sla_paused_at = models.DateTimeField(_("SLA clock paused at"), null=True, blank=True)
    sla_pause_reason = models.CharField(
        _("waiting on"), max_length=16, choices=SlaPause.choices, blank=True
    )
    sla_paused_seconds = models.PositiveIntegerField(_("SLA clock paused (seconds)"), default=0)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["station", "status", "last_activity_at"]),
            models.Index(fields=["status", "resolution_due"]),
            models.Index(fields=["assignee", "status"]),
            # The backlog by age (oversight.indicators.backlog_by_age): open cases only, by
            # path prefix and age; small beside the millions of closed ones.
            models.Index(
                fields=["unit_path", "created_at"],
                name="case_open_path_age",
                condition=models.Q(status__in=OPEN_STATUSES),
                opclasses=["varchar_pattern_ops", "timestamptz_ops"],
            ),
            # The late and nearly late cases of a unit (SLA lists, a station's dashboard), by
            # path prefix and due time, among the open ones only.
            models.Index(
                fields=["unit_path", "resolution_due"],
                name="case_open_path_due",
                condition=models.Q(status__in=OPEN_STATUSES),
                opclasses=["varchar_pattern_ops", "timestamptz_ops"],
            ),
        ]

    def __str__(self) -> str:
        return str(self.report.tracking_code) if self.report_id else str(self.pk)


class EventKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    TRANSITION = "transition", _("Status changed")
    NOTE = "note", _("Note")
    CLAIM = "claim", _("Claimed")
    RELEASE = "release", _("Released")
    FOLLOWUP = "followup", _("Citizen follow-up")
    SLA_PAUSED = "sla_paused", _("Clock paused")
    SLA_RESUMED = "sla_resumed", _("Clock restarted")


class CaseEvent(models.Model):
    """One immutable line of a case's timeline: who, when, from, to, why."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    # Officers write people into reasons and notes: sealed like the report's statement.
    reason = EncryptedTextField(_("reason"), blank=True)
    public = models.BooleanField(_("shown to the citizen"), default=False)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.from_status}→{self.to_status}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise RuntimeError("case events are immutable")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
