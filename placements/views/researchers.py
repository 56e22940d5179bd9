"""Researchers: the application and its CV, and the staff's list of applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from .. import selectors, services
from ..forms import ResearcherApplicationForm
from ..models import ResearcherProfile
from .reports import _serve


@login_required
def researcher_apply(request):
    profile = selectors.researcher_profile_for(request.user)
    form = ResearcherApplicationForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.researcher_apply(user=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your researcher profile was saved."))
            return redirect("placements:list")
    return render(request, "placements/researcher_apply.html", {"form": form, "profile": profile})


@login_required
def researcher_list(request):
    if not request.user.is_programme_staff:
        raise Http404
    status = request.GET.get("status", "")
    if status not in ResearcherProfile.Status.values:
        status = ""
    return render(
        request,
        "placements/researcher_list.html",
        {
            "profiles": selectors.researcher_applications(status),
            "status": status,
            "statuses": ResearcherProfile.Status.choices,
        },
    )


@login_required
@require_POST
def researcher_status(request, pk):
    if not request.user.is_programme_staff:
        raise Http404
    profile = get_object_or_404(ResearcherProfile.objects.select_related("user"), pk=pk)
    try:
        services.researcher_set_status(profile=profile, by=request.user, status=request.POST.get("status", ""))
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        messages.success(
            request, _("%(name)s is now %(status)s.") % {"name": profile, "status": profile.get_status_display()}
        )
    return redirect("placements:researchers")


@login_required
def researcher_cv(request, pk):
    profile = selectors.cv_profile_for(request.user, pk)
    return _serve(profile.cv, f"CV-{profile.user.get_short_name()}")
