"""Uploaded files: type by content (not by name), images re-encoded without metadata, hashed."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from kalantari.core.errors import ValidationFailed

Image.MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class IncomingFile:
    """A file as received, before any checking."""

    name: str
    content: bytes
    field_name: str = ""


@dataclass(frozen=True)
class CleanFile:
    name: str
    content: bytes
    content_type: str
    sha256: str
    field_name: str


def sniff(content: bytes) -> str | None:
    """The real type from the first bytes, or None when it is not one we accept."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    return None


EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


def _reencode(content: bytes, content_type: str) -> bytes:
    """Decode and encode again: drops EXIF (GPS, camera) and anything hidden after the image."""
    try:
        with Image.open(io.BytesIO(content)) as img:
            img.load()
            upright: Image.Image = ImageOps.exif_transpose(img) or img
            out = io.BytesIO()
            if content_type == "image/jpeg":
                upright.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            elif content_type == "image/png":
                upright.save(out, "PNG", optimize=True)
            else:
                upright.save(out, "WEBP", quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed(
            _("This image is damaged or not really an image."),
            code="file_corrupt",
            field="attachments",
        ) from None


def clean_file(incoming: IncomingFile) -> CleanFile:
    """Check one file and return what will be stored."""
    field = incoming.field_name or "attachments"
    limit = settings.KALANTARI_UPLOAD_MAX_BYTES
    if len(incoming.content) > limit:
        raise ValidationFailed(
            _("“%(name)s” is too large; the limit is %(mb)d MB.")
            % {"name": incoming.name[:80], "mb": limit // (1024 * 1024)},
            code="file_too_large",
            field=field,
        )
    if not incoming.content:
        raise ValidationFailed(_("The file is empty."), code="file_empty", field=field)
    content_type = sniff(incoming.content)
    if content_type is None:
        raise ValidationFailed(
            _("“%(name)s” is not an image (JPEG, PNG, WebP) or a PDF.")
            % {"name": incoming.name[:80]},
            code="file_type_refused",
            field=field,
        )
    if field != "attachments" and not content_type.startswith("image/"):
        raise ValidationFailed(_("A photo is needed here."), code="photo_required", field=field)
    content = incoming.content
    if content_type.startswith("image/"):
        content = _reencode(content, content_type)
    stem = "".join(ch for ch in incoming.name.rsplit(".", 1)[0] if ch.isalnum() or ch in "-_")
    name = f"{stem[:60] or 'file'}.{EXTENSIONS[content_type]}"
    return CleanFile(
        name=name,
        content=content,
        content_type=content_type,
        sha256=hashlib.sha256(content).hexdigest(),
        field_name=incoming.field_name,
    )


def clean_files(files: list[IncomingFile]) -> list[CleanFile]:
    if len(files) > settings.KALANTARI_UPLOAD_MAX_FILES:
        raise ValidationFailed(
            _("At most %(n)d files may be attached.") % {"n": settings.KALANTARI_UPLOAD_MAX_FILES},
            code="too_many_files",
            field="attachments",
        )
    return [clean_file(f) for f in files]
