"""Intake throughput: citizens filing reports over the API, against PostgreSQL.

Starts gunicorn on a fresh database `kalantari_bench` (on the server DATABASE_URL names;
`make bench` runs this under scripts/with_postgres.py), loads it with CLIENTS concurrent
clients posting `POST /api/v1/reports` for DURATION seconds, then measures the same rows
written by raw psycopg (one transaction per report: report, case, opening event, audit
event appended to its unit's chain, idempotency record) with the same concurrency. Prints
one line per run and a last line with the figures and the ratio to the raw insert.

Each report comes from its own loopback address (127.n.x.y), so the filing limits stay on
at their defaults and are counted for every report (see bench/README.md).

Environment: BENCH_CLIENTS (32), BENCH_SECONDS (20), BENCH_WORKER_CLASS (sync),
BENCH_WORKERS (2 x cores + 1), BENCH_THREADS (8, gthread only).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from kalantari.demo import world

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))
# Sync workers queue requests in the kernel's accept backlog (first come, first served),
# which keeps the tail short; gthread workers fight over each process's GIL (p99 ~240 ms).
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
WARMUP = 3.0
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CATEGORIES = ("fraud", "theft_home", "theft_pickpocket", "assault", "other", "lost_documents")
# Where citizens are: the demo's front-line units (county, latitude, longitude); each report
# is placed near one of them and routed to the nearest station of its county, as in life.
PLACES = tuple(
    (spec.parent, float(spec.lat), float(spec.lon))
    for spec in world.UNITS
    if spec.kind in ("station", "outpost") and spec.lat and spec.lon
)


def bench_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith("postgres"):
        sys.exit("bench/intake.py measures PostgreSQL: run it with `make bench`.")
    return with_database(base, "kalantari_bench")


def with_database(url: str, name: str) -> str:
    """The same server, another database (keeps a `?host=/socket/dir` query intact)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    admin = with_database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS kalantari_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE kalantari_bench")


def national_id(rng: random.Random) -> str:
    while True:
        first9 = f"{rng.randrange(10**9):09d}"
        if len(set(first9)) > 1:
            total = sum(int(d) * (10 - i) for i, d in enumerate(first9)) % 11
            return first9 + str(total if total < 2 else 11 - total)


def payload(rng: random.Random) -> dict[str, Any]:
    category = rng.choice(CATEGORIES)
    county, lat, lon = rng.choice(PLACES)
    body = {
        "category": category,
        "statement": "گوشی همراهم در ایستگاه مترو از جیبم زده شد؛ ساعت حدود ۱۸ بود.",
        "occurred_at": f"1405/08/{rng.randrange(1, 28):02d} {rng.randrange(24):02d}:30",
        "county": county,
        "latitude": round(lat + rng.uniform(-0.004, 0.004), 6),
        "longitude": round(lon + rng.uniform(-0.004, 0.004), 6),
        "address": "خیابان ولیعصر، کوچه ۱۲",
        "name": "سارا رضایی",
        "national_id": national_id(rng),
        "mobile": f"0912{rng.randrange(10**7):07d}",
    }
    if category == "lost_documents":
        body["extra"] = {"document_kind": "کارت ملی"}
    return body


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Load:
    """CLIENTS threads, each a keep-alive connection posting reports until time is up."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.lock = threading.Lock()

    def client(self, n: int, start: float, stop: float) -> None:
        rng = random.Random(n)
        mine: list[float] = []
        sent = 0
        while (now := time.perf_counter()) < stop:
            # Each report comes from its own loopback address (127.n.x.y): the server's
            # per-address filing limit stays on at its default and counts every report,
            # as it would for many citizens, without refusing the load.
            source = f"127.{n + 1}.{sent // 250 % 250 + 1}.{sent % 250 + 1}"
            sent += 1
            conn = http.client.HTTPConnection(
                "127.0.0.1", PORT, timeout=30, source_address=(source, 0)
            )
            body = json.dumps(payload(rng)).encode()
            headers = {
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
                "Accept-Language": "fa",
            }
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/reports", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
            finally:
                conn.close()
            elapsed = time.perf_counter() - t0
            if now >= start:
                if status == "201":
                    mine.append(elapsed)
                else:
                    with self.lock:
                        self.errors[status] = self.errors.get(status, 0) + 1
        conn.close()
        with self.lock:
            self.latencies += mine


def wait_until_up(proc: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("gunicorn stopped before it answered")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/api/v1/categories")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer in 60 s")


def run_app(env: dict[str, str]) -> tuple[float, list[float], dict[str, int]]:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "kalantari.config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(WORKERS),
            "-k",
            WORKER_CLASS,
            *(["--threads", str(THREADS)] if WORKER_CLASS == "gthread" else []),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_until_up(server)
        load = Load()
        start = time.perf_counter() + WARMUP
        stop = start + SECONDS
        threads = [
            threading.Thread(target=load.client, args=(n, start, stop)) for n in range(CLIENTS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return len(load.latencies) / SECONDS, load.latencies, load.errors
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def raw_rows(url: str) -> float:
    """The same rows one report writes, by plain psycopg: the floor the app is measured to."""
    with psycopg.connect(url) as conn:
        stations = conn.execute(
            "SELECT id, parent_id, path FROM org_orgunit WHERE kind IN ('station', 'outpost')"
        ).fetchall()
        (category,) = conn.execute("SELECT id FROM intake_category WHERE code = 'fraud'").fetchone()  # type: ignore[misc]
    count = 0
    lock = threading.Lock()
    start = time.perf_counter() + 1.0
    stop = start + SECONDS

    failures: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            insert_loop(n)
        except BaseException as exc:  # a dead thread must not read as "0 reports/s"
            failures.append(exc)

    def insert_loop(n: int) -> None:
        nonlocal count
        rng = random.Random(1000 + n)
        done = 0
        with psycopg.connect(url) as conn:
            while (now := time.perf_counter()) < stop:
                body = payload(rng)
                station, county, path = rng.choice(stations)
                at = datetime.now(UTC)
                report_id, case_id = uuid.uuid4(), uuid.uuid4()
                with conn.transaction():
                    claim = conn.execute(
                        "INSERT INTO core_idempotencyrecord (scope, key, request_hash,"
                        " response_status, response_body, created_at)"
                        " VALUES ('report_submit', %s, '', 0, '{}', %s) RETURNING id",
                        (str(uuid.uuid4()), at),
                    ).fetchone()
                    conn.execute(
                        "INSERT INTO intake_report (id, created_at, updated_at, version,"
                        " tracking_code, channel, language, statement, occurred_at, address,"
                        " routing_reason, routing_detail, anonymous, complainant_name,"
                        " name_index, national_id, mobile, pin_hash, extra,"
                        " receipt_token, receipt_expires_at, category_id, county_id, station_id,"
                        " national_id_index, mobile_index)"
                        " VALUES (%s, %s, %s, 1, %s, 'api', 'fa', %s, %s, %s, 'nearest', '',"
                        " false, %s, %s, %s, %s, '', '{}', %s, %s, %s, %s, %s, %s, %s)",
                        (
                            report_id,
                            at,
                            at,
                            secrets.token_hex(6)[:13].upper(),
                            body["statement"],
                            at,
                            body["address"],
                            body["name"],
                            body["name"],  # stands in for the name's blind index
                            body["national_id"],
                            body["mobile"],
                            secrets.token_urlsafe(24),
                            at + timedelta(hours=1),
                            category,
                            county,
                            station,
                            hashlib.sha256(body["national_id"].encode()).hexdigest(),
                            hashlib.sha256(body["mobile"].encode()).hexdigest(),
                        ),
                    )
                    conn.execute(
                        "INSERT INTO cases_case (id, created_at, updated_at, version, unit_path,"
                        " priority, status, referral_target, referral_name, referral_contact,"
                        " rejection_reason, first_response_due, resolution_due,"
                        " unread_followups, last_activity_at, category_id, report_id,"
                        " station_id) VALUES (%s, %s, %s, 1, %s, 3, 'received', '', '', '', '',"
                        " %s, %s, 0, %s, %s, %s, %s)",
                        (case_id, at, at, path, at, at, at, category, report_id, station),
                    )
                    conn.execute(
                        "INSERT INTO cases_caseevent (id, at, kind, from_status, to_status,"
                        " reason, public, data, case_id) VALUES (%s, %s, 'opened', '',"
                        " 'received', '', true, '{}', %s)",
                        (uuid.uuid4(), at, case_id),
                    )
                    chain = str(station)
                    head = conn.execute(
                        "SELECT seq, hash FROM audit_auditchainhead WHERE chain = %s FOR UPDATE",
                        (chain,),
                    ).fetchone()
                    seq, prev = (head[0], head[1]) if head else (0, "0" * 64)
                    if head is None:
                        conn.execute(
                            "INSERT INTO audit_auditchainhead (chain, seq, hash) VALUES (%s, 0, %s)"
                            " ON CONFLICT DO NOTHING",
                            (chain, prev),
                        )
                    digest = hashlib.sha256(f"{prev}{report_id}{at}".encode()).hexdigest()
                    conn.execute(
                        "INSERT INTO audit_auditevent (at, action, actor_role, target_type,"
                        " target_id, purpose, purpose_code, outcome, user_agent, changes, subjects,"
                        " unit_id, chain, seq, prev_hash, hash) VALUES (%s, 'report.submitted',"
                        " '', 'intake.report', %s, '', '', 'ok', '', '{}', '[]', %s, %s, %s, %s,"
                        " %s)",
                        (at, str(report_id), station, chain, seq + 1, prev, digest),
                    )
                    conn.execute(
                        "UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE chain = %s",
                        (seq + 1, digest, chain),
                    )
                    until = at + timedelta(hours=1)
                    conn.execute(
                        "INSERT INTO core_throttlebucket (key, window_start, hits, until, level)"
                        " VALUES (%s, %s, 1, %s, 0), (%s, %s, 1, %s, 0), (%s, %s, 1, %s, 0)"
                        " ON CONFLICT (key) DO UPDATE SET hits = core_throttlebucket.hits + 1"
                        " RETURNING hits",
                        (
                            f"report:ip:127.{n}.{done}",
                            at,
                            until,
                            f"report:person:{body['national_id']}",
                            at,
                            until,
                            f"report:person:{body['mobile']}",
                            at,
                            until,
                        ),
                    )
                    conn.execute(
                        "UPDATE core_idempotencyrecord SET response_status = 201,"
                        " response_body = '{}' WHERE id = %s",
                        (claim[0] if claim else None,),
                    )
                if now >= start:
                    done += 1
        with lock:
            count += done

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"raw insert failed: {failures[0]!r}") from failures[0]
    return count / SECONDS


def main() -> int:
    url = bench_url()
    recreate_database(url)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        KALANTARI_HOME=str(ROOT),
    )
    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)
    kalantari = str(BIN / "kalantari")
    subprocess.run([kalantari, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run(  # the demo force (units, staff); seed_demo runs only with DEMO=true
        [kalantari, "seed_demo", "--reports", "0"],
        env=env | {"DEMO": "true"},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"intake bench: {CLIENTS} clients, {SECONDS:.0f} s, gunicorn {WORKERS} {WORKER_CLASS} "
        f"workers (x {THREADS} threads if gthread), PostgreSQL {url.split('@')[-1]}",
        flush=True,
    )
    rate, latencies, errors = run_app(env)
    if not latencies:
        print(f"no report was accepted; errors: {errors}")
        return 1
    p50 = statistics.median(latencies) * 1000
    p99 = percentile(latencies, 0.99) * 1000
    print(f"app: {len(latencies)} reports accepted, errors {errors or 'none'}", flush=True)
    raw = raw_rows(url)
    print(f"raw psycopg insert of the same rows: {raw:.0f} reports/s", flush=True)
    print(
        f"intake: {rate:.0f} reports/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
        f"ratio to raw insert {rate / raw:.2f}"
    )
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
