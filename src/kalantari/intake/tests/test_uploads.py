"""Issue 6 item 9: uploads cost bounded work, carry no hidden content and are sealed at rest."""

from __future__ import annotations

import io
import struct
import time
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image, ImageCms

from kalantari.core.errors import InvalidInput, ValidationFailed
from kalantari.intake.files import IncomingFile, clean_file, clean_files, read_attachment
from kalantari.intake.models import Attachment, Report
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


def png_bomb() -> bytes:
    """1 x 50,000,000 pixels in about 50 KB: decoding it would take 50 MB and seconds."""
    out = io.BytesIO()
    Image.new("1", (1, 50_000_000)).save(out, "PNG")
    return out.getvalue()


def png_header_bomb() -> bytes:
    """A PNG whose header claims 50,000 x 50,000 pixels (2.5 Gpx), with a tiny body."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("bomb", [png_bomb, png_header_bomb])
def test_a_pixel_bomb_is_refused_before_it_is_decoded(bomb: Any) -> None:
    content = bomb()
    assert len(content) < 300_000
    started = time.perf_counter()
    with pytest.raises(ValidationFailed) as refused:
        clean_file(IncomingFile(name="bomb.png", content=content))
    assert refused.value.code == "image_too_large"
    assert refused.value.field == "attachments"
    assert time.perf_counter() - started < 1.0


def jpeg_with_comment_and_icc() -> bytes:
    img = Image.new("RGB", (64, 48), (10, 120, 200))
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "JPEG", comment=b"SECRET-COMMENT-4711", icc_profile=icc)
    return out.getvalue()


def test_jpeg_comments_and_icc_profiles_are_stripped() -> None:
    content = jpeg_with_comment_and_icc()
    assert b"SECRET-COMMENT-4711" in content and b"ICC_PROFILE" in content
    clean = clean_file(IncomingFile(name="photo.jpg", content=content))
    assert b"SECRET-COMMENT-4711" not in clean.content
    assert b"ICC_PROFILE" not in clean.content
    assert b"\xff\xfe" not in clean.content  # no COM segment at all
    with Image.open(io.BytesIO(clean.content)) as img:
        assert "icc_profile" not in img.info and "comment" not in img.info


def pdf(body: bytes) -> bytes:
    return b"%PDF-1.7\n1 0 obj\n" + body + b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    "body",
    [
        b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>",
        b"<< /S /Launch /F (cmd.exe) >>",
        b"<< /Type /Catalog /AA << /O 3 0 R >> >>",
        b"<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>",
    ],
)
def test_pdfs_with_active_content_are_refused(body: bytes) -> None:
    with pytest.raises(ValidationFailed) as refused:
        clean_file(IncomingFile(name="letter.pdf", content=pdf(body)))
    assert refused.value.code == "pdf_active_content"


def test_javascript_hidden_in_a_compressed_object_stream_is_found() -> None:
    hidden = zlib.compress(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>")
    body = (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(hidden)).encode()
        + b" >>\nstream\n"
        + hidden
        + b"\nendstream"
    )
    assert b"JavaScript" not in pdf(body)
    with pytest.raises(ValidationFailed) as refused:
        clean_file(IncomingFile(name="letter.pdf", content=pdf(body)))
    assert refused.value.code == "pdf_active_content"


def test_a_plain_pdf_is_accepted() -> None:
    plain = pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>")
    assert clean_file(IncomingFile(name="letter.pdf", content=plain)).content == plain


def form(**overrides: Any) -> dict[str, Any]:
    yesterday = timezone.localtime() - timedelta(days=1)
    return {
        "idempotency_key": "upload-1",
        "category": "theft_home",
        "statement": "They broke in and took the jewellery.",
        "occurred_date": yesterday.strftime("%Y-%m-%d"),
        "station": "ST-101",
        "name": "Sara",
        "national_id": "0499370899",
        "mobile": "09121234567",
    } | overrides


def small_png(n: int = 0) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (n, 0, 0)).save(out, "PNG")
    return SimpleUploadedFile(f"p{n}.png", out.getvalue(), content_type="image/png")


def test_too_many_files_is_a_field_error_and_keeps_the_form(
    client: Client, force: Any, settings: Any
) -> None:
    settings.KALANTARI_UPLOAD_MAX_FILES = 2
    answer = client.post("/en/report/", form() | {"attachments": [small_png(n) for n in range(9)]})
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "At most 2 files may be attached." in html
    assert "They broke in and took the jewellery." in html
    assert not Report.objects.exists()


def test_a_file_past_the_size_limit_is_not_kept_and_is_a_field_error(
    client: Client, force: Any, settings: Any
) -> None:
    settings.KALANTARI_UPLOAD_MAX_BYTES = 64 * 1024
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 200_000)
    answer = client.post("/en/report/", form() | {"attachments": [big]})
    assert answer.status_code == 422
    assert "is too large; the limit is" in answer.content.decode()
    assert not Report.objects.exists()


def test_api_refuses_too_many_files_before_decoding(
    client: Client, force: Any, report_payload: dict[str, Any], settings: Any
) -> None:
    settings.KALANTARI_UPLOAD_MAX_FILES = 1
    body = report_payload | {
        "attachments": [{"filename": "a.png", "content_base64": "!!!not base64"}] * 3
    }
    import json

    answer = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["code"] == "too_many_files"


def test_files_are_sealed_on_disk_and_open_for_the_audited_download(
    client: Client, force: Any, desk_officer: Any, settings: Any
) -> None:
    plain = pdf(b"<< /Type /Catalog /Title (Sara Rezaei bank statement PLAINTEXT-MARK) >>")
    upload = SimpleUploadedFile("sara-rezaei-statement.pdf", plain)
    sent = client.post("/en/report/", form() | {"attachments": [upload]})
    assert sent.status_code == 302
    attachment = Attachment.objects.get()
    on_disk = Path(attachment.file.path).read_bytes()
    assert b"PLAINTEXT-MARK" not in on_disk and b"%PDF" not in on_disk
    assert "sara" not in attachment.file.name.lower()
    assert read_attachment(attachment) == plain
    sign_in(client, desk_officer)
    case = Report.objects.get().case
    download = client.get(f"/fa/desk/cases/{case.pk}/files/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == plain  # type: ignore[attr-defined]


def test_files_stored_before_sealing_are_sealed_by_the_command(
    new_case: Any, settings: Any
) -> None:
    from django.core.files.base import ContentFile

    plain = pdf(b"<< /Title (LEGACY-PLAINTEXT) >>")
    legacy = Attachment(
        report=new_case.report,
        original_name="old.pdf",
        content_type="application/pdf",
        size=len(plain),
        sha256="-",
    )
    legacy.file.save("old-sara.pdf", ContentFile(plain), save=False)
    legacy.save()
    assert read_attachment(legacy) == plain  # still readable before the command
    call_command("attachments_seal", stdout=io.StringIO())
    legacy.refresh_from_db()
    assert b"LEGACY-PLAINTEXT" not in Path(legacy.file.path).read_bytes()
    assert read_attachment(legacy) == plain
    assert not (Path(settings.MEDIA_ROOT) / "old-sara.pdf").exists()


def test_clean_files_counts_refused_placeholders() -> None:
    with pytest.raises(ValidationFailed):
        clean_files([IncomingFile(name="x", content=b"", refused="too_many_files")])
    with pytest.raises((ValidationFailed, InvalidInput)):
        clean_files([IncomingFile(name="x", content=b"", refused="file_too_large")])
