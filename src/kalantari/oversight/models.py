"""Oversight's own records: the daily rollup of every front-line unit's service figures,
citizens' ratings of the service and complaints about officers, and the weekly digests sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kalantari.core.fields import EncryptedTextField
from kalantari.core.ids import uuid7
from kalantari.core.models import BaseModel
from kalantari.oversight.buckets import FIRST_RESPONSE_FIELDS, RESOLUTION_FIELDS

# The counters of a UnitDay row, in the order the dashboards read them.
COUNTERS: tuple[str, ...] = (
    "received",
    "first_responses",
    "first_response_in_sla",
    "resolved",
    "resolutions_in_sla",
    "closed",
    "closed_complete",
    "rejected",
    "referred",
    "reopened",
    "ratings",
    "rating_sum",
    "complaints",
)


class DayFigures(models.Model):
    """The figures of one day: the counters, and the two fixed histograms
    (`oversight.buckets`) of first-response minutes and resolution hours (their columns are
    added to each concrete model below)."""

    id = models.BigAutoField(primary_key=True)
    unit_path = models.CharField(max_length=255)
    day = models.DateField(_("day"))
    received = models.IntegerField(default=0)
    first_responses = models.IntegerField(default=0)
    first_response_in_sla = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolutions_in_sla = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    closed_complete = models.IntegerField(default=0)
    rejected = models.IntegerField(default=0)
    referred = models.IntegerField(default=0)
    reopened = models.IntegerField(default=0)
    ratings = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    complaints = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.unit_path} {self.day}"


class UnitDay(DayFigures):
    """One front-line unit's figures for one local day (settings.TIME_ZONE).

    Every figure is counted on the local day of the event it counts (see
    `oversight.rollups`), kept current in the event's own transaction (`rollup_bump`).
    A county, province or the nation is the sum of its stations' rows (`unit_path`
    prefix): folded into `AreaDay` for the days before yesterday, summed live for the rest.
    """

    station = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("station")
    )

    class Meta:
        verbose_name = _("unit day")
        verbose_name_plural = _("unit days")
        constraints = [
            models.UniqueConstraint(fields=["station", "day"], name="unitday_station_day"),
        ]
        indexes = [
            # The nation (every row of a few days) and a subtree (a path prefix) by day.
            models.Index(fields=["day"], name="unitday_day"),
            models.Index(
                fields=["unit_path", "day"],
                name="unitday_path_day",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ]


class AreaDay(DayFigures):
    """A county's, province's or the nation's figures for one local day: the sum of its
    stations' `UnitDay` rows, folded by `kalantari rollups fold` (`oversight.fold`) for the
    days up to `FoldMark.through`, so that a year at the nation reads 365 rows, not 700,000.
    """

    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("area day")
        verbose_name_plural = _("area days")
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="areaday_unit_day"),
        ]


class FoldMark(models.Model):
    """The last day whose `AreaDay` rows are complete (one row; none: nothing folded yet)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    through = models.DateField()
    folded_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.through)


# The histogram columns: one integer per bucket (plain columns, so that the upsert can add
# to them on SQLite and PostgreSQL alike).
for _model in (UnitDay, AreaDay):
    for _name in FIRST_RESPONSE_FIELDS + RESOLUTION_FIELDS:
        _model.add_to_class(_name, models.IntegerField(default=0))


# --- issue 8: citizen satisfaction and complaints about officers (conduct) -------------------


class ServiceRating(BaseModel):
    """A citizen's rating of how a case was handled (1-5 and an optional comment), once per
    case. The station sees scores and comments by week, never the case or who rated."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="service_rating"
    )
    # Copied from the case when rated, so the station's page needs no join to the case.
    station = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("station")
    )
    unit_path = models.CharField(max_length=255, db_index=True)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = EncryptedTextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["station", "created_at"])]

    def __str__(self) -> str:
        return f"{self.score}/5"


class Finding(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    NO_FINDING = "no_finding", _("No finding")


UPHELD_FINDINGS = (Finding.UPHELD, Finding.PARTLY_UPHELD)


class ConductComplaint(BaseModel):
    """A complaint about an officer's conduct, handled by the inspectorate above the accused
    station (`handling_unit`), never by that station; the accused officer never sees it."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="conduct_complaint"
    )
    accused_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("accused officer's station"),
    )
    accused_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("accused officer"),
    )
    description = EncryptedTextField(_("what the officer is accused of"))
    handling_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("handled by")
    )
    unit_path = models.CharField(max_length=255, db_index=True)  # the handling unit's path
    received_at = models.DateTimeField(_("received at"))
    finding = models.CharField(_("finding"), max_length=16, choices=Finding.choices, blank=True)
    finding_reasons = EncryptedTextField(_("reasons for the finding"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint about an officer")
        verbose_name_plural = _("complaints about officers")
        indexes = [
            models.Index(fields=["accused_unit", "received_at"]),
            models.Index(fields=["accused_officer", "received_at"]),
        ]

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def upheld(self) -> bool:
        return self.finding in UPHELD_FINDINGS


class ActionKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WARNING = "warning", _("Warning")
    REASSIGNMENT = "reassignment", _("Reassignment")
    REFERRAL = "referral", _("Referral")


class CorrectiveAction(BaseModel):
    """What is done about an upheld complaint, tracked until it is completed."""

    complaint = models.ForeignKey(
        ConductComplaint, on_delete=models.PROTECT, related_name="actions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ActionKind.choices)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible"),
    )
    due_date = models.DateField(_("due date"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_date", "created_at"]

    def __str__(self) -> str:
        return self.kind


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
