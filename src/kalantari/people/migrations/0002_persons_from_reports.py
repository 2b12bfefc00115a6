"""Move the identities filed with existing reports into the person registry.

One person per distinct national ID (by its blind index), linked to each of its reports as
the complainant, at the report's station; a report without a national ID gets a person of
its own; anonymous tips and reports whose personal data retention removed get none. The
reports keep their as-filed identity untouched. Safe to run again: a report that already
has its complainant linked is skipped. Going back deletes the persons this migration made,
with every link to them.
"""

import logging

from django.db import migrations

from kalantari.core import crypto
from kalantari.core.ids import uuid7
from kalantari.core.sealing import raw_rows
from kalantari.core.text import normalise

logger = logging.getLogger("kalantari.crypto")
SOURCE = "migration"
FIELDS = ("complainant_name", "national_id", "mobile")


def _opened(stored, column, pk):
    if not stored:
        return ""
    return crypto.decrypt(stored, context=crypto.row_context(f"intake.report.{column}", pk))


def forwards(apps, schema_editor):
    Report = apps.get_model("intake", "Report")
    Unit = apps.get_model("org", "OrgUnit")
    Person = apps.get_model("people", "Person")
    Link = apps.get_model("people", "PersonLink")
    connection = schema_editor.connection
    linked = set(
        Link.objects.filter(role="complainant", subject_kind="report").values_list(
            "subject_id", flat=True
        )
    )
    paths = dict(Unit.objects.values_list("pk", "path"))
    fields = [Report._meta.get_field(name) for name in FIELDS]
    meta = {
        str(pk): (anonymous, anonymised, station)
        for pk, anonymous, anonymised, station in Report.objects.values_list(
            "pk", "anonymous", "anonymised_at", "station_id"
        )
    }
    by_index = {}
    for pk, values in raw_rows(connection, Report, fields):
        anonymous, anonymised, station_id = meta[str(pk)]
        if anonymous or anonymised is not None or str(pk) in linked:
            continue
        try:
            name, national_id, mobile = (
                _opened(v, f.name, pk) for f, v in zip(fields, values, strict=True)
            )
        except crypto.KeyError_ as exc:
            logger.error("persons from reports: report %s does not open (%s); skipped", pk, exc)
            continue
        if not (name or national_id):
            continue
        path = paths.get(station_id, "/")
        person = None
        if national_id:
            nid_index = crypto.blind_index("national_id", national_id)
            candidates = crypto.blind_index_candidates("national_id", national_id)
            person = by_index.get(nid_index) or (
                Person.objects.filter(national_id_index__in=candidates, merged_into__isnull=True)
                .order_by("created_at")
                .first()
            )
        if person is None:
            words = name.split()
            given, family = (words[0], " ".join(words[1:])) if len(words) > 1 else ("", name)
            person = Person(
                id=uuid7(),
                given_name=given,
                family_name=family,
                national_id=national_id,
                mobile=mobile,
                national_id_index=crypto.blind_index("national_id", national_id),
                mobile_index=crypto.blind_index("mobile", mobile),
                name_index=crypto.token_index("name", normalise(name)),
                index_key=crypto.current_index_key_id(),
                unit_path=path,
                source=SOURCE,
            )
            person.save()
            if national_id:
                by_index[person.national_id_index] = person
        Link.objects.create(
            id=uuid7(),
            person=person,
            role="complainant",
            subject_kind="report",
            subject_id=str(pk),
            unit_path=path,
            created_by_id=None,
        )


def backwards(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Link = apps.get_model("people", "PersonLink")
    made = Person.objects.filter(source=SOURCE)
    Link.objects.filter(merged_from__in=made).update(merged_from=None)
    Link.objects.filter(person__in=made).delete()
    Person.objects.filter(source=SOURCE, merged_into__isnull=False).update(merged_into=None)
    Person.objects.filter(merged_into__in=made).update(merged_into=None, merged_at=None)
    made.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("intake", "0009_report_index_key"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
