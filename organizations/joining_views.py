"""Views for joining: thin, each calls one service from ``organizations.joining``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from . import joining, selectors
from .joining_forms import ApplicationForm, BulkInvitationForm, DecisionForm, JoinRequestForm, ReviewForm
from .models import Invitation, JoinRequest, Organization, OrganizationApplication


@login_required
@require_POST
def join_request_create(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            joining.join_request_create(
                organization=organization, user=request.user, message=form.cleaned_data["message"]
            )
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(
                request, _("Your request to join %(org)s was sent to its managers.") % {"org": organization}
            )
            return redirect(organization)
    return render(request, "organizations/join_request_form.html", {"organization": organization, "form": form})


@login_required
@require_POST
def join_request_withdraw(request, slug, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk, organization__slug=slug, user=request.user)
    try:
        joining.join_request_withdraw(join_request=join_request, user=request.user)
        messages.success(request, _("You withdrew your request."))
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:detail", slug=slug)


def _request_in(request, slug, pk) -> JoinRequest:
    organization = selectors.organization_for_manager(request.user, slug)
    return get_object_or_404(JoinRequest.objects.select_related("user"), pk=pk, organization=organization)


@login_required
@require_POST
def join_request_approve(request, slug, pk):
    join_request = _request_in(request, slug, pk)
    try:
        joining.join_request_approve(join_request=join_request, by=request.user)
        messages.success(request, _("%(name)s is now a member.") % {"name": join_request.user})
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)


@login_required
@require_POST
def join_request_decline(request, slug, pk):
    join_request = _request_in(request, slug, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long: keep it under 1,000 characters."))
        return redirect("organizations:members", slug=slug)
    try:
        joining.join_request_decline(join_request=join_request, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("You declined the request from %(name)s.") % {"name": join_request.user})
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)


# NGO applications -------------------------------------------------------------------------------


@login_required
def application_create(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        try:
            joining.application_submit(
                application=application, fields_of_activity=form.cleaned_data["fields_of_activity"], by=request.user
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your application was sent. Programme staff will review it and email you."))
            return redirect(application)
    return render(
        request,
        "organizations/application_form.html",
        {"form": form, "applications": selectors.applications_of(request.user)},
    )


@login_required
def application_edit(request, pk):
    application = selectors.application_for_viewer(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    if application.status != OrganizationApplication.Status.CHANGES_REQUESTED:
        messages.info(request, _("This application can't be changed now."))
        return redirect(application)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            joining.application_submit(
                application=form.save(commit=False),
                fields_of_activity=form.cleaned_data["fields_of_activity"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your changes were sent for review."))
            return redirect(application)
    return render(request, "organizations/application_form.html", {"form": form, "application": application})


@login_required
def application_list(request):
    if not request.user.is_programme_staff:
        raise Http404
    return render(request, "organizations/application_list.html", {"applications": selectors.applications_for_staff()})


@login_required
def application_detail(request, pk):
    application = selectors.application_for_viewer(request.user, pk)
    form = None
    if request.user.is_programme_staff and application.status == OrganizationApplication.Status.SUBMITTED:
        form = ReviewForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            action, message = form.cleaned_data["action"], form.cleaned_data["message"]
            try:
                if action == "approve":
                    organization = joining.application_approve(application=application, by=request.user)
                    messages.success(
                        request,
                        _("%(org)s is now in the programme, managed by %(name)s.")
                        % {"org": organization, "name": application.applicant},
                    )
                    return redirect(organization)
                if action == "changes":
                    joining.application_request_changes(application=application, by=request.user, message=message)
                    messages.success(request, _("You asked the applicant for changes."))
                else:
                    joining.application_decline(application=application, by=request.user, reason=message)
                    messages.success(request, _("You declined the application. The applicant was told why."))
            except ServiceError as error:
                form.add_error(None, error.message_text)
            else:
                return redirect("organizations:applications")
    elif request.method == "POST":
        messages.info(request, _("This application is not waiting for review."))
        return redirect(application)
    return render(request, "organizations/application_detail.html", {"application": application, "form": form})


# Bulk invitations -------------------------------------------------------------------------------


@login_required
def invitations_bulk(request, slug):
    organization = selectors.organization_for_manager(request.user, slug)
    form = BulkInvitationForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        try:
            if form.cleaned_data.get("csv_file"):
                rows = joining.parse_csv(form.cleaned_data["csv_file"].read(), role)
            else:
                rows = joining.parse_pasted(form.cleaned_data["addresses"], role)
        except joining.BulkInputError as error:
            form.add_error("csv_file" if form.cleaned_data.get("csv_file") else "addresses", str(error))
        else:
            result = joining.invitations_bulk_create(
                organization=organization, rows=rows, invited_by=request.user, language=form.cleaned_data["language"]
            )
            messages.success(
                request,
                _("%(invited)d of %(total)d invited. See each row below.")
                % {"invited": result.count("invited"), "total": len(result.rows)},
            )
    return render(
        request,
        "organizations/invitations_bulk.html",
        {"organization": organization, "form": form, "result": result},
    )


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    organization = selectors.organization_for_manager(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organization=organization)
    try:
        joining.invitation_resend(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation to %(email)s was sent again.") % {"email": invitation.email})
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)
