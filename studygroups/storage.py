"""Where shared documents live: never under MEDIA_ROOT, never with a public URL.

Files of a members-only workspace must only leave through the permission-checked
download view, so the storage has no URL and sits outside the public media folder
(or, on S3, under a private prefix with private ACLs and signed access only).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        root = getattr(settings, "LMS_PRIVATE_MEDIA_ROOT", None)
        return str(Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private-media")

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise NotImplementedError("Private files have no URL; use the download view.")


def private_storage():
    """The storage for members-only files (a callable so migrations stay stable)."""
    if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
        from storages.backends.s3 import S3Storage

        return S3Storage(
            location="private/studygroups", default_acl="private", querystring_auth=True, custom_domain=None
        )
    return PrivateFileSystemStorage()
