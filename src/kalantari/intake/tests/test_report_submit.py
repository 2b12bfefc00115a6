"""report_submit: what a citizen's report becomes, and every way bad input is refused."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, CaseEvent, Status
from kalantari.cases.services import report_submit
from kalantari.core.errors import InvalidInput, ValidationFailed
from kalantari.intake.files import IncomingFile, read_attachment
from kalantari.intake.models import Attachment, Report
from kalantari.intake.services import ReportDraft

pytestmark = pytest.mark.django_db


def draft(**overrides: Any) -> ReportDraft:
    yesterday = timezone.localtime() - timedelta(days=1)
    values: dict[str, Any] = {
        "category": "theft_pickpocket",
        "statement": "گوشی‌ام را در اتوبوس زدند.",
        "occurred_date": yesterday.strftime("%Y-%m-%d"),
        "occurred_time": "10:30",
        "station": "ST-101",
        "name": "رضا کریمی",
        "national_id": "0499370899",
        "mobile": "09121234567",
    }
    values.update(overrides)
    return ReportDraft(**values)


def field_codes(exc: ValidationFailed) -> dict[str | None, str]:
    errors = exc.errors if isinstance(exc, InvalidInput) else [exc]
    return {e.field: e.code for e in errors}


def jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_report_becomes_a_case_at_the_chosen_station(force: dict[str, Any]) -> None:
    outcome = report_submit(actor=None, draft=draft())
    report = Report.objects.get()
    case = Case.objects.get()
    assert outcome.body["tracking_code"].replace("-", "") == report.tracking_code
    assert case.report == report and case.station == force["station"]
    assert case.status == Status.RECEIVED
    assert report.routing_reason == "chosen"
    assert report.national_id == "0499370899" and report.mobile == "09121234567"
    assert case.priority == report.category.default_priority
    assert case.first_response_due > report.created_at
    event = CaseEvent.objects.get(case=case)
    assert event.kind == "opened" and event.to_status == Status.RECEIVED
    audit = AuditEvent.objects.get(action="report.submitted")
    assert audit.target_id == str(report.pk)
    # Personal data is referenced, never copied into the log.
    assert "0499370899" not in str(audit.changes) and "09121234567" not in str(audit.changes)


def test_persian_and_arabic_digits_are_accepted(force: dict[str, Any]) -> None:
    yesterday = timezone.localtime() - timedelta(days=1)
    import jdatetime

    j = jdatetime.date.fromgregorian(date=yesterday.date())
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    report_submit(
        actor=None,
        draft=draft(
            occurred_date=j.strftime("%Y/%m/%d").translate(persian),
            occurred_time="۰۹:۱۵",
            national_id="0499370899".translate(persian),
            mobile="+98 912 123 4567".translate(arabic),
        ),
    )
    report = Report.objects.get()
    assert report.national_id == "0499370899"
    assert report.mobile == "09121234567"
    local = timezone.localtime(report.occurred_at)
    assert local.date() == yesterday.date() and (local.hour, local.minute) == (9, 15)


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"national_id": "0499370898"}, "national_id", "national_id_invalid"),
        ({"national_id": "1111111111"}, "national_id", "national_id_invalid"),
        ({"national_id": ""}, "national_id", "required"),
        ({"mobile": "0912123"}, "mobile", "mobile_invalid"),
        ({"statement": "   "}, "statement", "required"),
        ({"statement": "x" * 10_001}, "statement", "too_long"),
        ({"name": "ن" * 201}, "name", "too_long"),
        ({"category": "no_such_kind"}, "category", "category_unknown"),
        ({"station": "ST-999"}, "station", "station_unknown"),
        ({"occurred_date": "1403/13/40"}, "occurred_date", "date_invalid"),
        ({"latitude": "north"}, "latitude", "location_invalid"),
    ],
)
def test_bad_input_is_refused_with_the_field(
    force: dict[str, Any], overrides: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(**overrides))
    assert field_codes(info.value).get(field) == code
    assert not Report.objects.exists()


def test_a_date_in_the_future_is_refused(force: dict[str, Any]) -> None:
    tomorrow = timezone.localtime() + timedelta(days=2)
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(occurred_date=tomorrow.strftime("%Y-%m-%d")))
    assert field_codes(info.value)["occurred_date"] == "date_in_future"


def test_every_bad_field_is_reported_at_once(force: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as info:
        report_submit(actor=None, draft=draft(national_id="123", mobile="1", statement=""))
    assert set(field_codes(info.value)) >= {"national_id", "mobile", "statement"}


def test_vehicle_theft_needs_its_plate(force: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(category="theft_vehicle"))
    assert field_codes(info.value)["extra.plate"] == "required"
    report_submit(
        actor=None,
        draft=draft(
            category="theft_vehicle",
            extra={"plate": "۱۲ ب ۳۴۵ ایران ۶۷", "vehicle": "پژو ۲۰۶ سفید"},
        ),
    )
    assert Report.objects.get().extra["plate"] == "12ب345-67"


def test_missing_person_needs_description_place_time_and_photo(force: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as info:
        report_submit(actor=None, draft=draft(category="missing_person"))
    assert {
        "extra.description",
        "extra.last_seen_place",
        "extra.last_seen_at",
        "extra.photo",
    } <= set(field_codes(info.value))
    yesterday = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d")
    report_submit(
        actor=None,
        draft=draft(
            category="missing_person",
            extra={
                "description": "پسر ۱۰ ساله، کاپشن آبی",
                "last_seen_place": "پارک ملت",
                "last_seen_at": f"{yesterday} 17:00",
            },
            files=[IncomingFile(name="boy.jpg", content=jpeg_with_exif(), field_name="photo")],
        ),
    )
    assert Attachment.objects.get().field_name == "photo"


def test_anonymous_tip_asks_no_personal_data_and_gets_a_pin(force: dict[str, Any]) -> None:
    outcome = report_submit(
        actor=None,
        draft=draft(category="tip_narcotics", anonymous=True, name="", national_id="", mobile=""),
    )
    report = Report.objects.get()
    assert report.anonymous and not report.national_id and not report.mobile
    assert len(outcome.body["pin"]) == 8 and outcome.body["pin"].isdigit()
    assert report.pin_hash and outcome.body["pin"] not in report.pin_hash


def test_anonymous_is_refused_where_the_category_does_not_allow_it(force: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(anonymous=True))
    assert field_codes(info.value)["anonymous"] == "anonymous_not_allowed"


def test_forged_image_is_refused_by_content(force: dict[str, Any]) -> None:
    exe = b"MZ\x90\x00" + b"\x00" * 200
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(files=[IncomingFile(name="photo.jpg", content=exe)]))
    assert field_codes(info.value)["attachments"] == "file_type_refused"
    assert not Report.objects.exists()


def test_oversized_file_is_refused(force: dict[str, Any], settings: Any) -> None:
    settings.KALANTARI_UPLOAD_MAX_BYTES = 1000
    big = b"%PDF-1.4\n" + b"0" * 2000
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(files=[IncomingFile(name="a.pdf", content=big)]))
    assert field_codes(info.value)["attachments"] == "file_too_large"


def test_images_lose_their_exif_and_keep_a_sha256(force: dict[str, Any]) -> None:
    import hashlib

    original = jpeg_with_exif()
    assert b"SpyCam" in original
    report_submit(actor=None, draft=draft(files=[IncomingFile(name="x.jpg", content=original)]))
    attachment = Attachment.objects.get()
    stored = read_attachment(attachment)  # sealed on disk; the download opens it
    assert b"SpyCam" not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert not img.getexif()
    assert attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert attachment.content_type == "image/jpeg"


def test_routing_by_location_picks_the_nearest_station_of_the_county(force: dict[str, Any]) -> None:
    # Near Niavaran (ST-102), inside county THR-C1.
    report_submit(
        actor=None,
        draft=draft(station="", county="THR-C1", latitude="35.8160", longitude="51.4690"),
    )
    report = Report.objects.get()
    assert report.station == force["sibling"]
    assert report.routing_reason == "nearest_in_county"
    assert "ST-102" in report.routing_detail


def test_routing_without_county_takes_the_nearest_anywhere(force: dict[str, Any]) -> None:
    report_submit(actor=None, draft=draft(station="", latitude="35.5210", longitude="51.3610"))
    assert Report.objects.get().station == force["outpost"]


def test_routing_by_county_alone_takes_its_24_7_station(force: dict[str, Any]) -> None:
    report_submit(actor=None, draft=draft(station="", county="THR-C1"))
    report = Report.objects.get()
    assert report.station == force["station"] and report.routing_reason == "county_default"


def test_no_station_no_county_no_location_is_refused(force: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as info:
        report_submit(actor=None, draft=draft(station=""))
    assert field_codes(info.value)["station"] == "station_required"
