"""Oversight dashboards over millions of cases: generation, rollups, page timings, freshness.

    .venv/bin/python bench/dashboard.py [--cases 5000000] [--db-url postgres://…/kal_bench_dash]

1. Drops and re-creates the bench database (its name must contain "bench"), migrates it,
   and fills it with bench/dashboard_data.py: ~2,000 units, their staff, N cases over three
   years with their reports and events, by COPY (prints rows/s).
2. Builds the daily rollups with `kalantari rollups rebuild` (prints how long it takes).
3. Times each dashboard page at nation, province and station level, warm (the same
   connection, repeated) and cold (a new connection after DISCARD ALL; the OS page cache is
   not dropped: that needs root), and the same figures computed naively by GROUP BY over the
   raw tables (`oversight.indicators.naive_unit_indicators`); prints p50/p95 and the ratio.
4. Moves one case through `cases.services.case_transition` and prints how long until the
   dashboard's numbers show it.

`--reuse` skips step 1 on a database that is already filled.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kal_bench_dash"


def default_url() -> str:
    """kal_bench_dash on the server a PostgreSQL DATABASE_URL names (`make bench-dashboard`
    runs under scripts/with_postgres.py), else on 127.0.0.1."""
    url = os.environ.get("DATABASE_URL", "")
    return with_database(url, "kal_bench_dash") if url.startswith("postgres") else DEFAULT_URL


def with_database(url: str, name: str) -> str:
    """The same server, another database (keeps a `?host=/socket/dir` query intact)."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to drop {name!r}: the bench database's name must contain 'bench'")
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(url: str) -> None:
    env = dict(os.environ, DATABASE_URL=url, KALANTARI_HOME=str(ROOT))
    subprocess.run([str(BIN / "kalantari"), "migrate", "-v", "0"], env=env, check=True)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("KALANTARI_HOME", str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalantari.config.settings")
    import django

    django.setup()


def fill(url: str, cases: int, jobs: int, seed: int) -> None:
    import dashboard_data

    t = time.perf_counter()
    recreate_database(url)
    migrate(url)
    print(f"fresh database migrated in {time.perf_counter() - t:.0f} s", flush=True)
    loaded = dashboard_data.generate(url, cases=cases, jobs=jobs, seed=seed, now=datetime.now(UTC))
    rows = loaded.cases * 2 + loaded.events
    print(
        f"generated {loaded.units:,} units, {loaded.staff:,} staff, {loaded.cases:,} cases"
        f" (+ as many reports), {loaded.events:,} events: {rows:,} rows in"
        f" {loaded.seconds:.0f} s ({rows / loaded.seconds:,.0f} rows/s, {jobs} generator"
        f" processes); indexes rebuilt and ANALYZE in {loaded.index_seconds:.0f} s",
        flush=True,
    )


# -- rollups ---------------------------------------------------------------------------------


def build_rollups(cases: int) -> None:
    """`kalantari rollups rebuild` itself: GROUP BY upserts, completeness of every close by
    one grouped query (PostgreSQL), then the fold."""
    from django.db import connection

    from kalantari.oversight import rebuild

    t = time.perf_counter()
    run = rebuild.rollups_rebuild()
    took = time.perf_counter() - t
    closes = closes_count()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE oversight_unitday")
        cursor.execute("VACUUM ANALYZE oversight_areaday")
    print(
        f"kalantari rollups rebuild: {run.rows:,} unit-days in {took:,.0f} s"
        f" ({closes:,} closes judged for completeness, {cases:,} cases)",
        flush=True,
    )


def closes_count() -> int:
    from kalantari.cases.models import CaseEvent

    return CaseEvent.objects.filter(kind="transition", to_status="closed").count()


# -- pages ---------------------------------------------------------------------------------

# (name, URL, period in days). The dashboard and its drill-down are one view: a unit's page
# shows its children (or, for a station, its late cases); the CSV is a separate request.
PAGES = (
    ("dashboard", "/en/oversight/dashboard/{code}/", 30),
    ("dashboard 365 d", "/en/oversight/dashboard/{code}/?days=365", 365),
    ("children CSV", "/en/oversight/dashboard/{code}/?format=csv&table=children", 30),
    ("compare children", "/en/oversight/compare/?unit={code}", 30),
    ("compare stations", "/en/oversight/compare/?unit={code}&level=stations", 30),
)


@dataclass
class Timing:
    page: str
    level: str
    warm: list[float]
    cold: list[float]
    period: int


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (ms)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000


def levels() -> list[tuple[str, Any]]:
    """The nation, the busiest province and the busiest station (by reports received)."""
    from django.db.models import Sum

    from kalantari.org.models import OrgUnit
    from kalantari.oversight.models import UnitDay

    nation = OrgUnit.objects.get(parent__isnull=True)
    busiest = (
        UnitDay.objects.values("station_id").annotate(n=Sum("received")).order_by("-n").first()
    )
    station = OrgUnit.objects.get(pk=busiest["station_id"]) if busiest else nation
    province = OrgUnit.objects.get(path="/".join(station.path.split("/")[:3]) + "/")
    return [("nation", nation), ("province", province), ("station", station)]


def signed_in_inspector(nation: Any) -> Any:
    """A national inspector's test client, both sign-in steps done (org.tests.factories)."""
    from django.test import Client

    from kalantari.org.models import User
    from kalantari.org.tests.factories import sign_in

    inspector = User.objects.filter(role="inspector", unit=nation).order_by("pk").first()
    return sign_in(Client(), inspector)


class Cold:
    """While on, every new database connection starts with DISCARD ALL."""

    on = False

    @classmethod
    def discard(cls, sender: Any, connection: Any, **kwargs: Any) -> None:
        if cls.on:
            with connection.cursor() as cursor:
                cursor.execute("DISCARD ALL")


def time_page(client: Any, url: str, samples: int) -> tuple[list[float], list[float]]:
    """Warm: the same connection, after one unmeasured call. Cold: a new connection (opened
    inside the measured request, as a fresh worker would) with DISCARD ALL first."""
    from django.db import connection

    def get() -> float:
        t = time.perf_counter()
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        took = time.perf_counter() - t
        if response.status_code != 200 or not body:
            sys.exit(f"{url}: {response.status_code}")
        return took

    get()
    warm = [get() for _ in range(samples)]
    cold = []
    Cold.on = True
    try:
        for _ in range(samples):
            connection.close()
            cold.append(get())
    finally:
        Cold.on = False
    return warm, cold


def time_naive(unit: Any, days: int, samples: int) -> list[float]:
    """The page's figures straight from the raw tables (GROUP BY over events and cases)."""
    from kalantari.oversight.dashboards import period_of
    from kalantari.oversight.indicators import naive_unit_indicators

    period = period_of(days)
    took = []
    for _ in range(samples):
        t = time.perf_counter()
        naive_unit_indicators(unit, period)
        took.append(time.perf_counter() - t)
    return took


def check_naive(unit: Any, days: int) -> None:
    """The naive figures equal the dashboards' (unit_indicators), every one."""
    from kalantari.oversight.dashboards import period_of
    from kalantari.oversight.indicators import naive_unit_indicators, unit_indicators

    period = period_of(days)
    naive = naive_unit_indicators(unit, period)
    ind = unit_indicators(unit, period)
    wrong = {k: (v, getattr(ind, k)) for k, v in vars(naive).items() if v != getattr(ind, k)}
    print(
        f"  {unit.code} {days} d: naive = rollups"
        + (f" EXCEPT {wrong}" if wrong else f", every figure ({ind.received:,} received)"),
        flush=True,
    )


# -- freshness ---------------------------------------------------------------------------------


def freshness(station: Any, nation: Any) -> float:
    """Triage (or reopen) one of the station's cases through the service; seconds until the
    station's and the nation's figures for today show it."""
    from django.utils import timezone

    from kalantari.cases.models import Case
    from kalantari.cases.services import case_transition
    from kalantari.org.models import User
    from kalantari.oversight.indicators import Period, unit_indicators

    commander = User.objects.get(role="commander", unit=station)
    case = Case.objects.filter(station=station, status="received").order_by("-created_at").first()
    action, counter, reason = "triage", "first_responses", None
    if case is None:
        case = Case.objects.filter(station=station, status="closed").order_by("-closed_at")[0]
        action, counter, reason = "reopen", "reopened", "شاکی مدارک تازه‌ای آورده است."
    today = Period.last(1, timezone.localdate())
    before = [getattr(unit_indicators(u, today), counter) for u in (station, nation)]
    t = time.perf_counter()
    case_transition(
        actor=commander,
        case_id=case.pk,
        action=action,
        expected_version=case.version,
        reason=reason,
    )
    while time.perf_counter() - t < 120:
        now = [getattr(unit_indicators(u, today), counter) for u in (station, nation)]
        if all(a == b + 1 for a, b in zip(now, before, strict=True)):
            took = time.perf_counter() - t
            print(
                f"freshness: {action} of case {case.report.tracking_code} through"
                f" case_transition: on the station's and the nation's dashboard {took * 1000:.0f}"
                f" ms later ({counter} today {before[1]} -> {now[1]} nationally; the rollup row"
                " is bumped in the event's own transaction)",
                flush=True,
            )
            return took
        time.sleep(0.05)
    sys.exit("freshness: the event did not reach the dashboards within 120 s")


# -- the run ---------------------------------------------------------------------------------


def measure(args: argparse.Namespace) -> None:
    lvls = levels()
    nation = lvls[0][1]
    print("levels: " + ", ".join(f"{name} {u.code}" for name, u in lvls), flush=True)
    for _name, unit in lvls:
        check_naive(unit, 30)
    client = signed_in_inspector(nation)
    naive: dict[tuple[str, int], list[float]] = {}
    timings: list[Timing] = []
    print(
        f"{'page':<17} {'level':<9} {'warm p50':>9} {'p95':>7} {'cold p50':>9} {'p95':>7}"
        f" {'naive p50':>10}  ratio (naive p50 / page p95)",
        flush=True,
    )
    for page, url, days in PAGES:
        for level, unit in lvls:
            warm, cold = time_page(client, url.format(code=unit.code), args.samples)
            if (level, days) not in naive:
                naive[(level, days)] = time_naive(unit, days, args.naive_samples)
            timing = Timing(page, level, warm, cold, days)
            timings.append(timing)
            worst = max(pct(warm, 0.95), pct(cold, 0.95))
            n50 = pct(naive[(level, days)], 0.5)
            print(
                f"{page:<17} {level:<9} {pct(warm, 0.5):>6.0f} ms {pct(warm, 0.95):>4.0f} ms"
                f" {pct(cold, 0.5):>6.0f} ms {pct(cold, 0.95):>4.0f} ms {n50:>7,.0f} ms"
                f"  {n50 / worst:,.0f}x",
                flush=True,
            )
    freshness(lvls[2][1], nation)
    worst_t = max(timings, key=lambda t: max(pct(t.warm, 0.95), pct(t.cold, 0.95)))
    worst = max(pct(worst_t.warm, 0.95), pct(worst_t.cold, 0.95))
    n50 = pct(naive[(worst_t.level, worst_t.period)], 0.5)
    from kalantari.cases.models import Case

    print(
        f"dashboards: worst page p95 {worst:,.0f} ms ({worst_t.page}, {worst_t.level}) over"
        f" {Case.objects.count():,} cases, naive {n50:,.0f} ms, ratio {n50 / worst:,.0f}x",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5_000_000)
    parser.add_argument("--db-url", default=default_url())
    parser.add_argument("--jobs", type=int, default=2, help="generator processes")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--samples", type=int, default=30, help="per page, warm and cold")
    parser.add_argument("--naive-samples", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the filled database")
    parser.add_argument(
        "--keep-rollups",
        action="store_true",
        help="with --reuse: measure the rollups already built (no rebuild)",
    )
    args = parser.parse_args()
    setup_django(args.db_url)
    from django.db.backends.signals import connection_created

    connection_created.connect(Cold.discard)
    print(f"dashboard bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {load()}", flush=True)
    if not args.reuse:
        fill(args.db_url, args.cases, args.jobs, args.seed)
    else:
        from kalantari.cases.models import Case

        migrate(args.db_url)  # the code may have brought migrations since it was filled
        args.cases = Case.objects.count()
    if not (args.reuse and args.keep_rollups):
        build_rollups(args.cases)
    print(load(), flush=True)
    measure(args)
    print(load(), flush=True)
    return 0


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())
