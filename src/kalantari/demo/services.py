"""Build the demo world: the force, its staff, and ninety days of reports and case files.

Deterministic (one seeded random generator, fixed codes and names), so two runs give the
same world and screenshots and tours stay true. Re-running keeps what exists: units and
accounts are upserted, and reports are only added when the database has none yet.
Histories are written in bulk (thousands of rows in seconds) but with every invariant the
services keep: each report has its case, each move its event and audit record, and the
case's fields agree with its last event. Each move is one of the workflow's (`MOVES` in
`cases/workflow.py` gives its target and the states it may leave) by a role the policy
allows; replaying the history through `case_transition` itself was tried and measured ten
times slower (a durable transaction per move), too slow for `make demo`.
"""

from __future__ import annotations

import math
import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kalantari.access import policy
from kalantari.audit import chain as audit_chain
from kalantari.audit.models import AuditEvent
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
from kalantari.oversight.rebuild import rollups_rebuild
from kalantari.people.services import person_link_complainant

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
        with transaction.atomic():
            history.build(reports)
            _link_complainants(history.reports)
        summary.reports = reports
        summary.samples = history.samples
        _seed_deferral(staff, now=now or timezone.now())
        # The history was bulk-inserted, past the case events' receiver: count it set-wise.
        rollups_rebuild()
    audit_chain.checkpoint_all()  # sign the tips, as the periodic job would
    return summary


def _link_complainants(reports: list[Report]) -> None:
    """The registry as filing builds it: each named complainant linked to their person
    through the people service (the history's rows were bulk-inserted)."""
    for report in reports:
        if report.anonymous:
            continue
        person_link_complainant(
            actor=None,
            report_id=report.pk,
            unit=report.station,
            name=report.complainant_name,
            national_id=report.national_id,
            mobile=report.mobile,
        )


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
        self.audits: list[AuditEvent] = []
        self.followups: list[FollowUp] = []
        self.samples: list[dict[str, str]] = []

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
        stamped: list[Report | Case | FollowUp] = [*self.reports, *self.cases, *self.followups]
        times = [(row.created_at, row.updated_at) for row in stamped]
        Report.objects.bulk_create(self.reports, batch_size=500)
        Case.objects.bulk_create(self.cases, batch_size=500)
        CaseEvent.objects.bulk_create(self.events, batch_size=1000)
        FollowUp.objects.bulk_create(self.followups, batch_size=500)
        # The history's audit records join their chains in the order they happened.
        audit_chain.bulk_append(sorted(self.audits, key=lambda e: e.at))
        # auto_now_add stamped "now" on insert; put the history's own times back.
        for row, (created, updated) in zip(stamped, times, strict=True):
            row.created_at, row.updated_at = created, updated
        Report.objects.bulk_update(self.reports, ["created_at", "updated_at"], batch_size=500)
        Case.objects.bulk_update(self.cases, ["created_at", "updated_at"], batch_size=500)
        FollowUp.objects.bulk_update(self.followups, ["created_at", "updated_at"], batch_size=500)

    def _reads(self) -> None:
        """Officers open the files they work on; a second desk officer at THR-111 opens
        many files that are none of theirs, for the unusual-reader report to find."""
        rng = self.rng
        for case in self.cases:
            if case.assignee is not None and case.first_responded_at is not None:
                at = case.first_responded_at + timedelta(hours=rng.uniform(0.5, 6))
                if at < self.now:
                    self._read(case, case.assignee, at)
        curious = self.staff.get("desk2_thr111")
        if curious is None:
            return
        worked = {e.case.pk for e in self.events if e.actor_id == curious.pk}
        theirs = [
            c
            for c in self.cases
            if c.station.code == "THR-111"
            and c.assignee_id != curious.pk
            and c.pk not in worked
            and c.created_at < self.now - timedelta(days=1)
        ]
        for case in rng.sample(theirs, min(35, len(theirs))):
            self._read(case, curious, self.now - timedelta(hours=rng.uniform(1, 6 * 24)))

    def _read(self, case: Case, actor: User, at: datetime) -> None:
        self._audit("case.viewed", actor, case, case.station, at, {})

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
        self._audit(
            "report.submitted",
            report.created_by,
            report,
            station,
            created,
            {"channel": channel, "routing": report.routing_reason},
        )
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
        if len(self.samples) < 3 and not anonymous and case.status in OPEN_SAMPLE:
            self.samples.append(
                {
                    "tracking_code": report.tracking_code,
                    "mobile": report.mobile,
                    "station": station.code,
                    "status": case.status,
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

    def _audit(
        self,
        action: str,
        actor: User | None,
        target: Any,
        station: OrgUnit,
        at: datetime,
        changes: dict[str, Any],
    ) -> None:
        self.audits.append(
            AuditEvent(
                at=at,
                action=action,
                actor=actor,
                actor_unit_id=actor.unit_id if actor else None,
                actor_role=actor.role if actor else "",
                target_type=target._meta.label_lower,
                target_id=str(target.pk),
                unit=station,
                changes=changes,
            )
        )

    def _event(  # noqa: PLR0913 - one case event's every column, keyword by keyword
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

    def _move(
        self,
        case: Case,
        action: str,
        at: datetime,
        actor: User,
        *,
        reason: str = "",
        public: bool = False,
        data: dict[str, Any] | None = None,
    ) -> None:
        """One move of the workflow (`cases/workflow.py`): its target, the states it may
        leave and whether it is a first response come from MOVES, as in `case_transition`."""
        move = MOVES[action]
        before = case.status
        # A slip in the plan below, never the data's fault: the workflow and the policy
        # (access/policy.py) must allow the move, as they do at the desk.
        if before not in move.sources or action not in policy.case_actions(actor, case):
            raise ValueError(f"demo history: {actor.role} may not {action} from {before}")
        to = move.target
        if action in FIRST_RESPONSE_MOVES and case.first_responded_at is None:
            case.first_responded_at = at
        extra = data or {}
        self._event(
            case,
            at,
            actor,
            EventKind.TRANSITION,
            before,
            to,
            public=public,
            reason=reason,
            data=extra | {"action": action},
        )
        self._audit(
            f"case.{action}", actor, case, case.station, at, {"from": before, "to": to, **extra}
        )
        case.status = to
        case.version += 1
        case.updated_by = actor
        case.updated_at = at
        case.last_activity_at = at

    def _life(  # noqa: C901 - one case's story read top to bottom, a branch per chapter
        self, case: Case, station: OrgUnit, category: Category, created: datetime, english: bool
    ) -> None:
        """Walk the case as far as its age allows; slow stations answer late."""
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
            case.rejection_reason = reason
            self._move(case, "reject", t, desk, reason=reason, public=True)
            return
        if category.group == "cyber" and roll < 0.35:
            case.referral_target = ReferralTarget.AGENCY
            case.referral_name, _en, case.referral_contact = CYBER_POLICE
            reason = ("پرونده به پلیس فتا ارجاع شد.", "Referred to the FATA cyber police.")[lang]
            self._move(
                case,
                "refer",
                t,
                desk,
                reason=reason,
                public=True,
                data={"target": ReferralTarget.AGENCY, "name": case.referral_name},
            )
            t += timedelta(hours=rng.uniform(2, 72))
            if t < now:
                self._move(case, "close", t, commander, public=True)
                case.closed_at = t
            return
        self._move(case, "triage", t, desk)
        t += timedelta(minutes=rng.uniform(5, 180) * slow)
        if t >= now:
            return
        investigator = self._officer(station, Role.INVESTIGATOR)
        case.assignee = investigator
        self._move(case, "assign", t, desk, data={"assignee": str(investigator.pk)})
        t += timedelta(hours=rng.uniform(0.2, 24) * slow)
        if t >= now:
            return
        self._move(case, "start", t, investigator)
        work = category.sla_resolution_hours * rng.lognormvariate(math.log(0.35), 0.7) * slow
        if rng.random() < 0.3:
            note_at = t + timedelta(hours=work * rng.uniform(0.1, 0.9))
            if note_at < now:
                self._event(
                    case,
                    note_at,
                    investigator,
                    EventKind.NOTE,
                    "",
                    "",
                    reason=(
                        "از شاکی اظهارات تکمیلی گرفته شد.",
                        "Took a further statement from the complainant.",
                    )[lang],
                )
                case.last_activity_at = note_at
        if rng.random() < 0.1:
            self._followup(case, t + timedelta(hours=work * rng.uniform(0.05, 0.6)), lang)
        t += timedelta(hours=work)
        if t >= now:
            return
        reason = (
            "پرونده بررسی و نتیجه به شاکی اعلام شد.",
            "Investigated; the outcome was given to the complainant.",
        )[lang]
        self._move(case, "resolve", t, investigator, reason=reason, public=True)
        case.resolved_at = t
        t += timedelta(hours=rng.uniform(1, 96))
        if t >= now:
            return
        self._move(case, "close", t, commander, public=True)
        case.closed_at = t
        case.claimed_by = None
        if rng.random() < 0.03:
            t += timedelta(days=rng.uniform(1, 10))
            if t < now:
                reason = ("شاکی مدرک تازه‌ای آورده است.", "The complainant brought new evidence.")[
                    lang
                ]
                self._move(case, "reopen", t, commander, reason=reason, public=True)
                case.closed_at = None
                case.resolved_at = None

    def _followup(self, case: Case, at: datetime, lang: int) -> None:
        if at >= self.now:
            return
        followup = FollowUp(
            report=case.report,
            message=("آیا خبر تازه‌ای هست؟", "Is there any news?")[lang],
            created_at=at,
            updated_at=at,
        )
        self.followups.append(followup)
        self._event(case, at, None, EventKind.FOLLOWUP, "", "", data={"followup": str(followup.pk)})
        if case.status in (Status.RESOLVED, Status.CLOSED):
            followup.read_at = at
        elif self.rng.random() < 0.5:
            followup.read_at = at + timedelta(hours=1)
            followup.read_by = case.assignee
        else:
            case.unread_followups += 1
        case.last_activity_at = max(case.last_activity_at, at)


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
