"""Build the demo world: the force, its staff, and ninety days of reports and case files.

Deterministic (one seeded random generator, fixed codes and names), so two runs give the
same world and screenshots and tours stay true. Re-running keeps what exists: units and
accounts are upserted, and reports are only added when the database has none yet.
Reports and their new cases are written in bulk; everything that happens to a case after
that goes through the real services (`cases.services.case_transition`, `case_note_add`,
`case_view`, `case_followup_received`), replayed in the order it happened with the clock
turned back to each moment (`_clock`): the workflow (`cases/workflow.py` MOVES), the policy
checks, the events and the audit chain are the ones the desk uses, not a copy.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kalantari.audit import chain as audit_chain
from kalantari.audit.services import audit_record
from kalantari.cases import services as case_services
from kalantari.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    EventKind,
    ReferralTarget,
    Status,
)
from kalantari.cases.workflow import FIRST_RESPONSE_MOVES, MOVES
from kalantari.core import identifiers
from kalantari.core.tracking import tracking_code_from_bits
from kalantari.demo import world
from kalantari.intake import catalogue
from kalantari.intake.models import Category, Channel, FollowUp, Report
from kalantari.org.models import FRONT_LINE_KINDS, Authenticator, OrgUnit, Role, UnitKind, User

DEMO_PASSWORD = "kalantari-demo"  # noqa: S105 - printed for the demo tour  # nosec B105
DEMO_PIN = "24681357"
SEED = 1403

CATEGORY_WEIGHTS: dict[str, int] = {
    "lost_documents": 15,
    "theft_pickpocket": 12,
    "online_fraud": 12,
    "fraud": 8,
    "traffic_accident": 8,
    "theft_home": 7,
    "theft_vehicle": 5,
    "assault": 5,
    "domestic_dispute": 4,
    "account_takeover": 4,
    "other": 4,
    "threat_extortion": 3,
    "online_harassment": 3,
    "missing_person": 2,
    "officer_complaint": 2,
    "tip_narcotics": 2,
    "tip_smuggling": 2,
    "tip_weapons": 1,
    "online_weapons": 1,
    "online_narcotics": 1,
}
CYBER_POLICE = ("پلیس فتا", "FATA cyber police", "096380")


@dataclass
class SeedSummary:
    units: int = 0
    staff: int = 0
    reports: int = 0
    skipped_reports: bool = False
    samples: list[dict[str, str]] = field(default_factory=list)


def seed_demo(*, reports: int = 3000, days: int = 90, now: datetime | None = None) -> SeedSummary:
    """Create (or refresh) the demo force and, on an empty database, its report history."""
    summary = SeedSummary()
    with transaction.atomic():
        units = _seed_units()
        summary.units = len(units)
        staff = _seed_staff(units)
        summary.staff = len(staff)
    catalogue.invalidate()
    if Report.objects.exists():
        summary.skipped_reports = True
        return summary
    if reports > 0:
        history = _History(
            units=units,
            staff=staff,
            now=now or timezone.now(),
            days=days,
            rng=random.Random(SEED),  # noqa: S311 - a repeatable demo, not secrets  # nosec B311
        )
        history.build(reports)
        summary.reports = reports
        summary.samples = history.samples
        _seed_deferral(staff, now=now or timezone.now())
    audit_chain.checkpoint_all()  # sign the tips, as the periodic job would
    return summary


def _seed_units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for spec in world.UNITS:
        digits = "".join(ch for ch in spec.code if ch.isdigit()) or "0"
        unit, _created = OrgUnit.objects.update_or_create(
            code=spec.code,
            defaults={
                "kind": spec.kind,
                "parent": units.get(spec.parent) if spec.parent else None,
                "name_fa": spec.name_fa,
                "name_en": spec.name_en,
                "latitude": Decimal(spec.lat) if spec.lat else None,
                "longitude": Decimal(spec.lon) if spec.lon else None,
                "address_fa": spec.name_fa if spec.kind in FRONT_LINE_KINDS else "",
                "address_en": spec.name_en if spec.kind in FRONT_LINE_KINDS else "",
                "phone": f"021-2{int(digits):07d}" if spec.kind in FRONT_LINE_KINDS else "",
                "open_24_7": spec.open_24_7,
                "active": True,
            },
        )
        units[spec.code] = unit
    return units


def _handle(code: str) -> str:
    return code.lower().replace("-", "")


def _seed_staff(units: dict[str, OrgUnit]) -> dict[str, User]:
    """Four officers per station or outpost, an inspector per province and one national."""
    password = make_password(DEMO_PASSWORD)
    rng = random.Random(SEED + 1)  # noqa: S311 - a repeatable demo  # nosec B311
    wanted: list[tuple[str, str, str, bool]] = [("admin", "IR", Role.ADMIN, True)]
    for code, unit in units.items():
        if unit.kind in FRONT_LINE_KINDS:
            handle = _handle(code)
            wanted += [
                (f"desk_{handle}", code, Role.DESK_OFFICER, False),
                (f"investigator1_{handle}", code, Role.INVESTIGATOR, False),
                (f"investigator2_{handle}", code, Role.INVESTIGATOR, False),
                (f"commander_{handle}", code, Role.COMMANDER, False),
            ]
        elif unit.kind in (UnitKind.PROVINCE, UnitKind.NATION):
            wanted.append((f"inspector_{_handle(code)}", code, Role.INSPECTOR, False))
    # A second desk officer at Vanak, whose reading the access review will flag.
    wanted.append(("desk2_thr111", "THR-111", Role.DESK_OFFICER, False))
    staff: dict[str, User] = {}
    for n, (username, code, role, superuser) in enumerate(wanted):
        given = world.GIVEN_NAMES[rng.randrange(len(world.GIVEN_NAMES))]
        family = world.FAMILY_NAMES[rng.randrange(len(world.FAMILY_NAMES))]
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "unit": units[code],
                "role": role,
                "first_name": given[0],
                "last_name": family[0],
                "badge_number": f"{100000 + n}",
                "is_active": True,
                "is_staff": superuser,
                "is_superuser": superuser,
                "password": password,
                # The demo's accounts are set up as if a second person had approved them.
                "approved_at": timezone.now(),
            },
        )
        staff[username] = user
    # Authenticators enrolled in advance: `make otp ACCOUNT=…` prints the current code.
    enrolled = set(Authenticator.objects.filter(confirmed=True).values_list("user_id", flat=True))
    Authenticator.objects.bulk_create(
        Authenticator(user=user, name="demo", confirmed=True)
        for user in staff.values()
        if user.pk not in enrolled
    )
    return staff


def _national_id(rng: random.Random) -> str:
    while True:
        first9 = f"{rng.randrange(10**9):09d}"
        if len(set(first9)) > 1:
            return first9 + str(identifiers.national_id_check_digit(first9))


def _tracking_code(rng: random.Random) -> str:
    return tracking_code_from_bits(rng.getrandbits(60))


class _History:
    """Ninety days of a force's work, written in bulk."""

    def __init__(
        self,
        *,
        units: dict[str, OrgUnit],
        staff: dict[str, User],
        now: datetime,
        days: int,
        rng: random.Random,
    ) -> None:
        self.rng = rng
        self.now = now
        self.days = days
        self.staff = staff
        self.staff_by_pk: dict[Any, User] = {user.pk: user for user in staff.values()}
        self.stations = [u for u in units.values() if u.kind in FRONT_LINE_KINDS]
        self.code_of: dict[Any, str] = {u.pk: u.code for u in units.values()}
        # Busy 24/7 stations get more walk-ins than a quiet outpost.
        self.station_weights = [
            5 if u.open_24_7 else (1 if u.kind == UnitKind.OUTPOST else 3) for u in self.stations
        ]
        self.categories = {c.code: c for c in Category.objects.filter(active=True)}
        codes = [c for c in CATEGORY_WEIGHTS if c in self.categories]
        self.category_codes = codes
        self.category_weights = [CATEGORY_WEIGHTS[c] for c in codes]
        self.pin_hash = make_password(DEMO_PIN)
        self.reports: list[Report] = []
        self.cases: list[Case] = []
        self.events: list[CaseEvent] = []
        self.samples: list[dict[str, str]] = []
        # What happens after a report is filed, replayed through the services in time order.
        self.steps: list[_Step] = []
        # Where each case's planned life has got to (the rows stay "received" until replayed).
        self.plans: dict[Any, _Plan] = {}

    def _officer(self, station: OrgUnit, role: str) -> User:
        handle = _handle(station.code)
        if role == Role.INVESTIGATOR:
            return self.staff[f"investigator{self.rng.choice((1, 2))}_{handle}"]
        prefix = "desk" if role == Role.DESK_OFFICER else "commander"
        return self.staff[f"{prefix}_{handle}"]

    def build(self, count: int) -> None:
        for _ in range(count):
            self._one_report()
        self._reads()
        with transaction.atomic():
            times = [(row.created_at, row.updated_at) for row in [*self.reports, *self.cases]]
            Report.objects.bulk_create(self.reports, batch_size=500)
            Case.objects.bulk_create(self.cases, batch_size=500)
            CaseEvent.objects.bulk_create(self.events, batch_size=1000)
            # auto_now_add stamped "now" on insert; put the history's own times back.
            for row, (created, updated) in zip([*self.reports, *self.cases], times, strict=True):
                row.created_at, row.updated_at = created, updated
            Report.objects.bulk_update(self.reports, ["created_at", "updated_at"], batch_size=500)
            Case.objects.bulk_update(self.cases, ["created_at", "updated_at"], batch_size=500)
        self._replay()

    def _step(self, at: datetime, kind: str, case: Case, actor: User | None, **data: Any) -> None:
        self.steps.append(_Step(at, len(self.steps), kind, case, actor, data))

    def _replay(self) -> None:
        """Everything after filing, through the desk's own services, in the order it happened."""
        versions = {case.pk: case.version for case in self.cases}
        with _clock() as clock:
            for step in sorted(self.steps, key=lambda s: (s.at, s.seq)):
                clock.at = step.at
                case, actor, data = step.case, cast(User, step.actor), step.data
                if step.kind == "submitted":  # a walk-in's officer, or nobody (None) online
                    with transaction.atomic(durable=True):
                        audit_record(
                            action="report.submitted",
                            actor=step.actor,
                            target=case.report,
                            unit_id=case.station_id,
                            changes=data,
                        )
                elif step.kind == "move":
                    moved = case_services.case_transition(
                        actor=actor, case_id=case.pk, expected_version=versions[case.pk], **data
                    )
                    versions[case.pk] = moved.version
                elif step.kind == "note":
                    case_services.case_note_add(
                        actor=actor, case_id=case.pk, body=data["body"], public=False
                    )
                elif step.kind == "followup":
                    with transaction.atomic(durable=True):
                        followup = FollowUp.objects.create(
                            report=case.report, message=data["message"]
                        )
                        case_services.case_followup_received(
                            report=case.report, followup_id=followup.pk
                        )
                else:  # "viewed": an officer opens the file (follow-ups are read then)
                    case_services.case_view(actor=actor, case_id=case.pk)

    def _reads(self) -> None:
        """Officers open the files they work on; a second desk officer at THR-111 opens
        many files that are none of theirs, for the unusual-reader report to find."""
        rng = self.rng
        for case in self.cases:
            plan = self.plans[case.pk]
            if plan.assignee is not None and plan.assigned_at is not None:
                at = plan.assigned_at + timedelta(hours=rng.uniform(0.5, 6))
                if at < self.now:
                    self._step(at, "viewed", case, plan.assignee)
        curious = self.staff.get("desk2_thr111")
        if curious is None:
            return
        worked = {s.case.pk for s in self.steps if s.actor is curious and s.kind != "viewed"}
        theirs = [
            c
            for c in self.cases
            if c.station.code == "THR-111"
            and self.plans[c.pk].assignee is not curious
            and c.pk not in worked
            and c.created_at < self.now - timedelta(days=1)
        ]
        for case in rng.sample(theirs, min(35, len(theirs))):
            at = self.now - timedelta(hours=rng.uniform(1, 6 * 24))
            self._step(max(at, case.created_at), "viewed", case, curious)

    def _created_at(self) -> datetime:
        rng = self.rng
        day = rng.random() ** 1.2 * self.days  # a little busier lately
        # Citizens report in the day far more than at night.
        hour = rng.choices(
            range(24),
            weights=[1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 9, 9, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3, 2],
        )[0]
        base = (self.now - timedelta(days=day)).astimezone(timezone.get_current_timezone())
        moment = base.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        return min(moment, self.now - timedelta(minutes=rng.randrange(2, 30)))

    def _one_report(self) -> None:
        rng = self.rng
        code = rng.choices(self.category_codes, weights=self.category_weights)[0]
        category = self.categories[code]
        station = rng.choices(self.stations, weights=self.station_weights)[0]
        created = self._created_at()
        english = rng.random() < 0.1
        anonymous = category.allows_anonymous and rng.random() < 0.6
        statement = rng.choice(world.STATEMENTS.get(code, world.STATEMENTS["other"]))
        given = rng.choice(world.GIVEN_NAMES)
        family = rng.choice(world.FAMILY_NAMES)
        street = rng.randrange(1000)
        lang = 1 if english else 0
        name = "" if anonymous else f"{given[lang]} {family[lang]}"
        channel = rng.choices([Channel.WEB, Channel.DESK, Channel.API], weights=[6, 3, 1])[0]
        occurred = created - timedelta(minutes=rng.randrange(10, 60 * 48))
        lat = lon = None
        if station.latitude is not None and station.longitude is not None and rng.random() < 0.5:
            lat = (station.latitude + Decimal(rng.uniform(-0.01, 0.01))).quantize(
                Decimal("0.000001")
            )
            lon = (station.longitude + Decimal(rng.uniform(-0.01, 0.01))).quantize(
                Decimal("0.000001")
            )
        if channel == Channel.DESK:
            reason, detail = "chosen", f"chosen:{station.code}"
        elif lat is not None:
            km = rng.uniform(0.2, 2.5)
            reason, detail = "nearest_in_county", f"nearest_in_county:{station.code}:{km:.2f}km"
        else:
            county = station.parent.code if station.parent else ""
            reason, detail = "county_default", f"county_default:{county}:{station.code}"
        report = Report(
            tracking_code=_tracking_code(rng),
            category=category,
            channel=channel,
            language="en" if english else "fa",
            statement=statement[lang],
            occurred_at=occurred,
            address=world.address(
                self.code_of[station.parent_id], street, rng.randrange(1, 200), english=english
            ),
            latitude=lat,
            longitude=lon,
            county_id=station.parent_id,
            station=station,
            routing_reason=reason,
            routing_detail=detail,
            anonymous=anonymous,
            complainant_name=name,
            national_id="" if anonymous else _national_id(rng),
            mobile=""
            if anonymous
            else f"09{rng.choice((12, 13, 19, 35, 36, 90))}{rng.randrange(10**7):07d}",
            pin_hash=self.pin_hash if anonymous else "",
            extra=self._extra(category, occurred, lang),
            receipt_token=secrets.token_urlsafe(24),
            receipt_expires_at=created + timedelta(seconds=settings.KALANTARI_RECEIPT_SECONDS),
            created_at=created,
            updated_at=created,
        )
        report.index_identity()
        if channel == Channel.DESK:
            report.created_by = self._officer(station, Role.DESK_OFFICER)
        self.reports.append(report)
        case = Case(
            report=report,
            station=station,
            unit_path=station.path,
            category=category,
            priority=category.default_priority,
            status=Status.RECEIVED,
            first_response_due=created + timedelta(minutes=category.sla_first_response_minutes),
            resolution_due=created + timedelta(hours=category.sla_resolution_hours),
            last_activity_at=created,
            created_by=report.created_by,
            created_at=created,
            updated_at=created,
        )
        self.cases.append(case)
        self.plans[case.pk] = _Plan()
        self._step(
            created,
            "submitted",
            case,
            report.created_by,
            channel=channel,
            routing=report.routing_reason,
        )
        self._event(
            case,
            created,
            report.created_by,
            EventKind.OPENED,
            "",
            Status.RECEIVED,
            public=True,
            data={"routing": report.routing_reason},
        )
        self._life(case, station, category, created, english)
        status = self.plans[case.pk].status
        if len(self.samples) < 3 and not anonymous and status in OPEN_SAMPLE:
            self.samples.append(
                {
                    "tracking_code": report.tracking_code,
                    "mobile": report.mobile,
                    "station": station.code,
                    "status": status,
                }
            )

    def _extra(self, category: Category, occurred: datetime, lang: int) -> dict[str, Any]:
        rng = self.rng
        values: dict[str, Any] = {}
        for spec in category.extra_fields:
            kind, name = spec.get("kind"), spec.get("name", "")
            if kind == "plate":
                letter = rng.choice("بجدسصطقلمنوهی")
                a, b, region = rng.randrange(10, 99), rng.randrange(100, 999), rng.randrange(10, 99)
                values[name] = f"{a}{letter}{b}-{region}"
            elif kind == "datetime":
                values[name] = (occurred - timedelta(hours=rng.randrange(1, 12))).isoformat()
            elif kind == "date":
                values[name] = occurred.date().isoformat()
            elif kind in ("text", "textarea"):
                if name == "amount":
                    values[name] = f"{rng.randrange(5, 900) * 1_000_000}"
                elif name == "online_where":
                    values[name] = f"@shop{rng.randrange(100, 999)}"
                elif name == "vehicle":
                    values[name] = rng.choice(("پژو ۲۰۶ سفید", "پراید نقره‌ای", "Samand, grey"))
                elif name == "document_kind":
                    values[name] = ("کارت ملی", "National ID card")[lang]
                else:
                    values[name] = ("به شرح گزارش", "As in the statement")[lang]
        return values

    def _event(
        self,
        case: Case,
        at: datetime,
        actor: User | None,
        kind: str,
        before: str,
        after: str,
        *,
        public: bool = False,
        reason: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(
            CaseEvent(
                case=case,
                at=at,
                actor=actor,
                kind=kind,
                from_status=before,
                to_status=after,
                reason=reason,
                public=public,
                data=data or {},
            )
        )

    def _move(self, case: Case, action: str, at: datetime, actor: User, **data: Any) -> None:
        """Plan one move of the workflow (replayed through `case_transition`)."""
        plan = self.plans[case.pk]
        move = MOVES[action]
        if plan.status not in move.sources:  # a slip in the plan above, not in data
            raise ValueError(f"demo plan: {action} from {plan.status}")
        plan.status = move.target
        if action in FIRST_RESPONSE_MOVES and plan.first_response is None:
            plan.first_response = at
        if action == "assign":
            plan.assignee = self.staff_by_pk[data["assignee_id"]]
            plan.assigned_at = at
        self._step(at, "move", case, actor, action=action, **data)

    def _life(
        self, case: Case, station: OrgUnit, category: Category, created: datetime, english: bool
    ) -> None:
        """Plan the case as far as its age allows; slow stations answer late."""
        rng, now = self.rng, self.now
        slow = 3.0 if station.code in world.SLOW_STATIONS else 1.0
        lang = 1 if english else 0
        desk = self._officer(station, Role.DESK_OFFICER)
        commander = self._officer(station, Role.COMMANDER)
        delay = category.sla_first_response_minutes * rng.lognormvariate(math.log(0.45), 0.8)
        t = created + timedelta(minutes=max(2.0, delay * slow))
        if t >= now or (now - created < timedelta(hours=36) and rng.random() < 0.5):
            return  # the desk's backlog: fresh reports nobody has touched yet
        roll = rng.random()
        if roll < 0.03 and category.code not in ("missing_person", "assault"):
            reason = (
                "موضوع در صلاحیت پلیس نیست؛ به شورای حل اختلاف مراجعه کنید.",
                "Not a police matter; please go to the dispute council.",
            )[lang]
            self._move(case, "reject", t, desk, reason=reason)
            return
        if category.group == "cyber" and roll < 0.35:
            name, _en, contact = CYBER_POLICE
            reason = ("پرونده به پلیس فتا ارجاع شد.", "Referred to the FATA cyber police.")[lang]
            self._move(
                case,
                "refer",
                t,
                desk,
                reason=reason,
                referral_target=ReferralTarget.AGENCY,
                referral_name=name,
                referral_contact=contact,
            )
            t += timedelta(hours=rng.uniform(2, 72))
            if t < now:
                self._move(case, "close", t, commander)
            return
        self._move(case, "triage", t, desk)
        t += timedelta(minutes=rng.uniform(5, 180) * slow)
        if t >= now:
            return
        investigator = self._officer(station, Role.INVESTIGATOR)
        self._move(case, "assign", t, desk, assignee_id=investigator.pk)
        t += timedelta(hours=rng.uniform(0.2, 24) * slow)
        if t >= now:
            return
        self._move(case, "start", t, investigator)
        work = category.sla_resolution_hours * rng.lognormvariate(math.log(0.35), 0.7) * slow
        if rng.random() < 0.3:
            note_at = t + timedelta(hours=work * rng.uniform(0.1, 0.9))
            if note_at < now:
                body = (
                    "از شاکی اظهارات تکمیلی گرفته شد.",
                    "Took a further statement from the complainant.",
                )[lang]
                self._step(note_at, "note", case, investigator, body=body)
        if rng.random() < 0.1:
            self._followup(case, t + timedelta(hours=work * rng.uniform(0.05, 0.6)), lang)
        t += timedelta(hours=work)
        if t >= now:
            return
        reason = (
            "پرونده بررسی و نتیجه به شاکی اعلام شد.",
            "Investigated; the outcome was given to the complainant.",
        )[lang]
        self._move(case, "resolve", t, investigator, reason=reason)
        t += timedelta(hours=rng.uniform(1, 96))
        if t >= now:
            return
        self._move(case, "close", t, commander)
        if rng.random() < 0.03:
            t += timedelta(days=rng.uniform(1, 10))
            if t < now:
                reason = ("شاکی مدرک تازه‌ای آورده است.", "The complainant brought new evidence.")[
                    lang
                ]
                self._move(case, "reopen", t, commander, reason=reason)

    def _followup(self, case: Case, at: datetime, lang: int) -> None:
        """The citizen asks for news; half the time the assignee opens the file within the hour."""
        if at >= self.now:
            return
        message = ("آیا خبر تازه‌ای هست؟", "Is there any news?")[lang]
        self._step(at, "followup", case, None, message=message)
        reader = self.plans[case.pk].assignee
        read_at = at + timedelta(hours=1)
        if reader is not None and read_at < self.now and self.rng.random() < 0.5:
            self._step(read_at, "viewed", case, reader)


@dataclass
class _Plan:
    """Where a case's planned life has got to while the history is drawn up."""

    status: str = Status.RECEIVED
    assignee: User | None = None
    first_response: datetime | None = None
    assigned_at: datetime | None = None


@dataclass
class _Step:
    """One thing that happens to a case, replayed at its moment through a service."""

    at: datetime
    seq: int
    kind: str
    case: Case
    actor: User | None
    data: dict[str, Any]


class _Clock:
    """Django's `timezone.now()` answers `at` while the history is replayed."""

    def __init__(self) -> None:
        self.at = timezone.now()


@contextmanager
def _clock() -> Iterator[_Clock]:
    """Turn the clock back for the replay (demo seeding only, one thread).

    The services stamp `timezone.now()`, and model fields take it as their default: both
    read `datetime.now` inside `django.utils.timezone`, so that is the one name swapped.
    """
    from django.utils import timezone as django_timezone

    clock = _Clock()
    real = django_timezone.datetime  # type: ignore[attr-defined]

    class _Frozen(real):  # type: ignore[misc,valid-type]
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:
            return clock.at.astimezone(tz) if tz is not None else clock.at

    django_timezone.datetime = _Frozen  # type: ignore[attr-defined]
    try:
        yield clock
    finally:
        django_timezone.datetime = real  # type: ignore[attr-defined]


OPEN_SAMPLE = frozenset({Status.IN_PROGRESS, Status.ASSIGNED, Status.RESOLVED})


def _seed_deferral(staff: dict[str, User], *, now: datetime) -> None:
    """One disclosure deferral awaiting review, so the inspector's Deferrals page has work."""
    from kalantari.core import jalali
    from kalantari.oversight.services import disclosure_deferral_create

    commander = staff.get("commander_thr101")
    if commander is None:
        return
    case = (
        Case.objects.filter(station=commander.unit, status__in=OPEN_STATUSES)
        .order_by("created_at")
        .first()
    )
    if case is None:
        return
    disclosure_deferral_create(
        actor=commander,
        case_id=case.pk,
        reason="مظنون از تحقیق آگاه نیست؛ آگاهی او به گردآوری مدارک آسیب می‌زند.",
        until=jalali.format_date(timezone.localtime(now).date() + timedelta(days=30), "en"),
    )
