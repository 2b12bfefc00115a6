"""Oversight's own records: the daily rollup of every front-line unit's service figures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

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
