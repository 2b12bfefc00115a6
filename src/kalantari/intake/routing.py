"""Which station gets a report, and why: the decision is stored with the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kalantari.core.errors import ValidationFailed
from kalantari.intake import catalogue
from kalantari.org.models import OrgUnit


@dataclass(frozen=True)
class RoutingDecision:
    station: OrgUnit
    reason: str  # chosen | nearest_in_county | nearest | county_default | inspectorate
    detail: str


def route_report(
    *,
    station_code: str | None,
    county_code: str | None,
    latitude: float | None,
    longitude: float | None,
) -> RoutingDecision:
    """Chosen station first; else the nearest station or outpost (of the county, if given)."""
    if station_code:
        station = catalogue.unit(station_code)
        if station is None or not station.is_front_line:
            raise ValidationFailed(
                _("That station was not found."), code="station_unknown", field="station"
            )
        return RoutingDecision(station, "chosen", f"chosen:{station.code}")
    county = None
    if county_code:
        county = catalogue.unit(county_code)
        if county is None or county.kind != "county":
            raise ValidationFailed(
                _("That county was not found."), code="county_unknown", field="county"
            )
    candidates = [
        u
        for u in catalogue.snapshot().front_line
        if county is None or u.path.startswith(county.path)
    ]
    if latitude is not None and longitude is not None:
        located = [u for u in candidates if u.latitude is not None and u.longitude is not None]
        if located:
            best = min(
                located,
                key=lambda u: catalogue.distance_km(
                    latitude, longitude, float(u.latitude or 0), float(u.longitude or 0)
                ),
            )
            km = catalogue.distance_km(
                latitude, longitude, float(best.latitude or 0), float(best.longitude or 0)
            )
            reason = "nearest_in_county" if county else "nearest"
            return RoutingDecision(best, reason, f"{reason}:{best.code}:{km:.2f}km")
    if county is not None and candidates:
        best = sorted(candidates, key=lambda u: (not u.open_24_7, u.code))[0]
        return RoutingDecision(best, "county_default", f"county_default:{county.code}:{best.code}")
    raise ValidationFailed(
        _("Choose a station, or give the county or the location of the incident."),
        code="station_required",
        field="station",
    )


def route_complaint(decision: RoutingDecision) -> RoutingDecision:
    """A complaint about an officer goes to the inspectorate of the unit above the station.

    The accused station never holds it: its desk would see the complainant and could
    reject the complaint. The station it concerns stays in the routing detail.
    """
    parent = catalogue.unit_by_id(decision.station.parent_id)
    if parent is None:
        raise ValidationFailed(
            _("No inspectorate was found above that station; choose another station."),
            code="inspectorate_unknown",
            field="station",
        )
    return RoutingDecision(
        parent, "inspectorate", f"inspectorate:{parent.code}:about:{decision.station.code}"
    )


def accused_station_code(detail: str) -> str | None:
    """The code of the station a complaint is about, from its routing detail (or None)."""
    head, sep, code = (detail or "").rpartition(":about:")
    return code or None if sep and head.startswith("inspectorate:") else None
