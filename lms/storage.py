"""The one private storage: every upload that is not for the public (advisor attachments, study
group documents, CVs, report attachments) is stored here and leaves only through a
permission-checked view (``lms.files.private_file_response``).

- Locally: a folder outside the public media folder (``LMS_PRIVATE_MEDIA_ROOT``, by default
  ``private-media`` beside ``MEDIA_ROOT``); the storage has no URL at all.
- With S3 (``AWS_STORAGE_BUCKET_NAME``, through django-storages): objects under the ``private/``
  prefix, in ``AWS_PRIVATE_STORAGE_BUCKET_NAME`` when set (a bucket with no public access),
  private ACL, and only ever presigned URLs; the public ``MEDIA_URL`` never points at them.

Each app keeps its own section (``private/advisors``...) through a callable, so migrations stay the
same whichever backend a deployment uses.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """``subfolder`` keeps one kind of file apart on disk (data exports), as ``section`` does on S3."""

    def __init__(self, *args, subfolder: str = "", **kwargs):
        self.subfolder = subfolder
        super().__init__(*args, **kwargs)

    @cached_property
    def base_location(self):
        root = getattr(settings, "LMS_PRIVATE_MEDIA_ROOT", None)
        base = Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private-media"
        return str(base / self.subfolder if self.subfolder else base)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise NotImplementedError("Private files have no URL; use the download view.")


def uses_s3() -> bool:
    return bool(getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""))


def private_storage(section: str = "") -> Storage:
    """The private storage for one app's files (``section`` is its prefix on S3)."""
    if uses_s3():
        from storages.backends.s3 import S3Storage

        return S3Storage(
            bucket_name=getattr(settings, "AWS_PRIVATE_STORAGE_BUCKET_NAME", "") or settings.AWS_STORAGE_BUCKET_NAME,
            location="/".join(part for part in ("private", section) if part),
            default_acl="private",
            querystring_auth=True,
            querystring_expire=300,
            custom_domain=None,
            file_overwrite=False,
        )
    return PrivateFileSystemStorage()
