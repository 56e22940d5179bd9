from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from . import selectors, services
from .forms import InvitationForm, OrganizationProfileForm, ProfileForm, RoleForm
from .joining_forms import DecisionForm, JoinRequestForm
from .models import Invitation, Membership


def organization_list(request):
    return render(request, "organizations/organization_list.html", {"organizations": selectors.organization_list()})


def organization_detail(request, slug):
    organization = selectors.organization_with_members(slug)
    membership = selectors.membership_for(request.user, organization)
    can_see_members = membership is not None or (request.user.is_authenticated and request.user.is_programme_staff)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "membership": membership,
            "can_see_members": can_see_members,
            "can_manage": (membership and membership.is_manager)
            or (request.user.is_authenticated and request.user.is_programme_staff),
            "join_request": None if membership else selectors.join_request_for(request.user, organization),
            "join_form": JoinRequestForm(),
        },
    )


@login_required
def organization_edit(request, slug):
    organization = selectors.organization_for_manager(request.user, slug)
    form = OrganizationProfileForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        form.save()
        messages.success(request, _("The organization's profile was saved."))
        return redirect(organization)
    return render(request, "organizations/organization_edit.html", {"organization": organization, "form": form})


@login_required
def member_list(request, slug):
    organization = selectors.organization_for_manager(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ServiceError as error:
            form.add_error("email", error.message_text)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("organizations:members", slug=slug)
    return render(
        request,
        "organizations/member_list.html",
        {
            "organization": organization,
            "memberships": selectors.organization_members(organization),
            "invitations": selectors.pending_invitations(organization),
            "removals": selectors.recent_removals(organization),
            "join_requests": selectors.pending_join_requests(organization),
            "decision_form": DecisionForm(),
            "form": form,
            "role_choices": Membership.Role.choices,
        },
    )


def _membership_in(request, slug, pk) -> Membership:
    organization = selectors.organization_for_manager(request.user, slug)
    return get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=pk, organization=organization
    )


@login_required
@require_POST
def member_role(request, slug, pk):
    membership = _membership_in(request, slug, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.membership_set_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
            messages.success(
                request,
                _("%(name)s is now a %(role)s.") % {"name": membership.user, "role": membership.get_role_display()},
            )
        except ServiceError as error:
            messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)


@login_required
@require_POST
def member_remove(request, slug, pk):
    membership = _membership_in(request, slug, pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
        messages.success(request, _("%(name)s was removed from the organization.") % {"name": membership.user})
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)


@login_required
@require_POST
def member_restore(request, slug, pk):
    removal = selectors.removal_for_manager(request.user, slug, pk)
    try:
        services.membership_restore(removal=removal, by=request.user)
        messages.success(request, _("%(name)s is a member again.") % {"name": removal.user})
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organization = selectors.organization_for_manager(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organization=organization)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect("organizations:members", slug=slug)


@login_required
def invitation_respond(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=token)
    if invitation.email.lower() != request.user.email.lower():
        raise Http404  # never reveal another person's invitation
    action = request.POST.get("action", "accept")
    if request.method == "POST" and action not in ("accept", "decline"):
        messages.error(request, _("Please choose to accept or decline the invitation."))
    elif request.method == "POST":
        try:
            if action == "decline":
                services.invitation_decline(invitation=invitation, user=request.user)
                messages.info(request, _("You declined the invitation."))
                return redirect("/")
            services.invitation_accept(invitation=invitation, user=request.user)
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(request, _("Welcome to %(org)s.") % {"org": invitation.organization})
            return redirect(invitation.organization)
    return render(request, "organizations/invitation.html", {"invitation": invitation})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        request.session["preferred_language"] = user.preferred_language
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(
        request,
        "organizations/profile.html",
        {"form": form, "memberships": selectors.memberships_for_user(request.user)},
    )
