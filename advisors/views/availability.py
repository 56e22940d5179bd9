"""The advisor's own availability page: settings, weekly rules, date overrides, blocked periods, holidays."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from .. import selectors, services
from ..forms import AdvisorSettingsForm, BlockedPeriodForm, DateOverrideForm, HolidayForm, WeeklyRuleForm


def _own_profile(request):
    advisor = selectors.advisor_profile_for(request.user)
    if advisor is None:
        raise Http404
    return advisor


@login_required
def availability_manage(request):
    advisor = _own_profile(request)
    forms_by_kind = {
        "settings": AdvisorSettingsForm(instance=advisor, prefix="settings"),
        "rule": WeeklyRuleForm(prefix="rule"),
        "override": DateOverrideForm(prefix="override"),
        "blocked": BlockedPeriodForm(prefix="blocked"),
    }
    kind = request.POST.get("kind")
    if request.method == "POST" and kind in forms_by_kind:
        if kind == "settings":
            form = AdvisorSettingsForm(request.POST, instance=advisor, prefix="settings")
        else:
            form = type(forms_by_kind[kind])(request.POST, prefix=kind)
        forms_by_kind[kind] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if kind == "settings":
                    form.save()
                elif kind == "rule":
                    services.weekly_rule_add(advisor=advisor, **data)
                elif kind == "override":
                    services.date_override_add(advisor=advisor, **data)
                else:
                    start, end = form.period(advisor.zone)
                    services.blocked_period_add(advisor=advisor, start=start, end=end, reason=data["reason"])
            except ServiceError as error:
                form.add_error(None, error.message_text)
            else:
                messages.success(request, _("Your availability was saved."))
                return redirect("advisors:availability")
    return render(
        request,
        "advisors/availability.html",
        {"advisor": advisor, "forms": forms_by_kind, **selectors.availability_overview(advisor)},
    )


@login_required
@require_POST
def availability_holiday(request):
    advisor = _own_profile(request)
    form = HolidayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a holiday from the list."))
        return redirect(reverse("advisors:availability") + "#holidays-heading")
    day, action = form.cleaned_data["day"], form.cleaned_data["action"]
    try:
        if action == "open":
            services.holiday_open(advisor=advisor, day=day)
        else:
            services.holiday_close(advisor=advisor, day=day)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        when = date_format(day, "DATE_FORMAT")
        if action == "open":
            messages.success(request, _("%(date)s is open for consultations.") % {"date": when})
        else:
            messages.success(request, _("%(date)s is closed again.") % {"date": when})
    return redirect(reverse("advisors:availability") + "#holidays-heading")


@login_required
@require_POST
def availability_delete(request, kind, pk):
    advisor = _own_profile(request)
    services.availability_entry_delete(entry=selectors.availability_entry(advisor, kind, pk))
    messages.success(request, _("Removed."))
    return redirect("advisors:availability")
