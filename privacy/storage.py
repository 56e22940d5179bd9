"""Where data-export archives live: the project's one private storage (``lms.storage``), in a folder
of their own, with no URL. They leave only through the owner-checked download view.
"""

from lms.storage import PrivateFileSystemStorage, uses_s3
from lms.storage import private_storage as _private_storage


def private_storage():
    """A callable, so migrations stay the same whichever backend a deployment uses."""
    if uses_s3():
        return _private_storage("data-exports")
    return PrivateFileSystemStorage(subfolder="data-exports")
