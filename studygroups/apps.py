from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudygroupsConfig(AppConfig):
    name = "studygroups"
    verbose_name = _("NGO Study Groups")
