"""Ratings and complaints counted straight from their tables, for the naive figures that the
rollups are checked against (`oversight.measures.register_naive_source`).

The counts fall on the same local days and units as the bumps: a rating on the day it was
given, at the case's station; a complaint on the day its case was filed (`received_at`), at
the accused station.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Sum

from kalantari.oversight.models import ConductComplaint, ServiceRating


def conduct_naive_counts(prefix: str, begin: datetime, after: datetime) -> dict[str, int]:
    """ratings, rating_sum and complaints of the units under `prefix` in [begin, after)."""
    ratings = ServiceRating.objects.filter(
        unit_path__startswith=prefix, created_at__gte=begin, created_at__lt=after
    ).aggregate(n=Count("pk"), total=Sum("score"))
    complaints = ConductComplaint.objects.filter(
        accused_unit__path__startswith=prefix, received_at__gte=begin, received_at__lt=after
    ).count()
    return {
        "ratings": ratings["n"] or 0,
        "rating_sum": ratings["total"] or 0,
        "complaints": complaints,
    }
