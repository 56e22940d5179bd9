"""Private files in and out: the one upload check, and the one way an uploaded file leaves the server.

On the way in, every upload field checks its file with an ``UploadRule``: the extension must be one the
field allows, the size within the field's limit, and the first bytes must fit the type the name claims
(polyglots and renamed executables fail). The browser's declared content type is never trusted; the
type we serve is derived from the extension once the content agrees with it.

On the way out, callers check who may see the file; ``private_file_response`` makes the response an
inert download (attachment, no sniffing, no scripts, not cached by shared caches).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lms.errors import ServiceError

DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"


def private_file_response(file, *, filename: str, content_type: str | None = None) -> FileResponse:
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


# extension -> (content type we serve, leading bytes the file must start with; None: UTF-8 text, no markup)
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "doc": ("application/msword", _OLE),
    "xls": ("application/vnd.ms-excel", _OLE),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    "odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
    "zip": ("application/zip", _ZIP),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
}
MAX_NAME = 200
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u202a-\u202e\u2066-\u2069]+")
_MARKUP = re.compile(rb"<\s*(html|script|svg|!doctype|iframe|body|head|meta)\b", re.IGNORECASE)


def clean_original_name(name: str) -> str:
    """A display name without any path, control characters or excess length."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    name = PurePosixPath(name).name
    name = _UNSAFE_NAME.sub("_", name).strip(" ._") or "file"
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: MAX_NAME - len(suffix)].rstrip(" ._") + suffix
    return name


@dataclass(frozen=True)
class UploadRule:
    """What one upload field accepts. Callable, so it serves as a form field validator as it is."""

    extensions: tuple[str, ...]
    max_bytes: int | None = None  # None: settings.LMS_UPLOAD_MAX_BYTES, read when the file arrives

    def __post_init__(self):
        unknown = set(self.extensions) - set(FILE_TYPES)
        if unknown:
            raise ValueError(f"No signature known for {sorted(unknown)}")

    @property
    def limit(self) -> int:
        return self.max_bytes if self.max_bytes is not None else settings.LMS_UPLOAD_MAX_BYTES

    def allowed(self) -> str:
        return ", ".join(sorted(self.extensions))

    def __call__(self, upload) -> None:
        check_upload(upload, rule=self)


def check_upload(upload, *, rule: UploadRule) -> tuple[str, str]:
    """Return ``(clean display name, content type)`` or raise ServiceError with a clear message.

    ServiceError is a ValidationError, so the same message reaches a form field or a service's caller.
    """
    if upload is None:
        raise ServiceError(_("Choose a file to upload."))
    name = clean_original_name(upload.name)
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in rule.extensions:
        raise ServiceError(
            _("Files of this type cannot be shared here. Allowed types: %(types)s.") % {"types": rule.allowed()}
        )
    if upload.size > rule.limit:
        raise ServiceError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(rule.limit)}
        )
    if upload.size == 0:
        raise ServiceError(_("The file is empty."))
    content_type, signatures = FILE_TYPES[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if signatures is not None:
        if not head.startswith(signatures):
            raise ServiceError(_("The file's content does not match its type (%(ext)s).") % {"ext": f".{extension}"})
        return name, content_type
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # a multi-byte character cut at the end is fine
            raise ServiceError(_("Text files must be UTF-8 encoded text.")) from None
    if b"\x00" in head:
        raise ServiceError(_("The file's content does not match its type (%(ext)s).") % {"ext": f".{extension}"})
    if _MARKUP.search(head):
        raise ServiceError(_("This looks like a web page or script, which cannot be shared here."))
    return name, content_type
