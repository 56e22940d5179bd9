"""Production settings for the fault tests' server: everything from the environment, as deployed,
except static files served without a collected manifest (the tests do not run collectstatic)."""

from lms.settings.production import *  # noqa: F403
from lms.settings.production import STORAGES

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
