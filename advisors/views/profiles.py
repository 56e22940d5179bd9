"""The public side: the advisor directory, an advisor's week of open slots, and the consultation form."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.personal_cache import kept

from .. import availability, selectors, services
from ..forms import ConsultationForm, DirectoryFilterForm
from ..models import Consultation


def _viewer_zone():
    return timezone.get_current_timezone()


def _follow_up_param(request) -> str:
    value = request.GET.get("follow_up", "")
    return value if value.isdigit() else ""


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    advisors = selectors.advisor_directory(**{k: v or "" for k, v in filters.items()})
    page = Paginator(advisors, 24).get_page(request.GET.get("page"))
    return render(request, "advisors/advisor_list.html", {"form": form, "page_obj": page, "advisors": page})


@kept
def advisor_detail(request, slug):
    advisor = selectors.advisor_for_page(slug)
    ctx = availability.load_context(advisor)
    zone = _viewer_zone()
    week = selectors.week_of_slots(
        availability.open_slots(ctx),
        viewer_zone=zone,
        advisor_zone=advisor.zone,
        today=ctx.now.astimezone(zone).date(),
        latest=ctx.latest.astimezone(zone).date(),
        week=request.GET.get("week"),
        day=request.GET.get("day"),
    )
    if week["problem"]:
        messages.info(request, week["problem"])
    return render(
        request,
        "advisors/advisor_detail.html",
        {"advisor": advisor, "week": week, "follow_up": _follow_up_param(request), "viewer_zone": zone},
    )


def book(request, slug):
    advisor = selectors.advisor_for_page(slug)
    if not request.user.is_authenticated:
        return _sign_in_to_book(request, advisor)
    initial = {"start": request.GET.get("start", ""), "follow_up_of": _follow_up_param(request)}
    if not request.user.memberships.exists():
        messages.error(request, _("Only members of an organization in the programme can book consultations."))
        return redirect(advisor)
    form = ConsultationForm(
        request.POST or None, request.FILES or None, advisor=advisor, user=request.user, initial=initial
    )
    start = None
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        data = form.cleaned_data
        follow_up_of = selectors.followed_up_consultation(request.user, data.get("follow_up_of"))
        if data["start"] is None:
            form.add_error(None, _("Please choose a time from the advisor's open slots."))
        else:
            try:
                consultation = services.consultation_create(
                    advisor=advisor,
                    learner=request.user,
                    organization=data["organization"],
                    topic=data["topic"],
                    mode=data["mode"],
                    question=data["question"],
                    start=data["start"],
                    attachment=data.get("attachment"),
                    follow_up_of=follow_up_of,
                )
            except ServiceError as error:
                form.add_error(None, error.message_text)
            else:
                if consultation.status == Consultation.Status.CONFIRMED:
                    messages.success(request, _("Your consultation is confirmed. An invitation is on its way."))
                else:
                    messages.success(request, _("Your request was sent. The advisor will confirm it soon."))
                return redirect(consultation)
        start = data.get("start")
    else:
        start = availability.parse_slot_key(str(form["start"].value() or ""))
    return render(
        request,
        "advisors/consultation_form.html",
        {
            "advisor": advisor,
            "form": form,
            "start": start,
            "end": start + timedelta(minutes=advisor.slot_minutes) if start else None,
            "advisor_differs": bool(start)
            and start.astimezone(advisor.zone).utcoffset() != start.astimezone(_viewer_zone()).utcoffset(),
        },
    )


def _sign_in_to_book(request, advisor):
    """The sign-in page says which advisor and time the person is consultation, then returns to the form."""
    start = availability.parse_slot_key(request.GET.get("start", ""))
    if start is not None:
        when = date_format(timezone.localtime(start, _viewer_zone()), "DATETIME_FORMAT")
        messages.info(request, _("Sign in to book %(time)s with %(advisor)s.") % {"time": when, "advisor": advisor})
    else:
        messages.info(request, _("Sign in to book a consultation with %(advisor)s.") % {"advisor": advisor})
    return redirect_to_login(request.get_full_path())
