"""Categories and front-line units, read once per process and refreshed every minute.

Intake is the hot path (hundreds of reports a second): looking these up per request would
cost queries that never change between admin edits.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from kalantari.intake.models import Category
from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit, UnitKind

TTL_SECONDS = 60.0


@dataclass(frozen=True)
class Snapshot:
    categories: dict[str, Category]
    units: dict[str, OrgUnit]
    front_line: tuple[OrgUnit, ...]
    loaded_at: float


_lock = threading.Lock()
_snapshot: Snapshot | None = None


def snapshot() -> Snapshot:
    global _snapshot
    snap = _snapshot
    if snap is None or time.monotonic() - snap.loaded_at > TTL_SECONDS:
        with _lock:
            units = {u.code: u for u in OrgUnit.objects.filter(active=True)}
            snap = Snapshot(
                categories={c.code: c for c in Category.objects.filter(active=True)},
                units=units,
                front_line=tuple(u for u in units.values() if u.kind in FRONT_LINE_KINDS),
                loaded_at=time.monotonic(),
            )
            _snapshot = snap
    return snap


def invalidate() -> None:
    """Forget the snapshot (after an admin edit, and between tests)."""
    global _snapshot
    _snapshot = None


def category(code: str) -> Category | None:
    return snapshot().categories.get(code)


def unit(code: str) -> OrgUnit | None:
    return snapshot().units.get(code)


def unit_by_id(pk: object) -> OrgUnit | None:
    for u in snapshot().units.values():
        if u.pk == pk:
            return u
    return None


def counties() -> list[OrgUnit]:
    return [u for u in snapshot().units.values() if u.kind == UnitKind.COUNTY]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
