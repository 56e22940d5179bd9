"""Download my data, delete my account, email preferences, one-click unsubscribe, staff's request log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lms.email import EmailKind
from lms.errors import ServiceError
from lms.files import private_file_response

from . import selectors, services, tokens
from .forms import EmailPreferencesForm, ErasureConfirmForm, StaffErasureForm
from .models import DataRequest


@login_required
def data(request):
    user = request.user
    return render(
        request,
        "privacy/data.html",
        {
            "data_requests": selectors.requests_for_user(user)[:20],
            "pending_erasure": selectors.pending_erasure(user),
            "protected": services.is_protected_account(user),
            "sole_organizations": services.sole_managed_organizations(user),
            "grace_days": services.grace_days(),
            "export_days": services.export_days(),
        },
    )


@login_required
@require_POST
def export_request(request):
    try:
        services.export_request(user=request.user)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        messages.success(request, _("We are preparing your data. We will email you when the download is ready."))
    return redirect("privacy:data")


@login_required
def export_download(request, pk):
    try:
        export = services.export_for_download(user=request.user, pk=pk)
    except DataRequest.DoesNotExist:
        raise Http404
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect("privacy:data")
    return private_file_response(
        export.archive, filename=f"my-data-{export.completed_at:%Y-%m-%d}.zip", content_type="application/zip"
    )


@login_required
def erasure_confirm(request):
    if services.is_protected_account(request.user):
        messages.error(
            request,
            _("Staff accounts can't be erased from here. Ask an administrator to remove your staff roles first."),
        )
        return redirect("privacy:data")
    form = ErasureConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = services.erasure_request(user=request.user)
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(
                request,
                _("Your account will be deleted on %(date)s. You can cancel until then.")
                % {"date": _format(erasure.due_at)},
            )
        return redirect("privacy:data")
    return render(
        request,
        "privacy/erasure_confirm.html",
        {
            "form": form,
            "sole_organizations": services.sole_managed_organizations(request.user),
            "grace_days": services.grace_days(),
        },
    )


def _format(value) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


@login_required
@require_POST
def erasure_cancel(request, pk):
    try:
        services.erasure_cancel(user=request.user, pk=pk)
    except DataRequest.DoesNotExist:
        raise Http404
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        messages.success(request, _("You cancelled the deletion. Your account stays as it is."))
    return redirect("privacy:data")


@login_required
def email_preferences(request):
    form = EmailPreferencesForm(
        request.POST if request.method == "POST" else None, instance=selectors.email_preferences(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.email_preferences_update(user=request.user, values=form.cleaned_data)
        messages.success(request, _("Your email preferences were saved."))
        return redirect("privacy:email_preferences")
    return render(request, "privacy/email_preferences.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: the mail client posts without a session; the signed token is the credential
def unsubscribe(request, token):
    parsed = tokens.read_token(token)
    if parsed is None:
        return render(request, "privacy/unsubscribe.html", {"invalid": True}, status=404)
    user_id, kind = parsed
    label = EmailKind.LABELS[kind]
    if request.method == "POST":
        done = services.email_unsubscribe(user_id=user_id, kind=kind)
        if not done:
            return render(request, "privacy/unsubscribe.html", {"invalid": True}, status=404)
        return render(request, "privacy/unsubscribe.html", {"done": True, "label": label})
    return render(request, "privacy/unsubscribe.html", {"label": label})


@login_required
def request_log(request):
    if not request.user.is_programme_staff:
        raise Http404
    form = StaffErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erasure_by_staff(
                staff=request.user, email=form.cleaned_data["email"], reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The account was erased."))
            return redirect("privacy:request_log")
    page = Paginator(selectors.request_log(), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/request_log.html", {"page": page, "form": form})
