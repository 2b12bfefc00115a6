"""Uploaded files: type by content (not by name), images re-encoded without metadata, PDFs
without active content, sealed at rest.

What a file may cost is limited before the expensive step, never after it:
- the upload handler (`UploadLimitHandler`, in settings.FILE_UPLOAD_HANDLERS) counts files
  and bytes while the request is read, skips a file past the size limit or past the number
  of files without storing it, and stops reading a request that is far too large;
- an image's pixel count is read from its header and refused above `MAX_IMAGE_PIXELS`
  before it is decoded (a 252 KB PNG once decoded to 700 MB);
- a PDF is scanned (its compressed object streams too) for JavaScript, embedded files,
  launch actions and other active content, and refused if it has any.
Stored files are sealed with the key ring (AES-256-GCM, bound to their attachment), so a
copied upload folder shows nothing; `read_attachment` opens them for the audited download.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from kalantari.core import crypto
from kalantari.core.errors import ValidationFailed
from kalantari.core.text import to_persian_digits

MAX_IMAGE_PIXELS = 40_000_000
# PIL's own guard: it warns past this and refuses past twice this; our check comes first.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
REFUSED_TOO_LARGE = "file_too_large"
REFUSED_TOO_MANY = "too_many_files"


@dataclass(frozen=True)
class IncomingFile:
    """A file as received, before any checking.

    `refused` is set when the upload handler already refused it while reading the request
    (its content was never kept): the check then reports that reason beside the field.
    """

    name: str
    content: bytes
    field_name: str = ""
    refused: str = ""


@dataclass(frozen=True)
class CleanFile:
    name: str
    content: bytes
    content_type: str
    sha256: str
    field_name: str


# --- reading the request ----------------------------------------------------------------------


def files_allowed() -> int:
    """Files one request may carry: the general attachments and a few photo fields."""
    return int(settings.KALANTARI_UPLOAD_MAX_FILES) + 3


class UploadLimitHandler(FileUploadHandler):
    """Counts files and bytes as a multipart request is read; refuses before storing.

    A file past the size limit, or past the number of files, is skipped (its bytes are
    read off the socket and dropped, never kept in memory or on disk) and noted on the
    request, so the page or API can say which file and why; a request carrying far more
    than any allowed upload is not read further. The next handlers (Django's) store
    what passes, on disk past FILE_UPLOAD_MAX_MEMORY_SIZE.
    """

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.count = 0
        self.size = 0
        self.total = 0
        self.skipping = False

    def _note(self, code: str) -> None:
        if self.request is not None:
            refused = getattr(self.request, "upload_refusals", None)
            if refused is None:
                refused = []
                setattr(self.request, "upload_refusals", refused)  # noqa: B010
            refused.append((self.field_name, self.file_name or "file", code))

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.count += 1
        self.size = 0
        # Skipped at its first chunk, not here: Django closes every handler's current
        # file on SkipFile, and here the next handlers still hold the previous (kept) file.
        self.skipping = self.count > files_allowed()
        if self.skipping:
            self._note(REFUSED_TOO_MANY)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.skipping:
            raise SkipFile
        self.size += len(raw_data)
        self.total += len(raw_data)
        limit = int(settings.KALANTARI_UPLOAD_MAX_BYTES)
        if self.total > limit * (files_allowed() + 1):
            self._note(REFUSED_TOO_LARGE)
            raise StopUpload(connection_reset=True)
        if self.size > limit:
            self._note(REFUSED_TOO_LARGE)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def refused_uploads(request: Any) -> list[IncomingFile]:
    """The files the upload handler refused while reading `request`, as placeholders."""
    return [
        IncomingFile(name=name, content=b"", field_name=field, refused=code)
        for field, name, code in getattr(request, "upload_refusals", [])
    ]


# --- checking ---------------------------------------------------------------------------------


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


def _number(n: int) -> str:
    """A number as the reader's language writes it (Persian digits in Persian)."""
    return to_persian_digits(str(n)) if translation.get_language() == "fa" else str(n)


def _too_many_pixels(field: str) -> ValidationFailed:
    return ValidationFailed(
        _("This image is too large (more than %(n)s million pixels); send a smaller photo.")
        % {"n": _number(MAX_IMAGE_PIXELS // 1_000_000)},
        code="image_too_large",
        field=field,
    )


def _to_srgb(img: Image.Image) -> Image.Image:
    """Colours as the ICC profile meant them, so dropping the profile keeps them."""
    icc = img.info.get("icc_profile")
    if not icc or img.mode not in ("RGB", "RGBA"):
        return img
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img
    return converted if converted is not None else img


def _reencode(content: bytes, content_type: str, field: str) -> bytes:
    """Decode and encode again: drops EXIF (GPS, camera), comments, ICC profiles, text
    chunks and anything hidden after the image; refuses a pixel bomb before decoding."""
    try:
        with Image.open(io.BytesIO(content)) as img:
            width, height = img.size  # from the header: nothing is decoded yet
            if width * height > MAX_IMAGE_PIXELS:
                raise _too_many_pixels(field)
            img.load()
            upright: Image.Image = ImageOps.exif_transpose(img) or img
            upright.info = dict(img.info)
            clean = _to_srgb(upright).copy()
            clean.info = {}  # Pillow carries comments and profiles over from `info`
            out = io.BytesIO()
            if content_type == "image/jpeg":
                clean.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            elif content_type == "image/png":
                clean.save(out, "PNG", optimize=True)
            else:
                clean.save(out, "WEBP", quality=90)
            return out.getvalue()
    except Image.DecompressionBombError:
        raise _too_many_pixels(field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationFailed(
            _("This image is damaged or not really an image."),
            code="file_corrupt",
            field=field,
        ) from None


# Names that make a PDF do something when opened: scripts, embedded files, launching
# programs, actions on open/close/page events, Flash and forms that run code.
PDF_ACTIVE_NAMES = frozenset(
    {
        b"JS",
        b"JavaScript",
        b"EmbeddedFile",
        b"EmbeddedFiles",
        b"Launch",
        b"AA",
        b"RichMedia",
        b"XFA",
        b"ImportData",
        b"SubmitForm",
    }
)
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")
PDF_INFLATE_LIMIT = 64 * 1024 * 1024


def _pdf_names(data: bytes) -> set[bytes]:
    """Every name in `data`, with #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    return {
        _PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        for match in _PDF_NAME.finditer(data)
    }


def _pdf_parts(content: bytes) -> list[bytes]:
    """The raw file and every stream that inflates (object streams hide objects inside)."""
    parts = [content]
    budget = PDF_INFLATE_LIMIT
    for match in _PDF_STREAM.finditer(content):
        start = match.end()
        end = content.find(b"endstream", start)
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(content[start:end], budget + 1)
        except zlib.error:
            continue  # an image or another filter: no objects inside
        budget -= len(inflated)
        if budget < 0:
            raise ValueError("inflates past the limit")
        parts.append(inflated)
    return parts


def check_pdf(content: bytes, field: str) -> None:
    """Refuse a PDF with active content (scripts, embedded files, launch actions …)."""
    try:
        names: set[bytes] = set()
        for part in _pdf_parts(content):
            names |= _pdf_names(part)
    except ValueError:
        raise ValidationFailed(
            _("This PDF could not be checked; print it to a new PDF and send that."),
            code="pdf_uncheckable",
            field=field,
        ) from None
    if names & PDF_ACTIVE_NAMES:
        raise ValidationFailed(
            _(
                "This PDF contains scripts, embedded files or actions, which are not accepted; "
                "print it to a new PDF and send that."
            ),
            code="pdf_active_content",
            field=field,
        )


def _refusal(incoming: IncomingFile, field: str) -> ValidationFailed:
    if incoming.refused == REFUSED_TOO_MANY:
        return _too_many_files()
    limit = settings.KALANTARI_UPLOAD_MAX_BYTES
    return ValidationFailed(
        _("“%(name)s” is too large; the limit is %(mb)d MB.")
        % {"name": incoming.name[:80], "mb": limit // (1024 * 1024)},
        code="file_too_large",
        field=field,
    )


def clean_file(incoming: IncomingFile) -> CleanFile:
    """Check one file and return what will be stored."""
    field = incoming.field_name or "attachments"
    if incoming.refused or len(incoming.content) > settings.KALANTARI_UPLOAD_MAX_BYTES:
        raise _refusal(incoming, field)
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
        content = _reencode(content, content_type, field)
    else:
        check_pdf(content, field)
    stem = "".join(ch for ch in incoming.name.rsplit(".", 1)[0] if ch.isalnum() or ch in "-_")
    name = f"{stem[:60] or 'file'}.{EXTENSIONS[content_type]}"
    return CleanFile(
        name=name,
        content=content,
        content_type=content_type,
        sha256=hashlib.sha256(content).hexdigest(),
        field_name=incoming.field_name,
    )


def _too_many_files() -> ValidationFailed:
    return ValidationFailed(
        _("At most %(n)d files may be attached.") % {"n": settings.KALANTARI_UPLOAD_MAX_FILES},
        code="too_many_files",
        field="attachments",
    )


def clean_files(files: list[IncomingFile]) -> list[CleanFile]:
    if len(files) > settings.KALANTARI_UPLOAD_MAX_FILES or any(
        f.refused == REFUSED_TOO_MANY for f in files
    ):
        raise _too_many_files()
    return [clean_file(f) for f in files]


# --- at rest ----------------------------------------------------------------------------------

SEALED_MAGIC = b"KALF1\n"
NONCE_BYTES = 12


def _file_context(attachment_id: Any) -> bytes:
    return f"intake.attachment.file:{attachment_id}".encode()


def seal_file(content: bytes, *, attachment_id: Any) -> bytes:
    """The bytes written to disk: magic, key id, nonce, AES-256-GCM of the whole file."""
    ring = crypto.keyring()
    key_id = ring.current.encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(ring.data_keys[ring.current]).encrypt(
        nonce, content, _file_context(attachment_id)
    )
    return SEALED_MAGIC + bytes([len(key_id)]) + key_id + nonce + sealed


def is_sealed(stored: bytes) -> bool:
    return stored.startswith(SEALED_MAGIC)


def open_file(stored: bytes, *, attachment_id: Any) -> bytes:
    """The plaintext of a stored file (files from before sealing pass through)."""
    if not is_sealed(stored):
        return stored
    at = len(SEALED_MAGIC)
    key_length = stored[at]
    key_id = stored[at + 1 : at + 1 + key_length].decode()
    body = stored[at + 1 + key_length :]
    ring = crypto.keyring()
    if key_id not in ring.data_keys:
        ring = crypto.keyring(refresh=True)
    try:
        return AESGCM(ring.data_keys[key_id]).decrypt(
            body[:NONCE_BYTES], body[NONCE_BYTES:], _file_context(attachment_id)
        )
    except (KeyError, InvalidTag) as exc:
        raise crypto.KeyError_("a stored file does not open with its key") from exc


def stored_name(attachment_id: Any) -> str:
    """A name on disk that says nothing about the file or its owner."""
    return f"{attachment_id}.sealed"


def read_attachment(attachment: Any) -> bytes:
    """The plaintext of an attachment's file (for the audited download)."""
    with attachment.file.open("rb") as handle:
        return open_file(handle.read(), attachment_id=attachment.pk)
