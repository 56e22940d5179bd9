"""Where shared documents live: the project's one private storage (``lms.storage``)."""

from lms.storage import private_storage as _private_storage


def private_storage():
    """Members-only files (a callable so migrations stay stable)."""
    return _private_storage("studygroups")
