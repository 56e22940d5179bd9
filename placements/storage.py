"""Where CVs and report attachments live: the project's one private storage (``lms.storage``)."""

from lms.storage import private_storage as _private_storage


def private_storage():
    """A callable, so migrations stay the same whichever backend a deployment uses."""
    return _private_storage("placements")
