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


class UnitDay(models.Model):
    """One front-line unit's figures for one local day (settings.TIME_ZONE).

    Every figure is counted on the local day of the event it counts (see
    `oversight.rollups`); a county, province or the nation is the sum of its stations'
    rows (`unit_path` prefix). Besides the counters, two fixed histograms
    (`oversight.buckets`) give the first-response minutes and resolution hours, from
    which the percentiles are read.
    """

    id = models.BigAutoField(primary_key=True)
    station = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("station")
    )
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
        verbose_name = _("unit day")
        verbose_name_plural = _("unit days")
        constraints = [
            models.UniqueConstraint(fields=["station", "day"], name="unitday_station_day"),
        ]
        indexes = [
            # The nation (every row of a period) and a subtree (a path prefix) by day.
            models.Index(fields=["day"], name="unitday_day"),
            models.Index(
                fields=["unit_path", "day"],
                name="unitday_path_day",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.day}"


# The histogram columns: one integer per bucket (plain columns, so that the upsert can add
# to them on SQLite and PostgreSQL alike).
for _name in FIRST_RESPONSE_FIELDS + RESOLUTION_FIELDS:
    UnitDay.add_to_class(_name, models.IntegerField(default=0))
