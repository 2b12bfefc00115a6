"""The bulk generator of bench/dashboard.py: a force of ~2,000 units and N cases, by COPY.

Everything is written into the real tables a migrated database has (org_orgunit, org_user,
org_user_groups, intake_report, cases_case, cases_caseevent), in the shapes the services
write them (`cases.services.filing`, `transitions`, `pauses`), so the dashboards, the
rollups and the naive GROUP BY read what they would read in production:

- the force: the nation, 31 provinces (weighted by population), ~430 counties and ~1,550
  stations and outposts whose sizes are skewed (log-normal; outposts a quarter of a
  station), each with a commander, desk officers and investigators, and inspectors above;
- N cases over the last 3 years (growth 15 %/year, quiet Fridays and nights, the Nowruz
  holidays), categories from the real catalogue (intake migration 0003) with their own
  priorities and SLA targets;
- each case's events: opened, triage/assign (the first response), start, resolve, close;
  rejections, referrals (with the referral's SLA pause and its end at closing), pauses
  waiting on the citizen, sends-back and reopens; delays are log-normal around a share of
  the category's target, scaled by the station's speed, so ~10-20 % of targets are
  missed and a few stations fail often. Events after now are cut: recent cases are open.

Encrypted columns are sealed per row through the real field class (`field.seal(value,
pk)`): the associated data names the row (core.crypto), so one ciphertext cannot be
reused across rows. Generation runs in worker processes (fork, after django.setup());
the parent streams their chunks into COPY ... FREEZE in one transaction with the tables'
secondary indexes dropped, then rebuilds the indexes and ANALYZEs.
"""

from __future__ import annotations

import bisect
import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kalantari.core.tracking import tracking_code_from_bits

# Iran's 31 provinces: code, Persian, English, population (millions, 2016 census, rounded).
PROVINCES = (
    ("THR", "تهران", "Tehran", 13.3),
    ("KHR", "خراسان رضوی", "Razavi Khorasan", 6.4),
    ("ESF", "اصفهان", "Isfahan", 5.1),
    ("FAR", "فارس", "Fars", 4.9),
    ("KHZ", "خوزستان", "Khuzestan", 4.7),
    ("AZS", "آذربایجان شرقی", "East Azerbaijan", 3.9),
    ("MZN", "مازندران", "Mazandaran", 3.3),
    ("AZG", "آذربایجان غربی", "West Azerbaijan", 3.3),
    ("KRM", "کرمان", "Kerman", 3.2),
    ("SBL", "سیستان و بلوچستان", "Sistan and Baluchestan", 2.8),
    ("ALB", "البرز", "Alborz", 2.7),
    ("GIL", "گیلان", "Gilan", 2.5),
    ("KSH", "کرمانشاه", "Kermanshah", 1.95),
    ("GOL", "گلستان", "Golestan", 1.87),
    ("HRM", "هرمزگان", "Hormozgan", 1.78),
    ("LOR", "لرستان", "Lorestan", 1.76),
    ("HMD", "همدان", "Hamadan", 1.74),
    ("KRD", "کردستان", "Kurdistan", 1.6),
    ("MRK", "مرکزی", "Markazi", 1.43),
    ("QOM", "قم", "Qom", 1.29),
    ("QZV", "قزوین", "Qazvin", 1.27),
    ("ARD", "اردبیل", "Ardabil", 1.27),
    ("BSH", "بوشهر", "Bushehr", 1.16),
    ("YZD", "یزد", "Yazd", 1.14),
    ("ZNJ", "زنجان", "Zanjan", 1.06),
    ("CHB", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari", 0.95),
    ("KHN", "خراسان شمالی", "North Khorasan", 0.86),
    ("KHJ", "خراسان جنوبی", "South Khorasan", 0.77),
    ("KBA", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad", 0.71),
    ("SMN", "سمنان", "Semnan", 0.70),
    ("ILM", "ایلام", "Ilam", 0.58),
)
COUNTIES = 430
FRONT_LINE = 1550
YEARS = 3
# Share of reports per category code (the rest of the catalogue shares what is left).
CATEGORY_SHARE = {
    "theft_pickpocket": 0.14,
    "theft_home": 0.10,
    "theft_vehicle": 0.06,
    "fraud": 0.09,
    "online_fraud": 0.12,
    "account_takeover": 0.04,
    "online_harassment": 0.04,
    "lost_documents": 0.10,
    "assault": 0.05,
    "threat_extortion": 0.03,
    "domestic_dispute": 0.04,
    "traffic_accident": 0.06,
    "missing_person": 0.01,
    "officer_complaint": 0.01,
    "other": 0.06,
}
HOUR_WEIGHTS = (2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 8, 8, 9, 9, 9, 8, 7, 6, 5, 4, 3)
DAY = 86400


def lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


def uid(ms: int, lane: int, n: int) -> str:
    """A UUIDv7 (time first, as core.ids.uuid7 makes them) as 32 hex digits, unique per
    (lane < 4096, n); PostgreSQL reads it without dashes."""
    return f"{ms:012x}7{lane:03x}8{n:015x}"


def dashed(hex32: str) -> str:
    """The UUID's usual text (what `str(pk)` gives, so what a sealed value is bound to)."""
    h = hex32
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Clock:
    """Epoch seconds to COPY text, an hour's prefix formatted once."""

    def __init__(self) -> None:
        self.hours: dict[int, str] = {}

    def __call__(self, ts: float) -> str:
        sec = int(ts)
        hour, rem = divmod(sec, 3600)
        prefix = self.hours.get(hour)
        if prefix is None:
            prefix = datetime.fromtimestamp(hour * 3600, UTC).strftime("%Y-%m-%d %H:")
            self.hours[hour] = prefix
        minute, second = divmod(rem, 60)
        return f"{prefix}{minute:02d}:{second:02d}+00"


# -- the force --------------------------------------------------------------------------------


@dataclass
class Station:
    id: str
    path: str
    county_id: str
    weight: float
    speed: float  # multiplies every delay: > 1 is slow
    reject_p: float
    refer_p: float
    reopen_p: float
    pause_p: float
    lat: float
    lon: float
    commander: int = 0
    desk: list[int] = field(default_factory=list)
    investigators: list[int] = field(default_factory=list)


@dataclass
class Force:
    units: list[tuple[Any, ...]]  # org_orgunit rows
    stations: list[Station]
    staff: list[tuple[Any, ...]]  # (id, username, role, unit_id, first, last)
    provinces: list[str]  # province unit ids, by size
    nation_id: str


def _split(total: int, weights: list[float], floor: int) -> list[int]:
    """`total` shared out in proportion to `weights`, each at least `floor`."""
    scale = sum(weights)
    return [max(floor, round(total * w / scale)) for w in weights]


def build_force(rng: random.Random, now: datetime) -> Force:
    """Units and staff (ids as text); stations carry their behaviour for the case generator."""
    units: list[tuple[Any, ...]] = []
    nation = str(rng_uuid(rng))
    units.append((nation, "nation", "IR", "فراجا", "National Police", None, "/IR/"))
    stations: list[Station] = []
    provinces: list[str] = []
    county_counts = _split(COUNTIES, [p[3] ** 0.5 for p in PROVINCES], 5)
    for (code, fa, en, pop), n_counties in zip(PROVINCES, county_counts, strict=True):
        pid = str(rng_uuid(rng))
        provinces.append(pid)
        ppath = f"/IR/{code}/"
        units.append(
            (pid, "province", code, f"فرماندهی انتظامی {fa}", f"{en} Police", nation, ppath)
        )
        lat0, lon0 = rng.uniform(26.0, 38.5), rng.uniform(45.0, 60.5)
        county_weights = [lognormal(rng, 1.0, 0.8) for _ in range(n_counties)]
        share = FRONT_LINE * pop / sum(p[3] for p in PROVINCES)
        st_counts = _split(round(share), county_weights, 1)
        for c, (cw, n_st) in enumerate(zip(county_weights, st_counts, strict=True), 1):
            cid = str(rng_uuid(rng))
            ccode = f"{code}-C{c:02d}"
            cpath = f"{ppath}{ccode}/"
            units.append(
                (cid, "county", ccode, f"شهرستان {fa} {c}", f"{en} County {c}", pid, cpath)
            )
            for s in range(1, n_st + 1):
                outpost = s > 1 and rng.random() < 0.4
                kind = "outpost" if outpost else "station"
                scode = f"{ccode}-{'P' if outpost else 'S'}{s:02d}"
                sid = str(rng_uuid(rng))
                spath = f"{cpath}{scode}/"
                label = "پاسگاه" if outpost else "کلانتری"
                units.append(
                    (sid, kind, scode, f"{label} {s} {fa}", f"{en} {kind} {c}.{s}", cid, spath)
                )
                stations.append(_station(rng, sid, spath, cid, cw, outpost, lat0, lon0, pop))
    staff = _staff(rng, stations, units)
    return Force(units, stations, staff, provinces, nation)


def rng_uuid(rng: random.Random) -> str:
    return dashed(f"{rng.getrandbits(128):032x}")


def _station(  # noqa: PLR0913 - the unit's place in the tree and its county's weight
    rng: random.Random,
    sid: str,
    path: str,
    county_id: str,
    county_weight: float,
    outpost: bool,
    lat0: float,
    lon0: float,
    pop: float,
) -> Station:
    failing = rng.random() < 0.03  # a few stations fail often: the dashboards must show them
    speed = lognormal(rng, 2.2 if failing else 1.0, 0.35)
    return Station(
        id=sid,
        path=path,
        county_id=county_id,
        weight=county_weight
        * lognormal(rng, 1.0, 0.9)
        * (0.25 if outpost else 1.0)
        * (1.0 + pop / 20),
        speed=speed,
        reject_p=min(0.3, lognormal(rng, 0.05, 0.5) * (2.0 if failing else 1.0)),
        refer_p=lognormal(rng, 0.08, 0.4),
        reopen_p=lognormal(rng, 0.025, 0.5) * (2.5 if failing else 1.0),
        pause_p=lognormal(rng, 0.06, 0.4),
        lat=lat0 + rng.uniform(-1.5, 1.5),
        lon=lon0 + rng.uniform(-1.5, 1.5),
    )


def _staff(
    rng: random.Random, stations: list[Station], units: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """A commander, desk officers and investigators per station (more where it is busy)."""
    from kalantari.demo import world

    staff: list[tuple[Any, ...]] = []
    mean = sum(s.weight for s in stations) / len(stations)

    def person(role: str, unit_id: str, code: str) -> int:
        uid_ = len(staff) + 1
        first = rng.choice(world.GIVEN_NAMES)
        last = rng.choice(world.FAMILY_NAMES)
        staff.append((uid_, f"{role[:4]}_{code.lower()}_{uid_}", role, unit_id, first[0], last[0]))
        return uid_

    codes = {u[0]: u[2] for u in units}
    for st in stations:
        size = st.weight / mean
        code = codes[st.id]
        st.commander = person("commander", st.id, code)
        st.desk = [person("desk_officer", st.id, code) for _ in range(1 + min(3, int(size)))]
        st.investigators = [
            person("investigator", st.id, code) for _ in range(2 + min(6, int(size * 2)))
        ]
    for u in units:
        if u[1] in ("nation", "province", "county"):
            for _ in range({"nation": 3, "province": 2, "county": 1}[u[1]]):
                person("inspector", u[0], u[2])
    return staff


# -- when cases arrive -----------------------------------------------------------------------


def day_counts(rng: random.Random, total: int, now: datetime) -> list[tuple[int, int]]:
    """(local-midnight epoch, cases) for each of the last YEARS*365 days, summing to total."""
    tehran = timedelta(hours=3, minutes=30)
    today = (now + tehran).replace(hour=0, minute=0, second=0, microsecond=0) - tehran
    days = YEARS * 365
    weights: list[float] = []
    starts: list[int] = []
    for d in range(days):
        start = today - timedelta(days=days - 1 - d)
        local = start + tehran
        w = 1.0 + 0.15 * d / 365  # more reports every year
        w *= {4: 0.7, 3: 0.9}.get(local.weekday(), 1.0)  # Friday, Thursday
        if (local.month, local.day) >= (3, 20) and (local.month, local.day) <= (4, 3):
            w *= 0.6  # Nowruz
        weights.append(w * rng.uniform(0.93, 1.07))
        starts.append(int(start.timestamp()))
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    short = total - sum(counts)
    for i in sorted(range(days), key=lambda i: exact[i] - counts[i], reverse=True)[:short]:
        counts[i] += 1
    return list(zip(starts, counts, strict=True))


def chunks(days: list[tuple[int, int]], size: int) -> Iterator[list[tuple[int, int]]]:
    """Consecutive days holding about `size` cases each (a chunk never splits a day)."""
    part: list[tuple[int, int]] = []
    held = 0
    for day in days:
        part.append(day)
        held += day[1]
        if held >= size:
            yield part
            part, held = [], 0
    if part:
        yield part


# -- one case's life ---------------------------------------------------------------------------

TARGET = {
    "triage": "triaged",
    "assign": "assigned",
    "start": "in_progress",
    "resolve": "resolved",
    "send_back": "in_progress",
    "close": "closed",
    "refer": "referred",
    "reject": "rejected",
    "reopen": "reopened",
}
FIRST_RESPONSE = frozenset({"triage", "assign", "refer", "reject", "start", "pause"})
NEEDS_REASON = frozenset({"resolve", "send_back", "reject", "reopen"})
PUBLIC = frozenset({"refer", "reject", "resolve", "close", "reopen"})
REASONS = {
    "resolve": "پرونده بررسی شد و نتیجه به شما اعلام می‌شود.",
    "send_back": "گزارش اقدامات کامل نیست؛ لطفاً تکمیل شود.",
    "reject": "موضوع گزارش در صلاحیت کلانتری نیست.",
    "reopen": "شاکی مدارک تازه‌ای آورده است.",
    "pause": "لطفاً تصویر مدارک را از طریق صفحه پیگیری بفرستید.",
}
ADDRESS = "خیابان آزادی، کوچه ۱۲، پلاک ۷"
REFERRALS = (
    ("judiciary", "دادسرای عمومی و انقلاب"),
    ("agency", "پلیس فتا"),
    ("agency", "اداره بهزیستی"),
)


@dataclass(frozen=True)
class Cat:
    id: str
    code: str
    priority: int
    first_response: int  # seconds
    resolution: int  # seconds
    anonymous: bool
    statement: str
    extra: dict[str, str]


def plan(rng: random.Random, st: Station, cat: Cat) -> list[tuple[float, str]]:
    """The moves of one case as (seconds after filing, action), in order, before any cut."""
    fr = max(30.0, lognormal(rng, cat.first_response * 0.3 * st.speed, 0.9))
    u = rng.random()
    if u < st.reject_p:
        steps = [(fr, "triage"), (fr + lognormal(rng, 7200, 1.0), "reject")]
        return steps[1:] if rng.random() < 0.5 else steps
    if u < st.reject_p + st.refer_p:
        steps = [(fr, "triage"), (fr + lognormal(rng, 6 * 3600, 1.0), "refer")]
        if rng.random() < 0.85:
            steps.append((steps[-1][0] + lognormal(rng, 3 * DAY, 0.8), "close"))
        return steps
    steps = _worked(rng, st, cat, fr)
    if rng.random() < 0.012 * st.speed:  # stalled: never resolved, ages in the backlog
        return steps[: rng.randrange(1, 4)]
    if rng.random() < st.reopen_p:
        t = steps[-1][0] + lognormal(rng, 7 * DAY, 0.8)
        steps.append((t, "reopen"))
        steps += [(t + d, a) for d, a in _worked(rng, st, cat, lognormal(rng, 3600, 1.0))]
    return steps


def _worked(rng: random.Random, st: Station, cat: Cat, fr: float) -> list[tuple[float, str]]:
    """Triage or assign (the first response), start, perhaps a pause, resolve, close."""
    steps = [(fr, "triage"), (fr + lognormal(rng, 1200, 1.0), "assign")]
    if rng.random() < 0.3:
        steps = [(fr, "assign")]
    t = steps[-1][0] + lognormal(rng, 2 * 3600 * st.speed, 1.0)
    steps.append((t, "start"))
    done = max(t + 600, lognormal(rng, cat.resolution * 0.25 * st.speed, 1.0))
    if rng.random() < st.pause_p:
        begin = t + (done - t) * rng.uniform(0.1, 0.6)
        wait = lognormal(rng, 2 * DAY, 0.8)
        steps += [(begin, "pause"), (begin + wait, "resume")]
        done += wait
    steps.append((done, "resolve"))
    if rng.random() < 0.03:
        back = done + lognormal(rng, 12 * 3600, 0.8)
        done = back + lognormal(rng, 2 * DAY, 0.8)
        steps += [(back, "send_back"), (done, "resolve")]
    steps.append((done + lognormal(rng, 18 * 3600, 1.0), "close"))
    return steps


# -- the rows -------------------------------------------------------------------------------

REPORT_COLUMNS = (
    "id, created_at, updated_at, version, tracking_code, channel, language, statement,"
    " occurred_at, address, latitude, longitude, routing_reason, routing_detail, anonymous,"
    " complainant_name, national_id, mobile, pin_hash, extra, receipt_token,"
    " receipt_expires_at, category_id, county_id, created_by_id, station_id, mobile_index,"
    " name_index, national_id_index, index_key"
)
CASE_COLUMNS = (
    "id, created_at, updated_at, version, unit_path, priority, status, referral_target,"
    " referral_name, referral_contact, rejection_reason, first_response_due, resolution_due,"
    " first_responded_at, resolved_at, closed_at, unread_followups, last_activity_at,"
    " assignee_id, category_id, created_by_id, updated_by_id, report_id, station_id,"
    " sla_pause_reason, sla_paused_at, sla_paused_seconds"
)
EVENT_COLUMNS = "id, at, kind, from_status, to_status, reason, public, data, actor_id, case_id"
NULL = "\\N"


@dataclass
class World:
    """What every worker needs (set before the workers fork)."""

    stations: list[Station]
    station_cum: list[float]
    inspectorate: dict[str, tuple[str, str]]  # station id -> its county (id, path)
    cats: list[Cat]
    cat_cum: list[float]
    now: float
    identities: list[tuple[str, str, str, str, str, str]]
    pin_hash: str
    index_key: str
    seal: dict[str, Any]  # "report.statement" ... -> the model field (has .seal)


WORLD: World | None = None


@dataclass
class Life:
    """A case's state while its events are written."""

    id: str
    t0: float
    st: Station
    status: str = "received"
    version: int = 1
    assignee: int | None = None
    first_response: float | None = None
    resolved: float | None = None
    closed: float | None = None
    rejection: str = ""
    referral: tuple[str, str] = ("", "")
    paused_at: float | None = None
    pause_reason: str = ""
    paused_total: int = 0
    last: float = 0.0
    updated_by: int | None = None


class Chunk:
    """Writes one chunk of consecutive days: report, case and event lines as COPY text."""

    def __init__(self, lane: int, seed: int) -> None:
        assert WORLD is not None
        self.w = WORLD
        self.rng = random.Random(seed)
        self.lane = lane
        self.n = 0
        self.clock = Clock()
        self.reports: list[str] = []
        self.cases: list[str] = []
        self.events: list[str] = []

    def next_id(self, ts: float) -> str:
        self.n += 1
        return uid(int(ts * 1000), self.lane, self.n)

    def sealed(self, name: str, value: Any, pk: str) -> str:
        return self.w.seal[name].seal(value, dashed(pk)).text if value else ""

    def day(self, start: int, count: int) -> None:
        rng = self.rng
        hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=count)
        for t in sorted(start + h * 3600 + rng.random() * 3600 for h in hours):
            self.case(t)

    def case(self, t0: float) -> None:
        w, rng = self.w, self.rng
        st = w.stations[bisect.bisect(w.station_cum, rng.random() * w.station_cum[-1])]
        cat = w.cats[bisect.bisect(w.cat_cum, rng.random() * w.cat_cum[-1])]
        report_id = self.next_id(t0)
        life = Life(id=self.next_id(t0), t0=t0, st=st, last=t0)
        unit_id, path, routing = st.id, st.path, "nearest_in_county"
        if cat.code == "officer_complaint":
            unit_id, path = w.inspectorate[st.id]
            routing = "inspectorate"
        channel = rng.choices(("web", "desk", "api"), weights=(55, 40, 5))[0]
        desk = rng.choice(st.desk) if channel == "desk" else None
        self.report(report_id, t0, cat, st, (unit_id, channel, routing, desk))
        self.event(life, t0, "opened", "", "received", None, desk, f'{{"routing": "{routing}"}}')
        for d, action in plan(rng, st, cat):
            if t0 + d > w.now:
                break
            self.move(life, cat, t0 + d, action)
        self.case_line(life, cat, report_id, (unit_id, path, desk))

    def report(
        self, pk: str, t0: float, cat: Cat, st: Station, how: tuple[str, str, str, int | None]
    ) -> None:
        unit_id, channel, routing, desk = how
        rng, c = self.rng, self.clock
        anonymous = cat.anonymous and rng.random() < 0.7
        if anonymous:
            name = nid = mobile = name_ix = nid_ix = mobile_ix = ""
        else:
            name, nid, mobile, name_ix, nid_ix, mobile_ix = rng.choice(self.w.identities)
        extra = self.sealed("report.extra", cat.extra, pk) if cat.extra else ""
        at = c(t0)
        self.reports.append(
            f"{pk}\t{at}\t{at}\t1\t{tracking_code_from_bits(rng.getrandbits(60))}\t{channel}\tfa\t"
            f"{self.sealed('report.statement', cat.statement, pk)}\t"
            f"{c(t0 - lognormal(rng, 5 * 3600, 1.2))}\t"
            f"{self.sealed('report.address', ADDRESS if rng.random() < 0.6 else '', pk)}\t"
            f"{st.lat + rng.uniform(-0.02, 0.02):.6f}\t{st.lon + rng.uniform(-0.02, 0.02):.6f}\t"
            f"{routing}\t{routing}:{unit_id[:8]}\t{'t' if anonymous else 'f'}\t"
            f"{self.sealed('report.complainant_name', name, pk)}\t"
            f"{self.sealed('report.national_id', nid, pk)}\t"
            f"{self.sealed('report.mobile', mobile, pk)}\t"
            f"{self.w.pin_hash if anonymous else ''}\t{extra}\t{pk}{self.n:011x}\t"
            f"{c(t0 + 3600)}\t{cat.id}\t{st.county_id}\t{NULL if desk is None else desk}\t"
            f"{unit_id}\t{mobile_ix}\t{name_ix}\t{nid_ix}\t{self.w.index_key}\n"
        )

    def event(  # noqa: PLR0913 - one column each
        self,
        life: Life,
        ts: float,
        kind: str,
        before: str,
        after: str,
        reason: str | None,
        actor: int | None,
        data: str,
        public: bool = False,
    ) -> None:
        pk = self.next_id(ts)
        sealed = self.sealed("event.reason", reason, pk) if reason else ""
        shown = public or kind == "opened" or (kind == "sla_paused" and bool(reason))
        self.events.append(
            f"{pk}\t{self.clock(ts)}\t{kind}\t{before}\t{after}\t{sealed}\t"
            f"{'t' if shown else 'f'}\t{data}\t"
            f"{NULL if actor is None else actor}\t{life.id}\n"
        )

    def move(self, life: Life, cat: Cat, ts: float, action: str) -> None:
        """One step of the plan: the case's state and its timeline line(s)."""
        st = life.st
        if action in FIRST_RESPONSE and life.first_response is None:
            life.first_response = ts
        life.last = ts
        life.version += 1
        if action in ("pause", "resume"):
            self.clock_move(life, ts, action)
            return
        actor = {
            "triage": st.desk[0],
            "start": life.assignee,
            "resolve": life.assignee,
        }.get(action, st.commander)
        data = f'{{"action": "{action}"}}'
        if action == "assign":
            life.assignee = self.rng.choice(st.investigators)
            data = f'{{"action": "assign", "assignee": "{life.assignee}"}}'
        elif action == "refer":
            life.referral = self.rng.choice(REFERRALS)
            target, name = life.referral
            data = f'{{"action": "refer", "target": "{target}", "name": "{name}"}}'
        self.state_change(life, ts, action)
        life.updated_by = actor
        reason = REASONS.get(action) if action in NEEDS_REASON else None
        before, life.status = life.status, TARGET[action]
        public = action in PUBLIC
        self.event(life, ts, "transition", before, life.status, reason, actor, data, public)
        self.referral_clock(life, ts, action, actor)

    def state_change(self, life: Life, ts: float, action: str) -> None:
        if action == "resolve":
            life.resolved = ts
        elif action == "close":
            life.closed = ts
        elif action == "reject":
            life.rejection = REASONS["reject"]
        elif action == "reopen":
            life.resolved = life.closed = None
            life.rejection = ""

    def referral_clock(self, life: Life, ts: float, action: str, actor: int | None) -> None:
        """A referral stops the clock; closing (or reopening) the case restarts it."""
        if life.paused_at is not None and action in ("close", "reopen", "resolve", "reject"):
            seconds = int(ts - life.paused_at)
            life.paused_total += seconds
            life.paused_at, life.pause_reason = None, ""
            self.event(life, ts, "sla_resumed", "", "", None, actor, _resumed(seconds, "move"))
        if action == "refer":
            life.paused_at, life.pause_reason = ts, "referral"
            self.event(life, ts, "sla_paused", "", "", None, actor, '{"waiting_on": "referral"}')

    def clock_move(self, life: Life, ts: float, action: str) -> None:
        """The officer waits on the citizen, then goes on (cases.services.pauses)."""
        actor = life.assignee
        life.updated_by = actor
        if action == "pause":
            life.paused_at, life.pause_reason = ts, "citizen"
            self.event(
                life, ts, "sla_paused", "", "", REASONS["pause"], actor, '{"waiting_on": "citizen"}'
            )
            return
        if life.paused_at is None:
            return
        seconds = int(ts - life.paused_at)
        life.paused_total += seconds
        life.paused_at, life.pause_reason = None, ""
        self.event(life, ts, "sla_resumed", "", "", None, actor, _resumed(seconds, "hand"))

    def case_line(self, life: Life, cat: Cat, report_id: str, where: tuple[str, str, Any]) -> None:
        unit_id, path, desk = where
        c = self.clock
        fr_due = life.t0 + cat.first_response + life.paused_total
        res_due = life.t0 + cat.resolution + life.paused_total

        def opt(ts: float | None) -> str:
            return NULL if ts is None else c(ts)

        target, name = life.referral
        rejection = self.sealed("case.rejection_reason", life.rejection, life.id)
        self.cases.append(
            f"{life.id}\t{c(life.t0)}\t{c(life.last)}\t{life.version}\t{path}\t{cat.priority}\t"
            f"{life.status}\t{target}\t{name}\t\t{rejection}\t{c(fr_due)}\t{c(res_due)}\t"
            f"{opt(life.first_response)}\t{opt(life.resolved)}\t{opt(life.closed)}\t0\t"
            f"{c(life.last)}\t{NULL if life.assignee is None else life.assignee}\t{cat.id}\t"
            f"{NULL if desk is None else desk}\t"
            f"{NULL if life.updated_by is None else life.updated_by}\t{report_id}\t{unit_id}\t"
            f"{life.pause_reason}\t{opt(life.paused_at)}\t{life.paused_total}\n"
        )


def _resumed(seconds: int, by: str) -> str:
    return f'{{"paused_seconds": {seconds}, "by": "{by}"}}'


def make_chunk(job: tuple[int, int, list[tuple[int, int]]]) -> tuple[bytes, bytes, bytes, int]:
    """Run in a worker: (lane, seed, days) -> the COPY text of reports, cases and events."""
    lane, seed, days = job
    chunk = Chunk(lane, seed)
    for start, count in days:
        chunk.day(start, count)
    return (
        "".join(chunk.reports).encode(),
        "".join(chunk.cases).encode(),
        "".join(chunk.events).encode(),
        len(chunk.events),
    )


# -- the load ----------------------------------------------------------------------------------

BIG_TABLES = ("intake_report", "cases_case", "cases_caseevent")


@dataclass
class Loaded:
    units: int
    staff: int
    cases: int
    events: int
    seconds: float  # generating and copying the rows
    index_seconds: float  # rebuilding the indexes and ANALYZE


def extra_values(fields: list[dict[str, Any]]) -> dict[str, str]:
    sample = {"plate": "۱۲ب۳۴۵-ایران۶۷", "date": "1405/08/10", "datetime": "1405/08/10 18:30"}
    return {
        f["name"]: sample.get(f["kind"], "مطابق اظهارات شاکی")
        for f in fields
        if f.get("required") and f["kind"] != "photo"
    }


def prepare_world(force: Force, now: datetime, seed: int) -> World:
    """The catalogue, identities and field sealers, read once through Django."""
    from django.contrib.auth.hashers import make_password

    from kalantari.cases.models import Case, CaseEvent
    from kalantari.core import crypto
    from kalantari.core.text import normalise
    from kalantari.demo import world
    from kalantari.intake.models import Category, Report

    rng = random.Random(seed + 1)
    cats = [
        Cat(
            id=str(c.pk),
            code=c.code,
            priority=c.default_priority,
            first_response=c.sla_first_response_minutes * 60,
            resolution=c.sla_resolution_hours * 3600,
            anonymous=c.allows_anonymous,
            statement=world.STATEMENTS.get(c.code, world.STATEMENTS["other"])[0][0],
            extra=extra_values(c.extra_fields),
        )
        for c in Category.objects.filter(active=True).order_by("code")
    ]
    identities = []
    for _ in range(2000):
        name = f"{rng.choice(world.GIVEN_NAMES)[0]} {rng.choice(world.FAMILY_NAMES)[0]}"
        nid = f"{rng.randrange(10**9, 10**10):010d}"
        mobile = f"0912{rng.randrange(10**7):07d}"
        identities.append(
            (
                name,
                nid,
                mobile,
                crypto.token_index("name", normalise(name)),
                crypto.blind_index("national_id", nid),
                crypto.blind_index("mobile", mobile),
            )
        )
    county_of = {u[0]: (u[0], u[6]) for u in force.units if u[1] == "county"}
    return World(
        stations=force.stations,
        station_cum=list(_cumulative(s.weight for s in force.stations)),
        inspectorate={s.id: county_of[s.county_id] for s in force.stations},
        cats=cats,
        cat_cum=list(_cumulative(CATEGORY_SHARE.get(c.code, 0.005) for c in cats)),
        now=now.timestamp(),
        identities=[(n, i, m, ni, ii, mi) for n, i, m, ni, ii, mi in identities],
        pin_hash=make_password("482913"),
        index_key=crypto.current_index_key_id(),
        seal={
            "report.statement": Report._meta.get_field("statement"),
            "report.address": Report._meta.get_field("address"),
            "report.complainant_name": Report._meta.get_field("complainant_name"),
            "report.national_id": Report._meta.get_field("national_id"),
            "report.mobile": Report._meta.get_field("mobile"),
            "report.extra": Report._meta.get_field("extra"),
            "case.rejection_reason": Case._meta.get_field("rejection_reason"),
            "event.reason": CaseEvent._meta.get_field("reason"),
        },
    )


def _cumulative(values: Any) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def copy_force(conn: Any, force: Force, now: datetime) -> None:
    """Units, staff and their role groups (small: plain COPY, constraints on)."""
    at = now.isoformat()
    where = {s.id: s for s in force.stations}
    groups = dict(conn.execute("SELECT name, id FROM auth_group").fetchall())
    with conn.cursor().copy(
        "COPY org_orgunit (id, created_at, updated_at, version, code, kind, name_fa, name_en,"
        " path, latitude, longitude, address_fa, address_en, phone, open_24_7, active,"
        " parent_id) FROM STDIN"
    ) as copy:
        for pk, kind, code, fa, en, parent, path in force.units:
            st = where.get(pk)
            copy.write_row(
                (pk, at, at, 1, code, kind, fa, en, path, st and round(st.lat, 6),
                 st and round(st.lon, 6), "", "", "", kind == "station", True, parent)
            )  # fmt: skip
    with conn.cursor().copy(
        "COPY org_user (id, password, is_superuser, username, first_name, last_name, email,"
        " is_staff, is_active, date_joined, role, rank, badge_number, unit_id, approved_at)"
        " FROM STDIN"
    ) as copy:
        for pk, username, role, unit, first, last in force.staff:
            copy.write_row(
                (pk, "!bench", False, username, first, last, "", False, True, at, role, "",
                 f"B{pk:06d}", unit, at)
            )  # fmt: skip
    with conn.cursor().copy("COPY org_user_groups (user_id, group_id) FROM STDIN") as copy:
        for pk, _username, role, *_rest in force.staff:
            copy.write_row((pk, groups[role]))
    conn.execute("SELECT setval('org_user_id_seq', (SELECT max(id) FROM org_user))")
    conn.commit()


def secondary_indexes(conn: Any) -> list[tuple[str, str, str]]:
    """(table, name, DDL to recreate) for every index of the big tables but their keys."""
    rows = conn.execute(
        "SELECT i.tablename, i.indexname, i.indexdef, c.conname, c.conrelid"
        " FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conname = i.indexname"
        " WHERE i.tablename = ANY(%s) AND i.indexname NOT LIKE '%%_pkey'",
        (list(BIG_TABLES),),
    ).fetchall()
    out = []
    for table, name, indexdef, conname, conrelid in rows:
        if conname:
            (ddl,) = conn.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s"
                " AND conrelid = %s",
                (conname, conrelid),
            ).fetchone()
            out.append((table, name, f"ALTER TABLE {table} ADD CONSTRAINT {name} {ddl}"))
        else:
            out.append((table, name, indexdef))
    return out


def generate(url: str, *, cases: int, jobs: int, seed: int, now: datetime) -> Loaded:
    """Build the force and `cases` cases into the (migrated, empty) database at `url`."""
    import multiprocessing

    import psycopg

    global WORLD  # read by the forked workers
    rng = random.Random(seed)
    force = build_force(rng, now)
    WORLD = prepare_world(force, now, seed)
    plan_days = list(chunks(day_counts(rng, cases, now), 20_000))
    t0 = time.perf_counter()
    done = events = 0
    # The workers fork before the connection opens: none of them holds its socket.
    pool = multiprocessing.get_context("fork").Pool(jobs)
    with pool, psycopg.connect(url) as conn:
        copy_force(conn, force, now)
        indexes = secondary_indexes(conn)
        conn.execute("SET session_replication_role = replica")  # no FK trigger per row
        conn.execute(f"TRUNCATE {', '.join(BIG_TABLES)} CASCADE")
        for table, name, ddl in indexes:
            if ddl.startswith("ALTER TABLE"):
                conn.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            else:
                conn.execute(f"DROP INDEX {name}")
        work = [(lane + 1, seed * 1000 + lane, days) for lane, days in enumerate(plan_days)]
        copying = 0.0
        for reports, case_rows, event_rows, n_events in pool.imap(make_chunk, work):
            c0 = time.perf_counter()
            for table, columns, data in (
                ("intake_report", REPORT_COLUMNS, reports),
                ("cases_case", CASE_COLUMNS, case_rows),
                ("cases_caseevent", EVENT_COLUMNS, event_rows),
            ):
                with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN FREEZE") as cp:
                    cp.write(data)
            copying += time.perf_counter() - c0
            done += case_rows.count(b"\n")
            events += n_events
            rate = (done * 2 + events) / (time.perf_counter() - t0)
            print(
                f"  {done:,} cases, {events:,} events, {rate:,.0f} rows/s"
                f" (COPY busy {copying:.0f} s)",
                flush=True,
            )
        conn.commit()
        loaded = time.perf_counter() - t0
        conn.execute("SET maintenance_work_mem = '512MB'")
        for _table, _name, ddl in indexes:
            conn.execute(ddl)
        conn.commit()
        conn.autocommit = True
        conn.execute("ANALYZE")
    return Loaded(
        units=len(force.units),
        staff=len(force.staff),
        cases=done,
        events=events,
        seconds=loaded,
        index_seconds=time.perf_counter() - t0 - loaded,
    )
