"""The commander's and inspector's lists (issue 8): SLA breaches and near-breaches, most overdue
first, and the files that lack something, each within the user's units."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kalantari.access import policy
from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory
from kalantari.intake.models import Report
from kalantari.org.models import Role, User
from kalantari.org.tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db


def _due(case: Case, *, resolution: timedelta, first: timedelta | None = None) -> Case:
    """Set the case's due times relative to now; without `first`, the first response is given."""
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        resolution_due=now + resolution,
        first_response_due=now + (first if first is not None else -timedelta(days=9)),
        first_responded_at=None if first is not None else now - timedelta(days=9),
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def cases(force: Any) -> dict[str, Case]:
    made = {
        "late_5h": _due(CaseFactory.create(), resolution=-timedelta(hours=5)),
        "first_late_1d": _due(
            CaseFactory.create(), resolution=timedelta(days=3), first=-timedelta(days=1)
        ),
        "risk_2h": _due(CaseFactory.create(), resolution=timedelta(hours=2)),
        "on_track": _due(CaseFactory.create(), resolution=timedelta(days=5)),
        "paused": _due(CaseFactory.create(), resolution=-timedelta(hours=9)),
        "sibling_late": _due(CaseFactory.create(station="ST-102"), resolution=-timedelta(hours=1)),
        "outpost_late": _due(CaseFactory.create(station="OP-201"), resolution=-timedelta(hours=2)),
    }
    Case.objects.filter(pk=made["paused"].pk).update(
        sla_paused_at=timezone.now(), sla_pause_reason="citizen"
    )
    return made


def _ids(html: str, cases: dict[str, Case]) -> list[str]:
    """The cases a page lists, by name, in the page's order."""
    found = [(html.find(f'data-case="{c.pk}"'), name) for name, c in cases.items()]
    return [name for at, name in sorted(found) if at >= 0]


def test_policy_who_sees_the_lists(
    force: Any, commander: User, inspector: User, desk_officer: User, investigator: User
) -> None:
    assert policy.station_oversight_scope(commander) == force["station"].path
    assert policy.station_oversight_scope(inspector) == force["province"].path
    assert policy.station_oversight_scope(desk_officer) is None
    assert not policy.can_view_sla_breaches(investigator)
    assert policy.can_view_completeness(commander)


def test_commander_sees_own_station_most_overdue_first(
    cases: dict[str, Case], commander: User, client: Client
) -> None:
    sign_in(client, commander)
    html = client.get("/en/oversight/sla/").content.decode()
    assert _ids(html, cases) == ["first_late_1d", "late_5h", "risk_2h"]
    assert "overdue" in html and "left" in html
    breached = client.get("/en/oversight/sla/?state=breached").content.decode()
    assert _ids(breached, cases) == ["first_late_1d", "late_5h"]
    risk = client.get("/en/oversight/sla/?state=at_risk").content.decode()
    assert _ids(risk, cases) == ["risk_2h"]


def test_inspector_sees_the_units_below_and_filters_by_station(
    cases: dict[str, Case], inspector: User, client: Client
) -> None:
    sign_in(client, inspector)
    html = client.get("/en/oversight/sla/?state=breached").content.decode()
    assert _ids(html, cases) == ["first_late_1d", "late_5h", "outpost_late", "sibling_late"]
    one = client.get("/en/oversight/sla/?station=ST-102").content.decode()
    assert _ids(one, cases) == ["sibling_late"]


def test_another_station_s_commander_gets_404_for_this_station(
    cases: dict[str, Case], force: Any, client: Client
) -> None:
    other = UserFactory.create(username="cmd102", role=Role.COMMANDER, unit=force["sibling"])
    sign_in(client, other)
    assert client.get("/en/oversight/sla/?station=ST-101").status_code == 404
    assert client.get("/en/oversight/completeness/?station=ST-101").status_code == 404
    own = client.get("/en/oversight/sla/").content.decode()
    assert _ids(own, cases) == ["sibling_late"]


def _token(user: User) -> dict[str, str]:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return {"Authorization": f"Bearer {out.getvalue().strip()}"}


def test_api_lists_the_same(
    cases: dict[str, Case], commander: User, desk_officer: User, force: Any
) -> None:
    answer = Client().get("/api/v1/oversight/sla", headers=_token(commander))
    assert answer.status_code == 200, answer.content
    body = json.loads(answer.content)
    assert body["count"] == 3
    first = body["items"][0]
    assert first["id"] == str(cases["first_late_1d"].pk)
    assert (first["sla_state"], first["due_for"]) == ("breached", "first_response")
    assert 23 * 3600 < first["late_seconds"] < 25 * 3600
    assert body["items"][2]["late_seconds"] < 0  # at risk: time left
    refused = Client().get("/api/v1/oversight/sla", headers=_token(desk_officer))
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    outside = Client().get("/api/v1/oversight/sla?station=OP-201", headers=_token(commander))
    assert outside.status_code == 404


def test_missing_data_list_and_rate(
    force: Any, commander: User, inspector: User, client: Client
) -> None:
    thin = CaseFactory.create(address="")
    complete_closed = CaseFactory.create()
    thin_closed = CaseFactory.create()
    now = timezone.now()
    Case.objects.filter(pk__in=[complete_closed.pk, thin_closed.pk]).update(
        status="rejected", first_responded_at=now, last_activity_at=now
    )
    for case, reason in ((complete_closed, "خارج از صلاحیت"), (thin_closed, "")):
        row = Case.objects.get(pk=case.pk)
        row.rejection_reason = reason
        row.save()
    elsewhere = CaseFactory.create(station="OP-201")
    report = Report.objects.get(pk=elsewhere.report_id)
    report.address = ""
    report.save()

    sign_in(client, commander)
    html = client.get("/en/oversight/completeness/?days=30").content.decode()
    assert f'data-case="{thin.pk}" data-missing="location"' in html
    assert f'data-case="{thin_closed.pk}" data-missing="closing_reason"' in html
    assert str(complete_closed.pk) not in html and str(elsewhere.pk) not in html
    assert "Where it happened" in html
    assert "Completeness: 50%" in html
    fa = client.get("/fa/oversight/completeness/").content.decode()
    assert "محل رخداد" in fa

    sign_in(client, inspector)
    wide = client.get("/en/oversight/completeness/").content.decode()
    assert str(elsewhere.pk) in wide
