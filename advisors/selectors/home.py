"""The advisors' part of the home page: requests waiting for an advisor, a learner's next consultations,
or advisors taking consultations.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import AdvisorProfile, Consultation
from .consultations import _consultations


def _when(consultation: Consultation) -> str:
    return date_format(timezone.localtime(consultation.start), "DATETIME_FORMAT")


def home_highlights(request) -> list[dict]:
    user = request.user
    if user.is_authenticated:
        advisor = AdvisorProfile.objects.filter(user=user).first()
        if advisor is not None:
            waiting = list(
                _consultations()
                .filter(advisor=advisor, status=Consultation.Status.PENDING, start__gt=timezone.now())
                .order_by("start")[:5]
            )
            return [
                {
                    "title": _("Consultation requests waiting for you"),
                    "items": [
                        {"url": b.get_absolute_url(), "title": f"{b.learner} · {b.topic}", "meta": _when(b)}
                        for b in waiting
                    ],
                    "empty": _("No requests are waiting."),
                    "more_url": reverse("advisors:consultations"),
                    "more_label": _("Your consultations"),
                }
            ]
        upcoming = list(
            _consultations()
            .filter(learner=user, status__in=Consultation.OPEN, end__gt=timezone.now())
            .order_by("start")[:5]
        )
        if upcoming:
            return [
                {
                    "title": _("Your upcoming consultations"),
                    "items": [
                        {
                            "url": b.get_absolute_url(),
                            "title": f"{b.advisor} · {b.topic}",
                            "meta": f"{_when(b)} · {b.get_status_display()}",
                        }
                        for b in upcoming
                    ],
                    "empty": "",
                    "more_url": reverse("advisors:consultations"),
                    "more_label": _("All your consultations"),
                }
            ]
    advisors = list(
        AdvisorProfile.objects.listed()
        .filter(accepting_consultations=True)
        .select_related("user", "region")
        .order_by("?")[:4]
    )
    return [
        {
            "title": _("Ask an NGO Advisor"),
            "items": [
                {
                    "url": a.get_absolute_url(),
                    "title": str(a),
                    "meta": a.headline or (a.region.name if a.region else ""),
                }
                for a in advisors
            ],
            "empty": _("No advisors are taking consultations at the moment."),
            "more_url": reverse("advisors:directory"),
            "more_label": _("All advisors"),
        }
    ]
