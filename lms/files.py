"""Serving private files: the one way an uploaded file leaves the server.

Callers check who may see the file; this makes the response an inert download
(attachment, no sniffing, no scripts, not cached by shared caches).
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
