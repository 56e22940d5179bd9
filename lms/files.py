"""Serving private files: the one way an uploaded file leaves the server.

Callers check who may see the file; this makes the response an inert download
(attachment, no sniffing, no scripts, not cached by shared caches). Uploads are checked on the
way in too: their first bytes must fit the type their name claims.
"""

from django.http import FileResponse, Http404

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


# Leading bytes each accepted type must start with (None: text, which must hold no NUL byte).
_ZIP = (b"PK\x03\x04",)
FILE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "zip": _ZIP,
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "txt": None,
    "csv": None,
}


def content_matches_name(upload) -> bool:
    """Whether an upload's first bytes fit the type its name claims (polyglots and renamed files fail)."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_SIGNATURES:
        return False
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = FILE_SIGNATURES[extension]
    if signatures is None:
        return b"\x00" not in head
    return head.startswith(signatures)
