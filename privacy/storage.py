"""Where data-export archives live: outside the public media folder, with no URL.

They leave only through the owner-checked download view.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        root = getattr(settings, "LMS_PRIVATE_MEDIA_ROOT", None)
        return str((Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private-media") / "data-exports")

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise NotImplementedError("Private files have no URL; use the download view.")


def private_storage():
    """A callable, so migrations stay the same whichever backend a deployment uses."""
    if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
        from storages.backends.s3 import S3Storage

        return S3Storage(
            location="private/data-exports", default_acl="private", querystring_auth=True, custom_domain=None
        )
    return PrivateFileSystemStorage()
