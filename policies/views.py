from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import ConsentForm


def _safe_next(request, url: str) -> HttpResponseRedirect:
    """Back where the person was going: a path on this site only, never another host or a view name."""
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    ):
        return HttpResponseRedirect(url)
    return HttpResponseRedirect("/dashboard/" if _has_dashboard() else "/")


def _has_dashboard() -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("dashboard")
    except NoReverseMatch:
        return False
    return True


@login_required
def consent(request):
    """The current policies a person has not agreed to yet, and one box to agree."""
    outdated = selectors.outdated_policies(request.user)
    data = request.POST if request.method == "POST" else None
    form = ConsentForm(data, initial={"next": request.GET.get("next", "")})
    if not outdated:
        request.session.pop(services.SESSION_KEY, None)
        if request.method == "POST":
            return _safe_next(request, request.POST.get("next", ""))
    elif request.method == "POST" and form.is_valid():
        services.consent_record(user=request.user, policies=outdated)
        request.session.pop(services.SESSION_KEY, None)
        messages.success(request, _("Thank you. Your consent to the current policies was recorded."))
        return _safe_next(request, form.cleaned_data["next"])
    return render(
        request,
        "policies/consent.html",
        {"form": form, "policies": [selectors.policy_for_reader(p).specific for p in outdated]},
    )


def current_policy(request, kind):
    """The current version of a policy in the reader's language: stable links for the footer and emails."""
    for policy in selectors.current_policies():
        if policy.kind == kind:
            return redirect(selectors.policy_for_reader(policy).url)
    raise Http404
