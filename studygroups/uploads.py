"""What a shared document may be: checked by name, by size and by its first bytes.

The declared content type comes from the browser and is never trusted; the type we
serve is derived from the extension once the file's signature agrees with it.
"""

import re
import unicodedata
from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lms.errors import ServiceError

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".odp": ("application/vnd.oasis.opendocument.presentation", (ZIP,)),
    ".doc": ("application/msword", (OLE,)),
    ".xls": ("application/vnd.ms-excel", (OLE,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain", None),
    ".csv": ("text/csv", None),
}
MAX_NAME = 200
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_MARKUP = re.compile(rb"<\s*(html|script|svg|!doctype|iframe|body|head|meta)\b", re.IGNORECASE)


def allowed_extensions() -> list[str]:
    return sorted(ext.lstrip(".") for ext in ALLOWED_TYPES)


def clean_original_name(name: str) -> str:
    """A display name without any path, control characters or excess length."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/")
    name = PurePosixPath(name).name
    name = _UNSAFE_NAME.sub("_", name).strip(" ._") or "file"
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: MAX_NAME - len(suffix)].rstrip(" ._") + suffix
    return name


def check_upload(upload) -> tuple[str, str]:
    """Return ``(display name, content type)`` or raise ServiceError with a clear message."""
    if upload is None:
        raise ServiceError(_("Choose a file to upload."))
    name = clean_original_name(upload.name)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ServiceError(
            _("Files of this type cannot be shared here. Allowed types: %(types)s.")
            % {"types": ", ".join(allowed_extensions())}
        )
    limit = settings.LMS_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ServiceError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ServiceError(_("The file is empty."))
    content_type, signatures = ALLOWED_TYPES[suffix]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if signatures is not None and not head.startswith(signatures):
        raise ServiceError(_("The file's content does not match its type (%(ext)s).") % {"ext": suffix})
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a multi-byte character cut at the end is fine
                raise ServiceError(_("Text files must be UTF-8 encoded text."))
        if _MARKUP.search(head):
            raise ServiceError(_("This looks like a web page or script, which cannot be shared here."))
    return name, content_type
