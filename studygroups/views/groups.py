"""Groups and their members: the list, creating and editing a group, applying, invitations, members.

Also the two helpers every workspace view uses: ``_render`` (the workspace context) and ``_fail``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from .. import selectors, services
from ..forms import ApplyForm, GroupForm, InviteForm, PreferenceForm
from ..models import GroupMembership, StudyGroup


def _fail(request, error: ServiceError):
    messages.error(request, error.message_text)


def _render(request, template, workspace, context=None, status=200):
    base = {"group": workspace.group, "workspace": workspace, "membership": workspace.membership}
    return render(request, f"studygroups/{template}", {**base, **(context or {})}, status=status)


def group_list(request):
    groups = selectors.group_list()
    status = request.GET.get("status", "")
    if status in StudyGroup.Status.values:
        groups = groups.filter(status=status)
    return render(
        request,
        "studygroups/group_list.html",
        {
            "groups": groups,
            "my_memberships": selectors.groups_for_user(request.user),
            "status": status,
            "status_choices": StudyGroup.Status.choices,
            "can_create": request.user.is_authenticated and request.user.is_programme_staff,
        },
    )


@login_required
def group_create(request):
    if not request.user.is_programme_staff:
        raise PermissionDenied
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            group = services.group_create(by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The study group was created."))
            return redirect(group)
    return render(request, "studygroups/group_form.html", {"form": form})


@login_required
def group_edit(request, slug):
    group = selectors.group_for_manager(request.user, slug)
    form = GroupForm(request.POST or None, instance=group)
    if not request.user.is_programme_staff:
        del form.fields["facilitators"]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("slug", None)
        try:
            services.group_update(
                group=group,
                by=request.user,
                facilitators=data.pop("facilitators", None),
                capacity_areas=data.pop("capacity_areas"),
                **data,
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The study group was saved."))
            return redirect(group)
    return render(request, "studygroups/group_form.html", {"form": form, "group": group})


def group_detail(request, slug):
    group = selectors.group_by_slug(slug)
    membership = selectors.membership_for(group, request.user)
    context = {"group": group, "membership": membership}
    if membership is not None and membership.is_active:
        workspace = selectors.Workspace(group=group, membership=membership)
        context.update(workspace=workspace, **selectors.workspace_home(workspace))
    else:
        context["report_page"] = selectors.report_page_for(group)
        context["can_manage"] = request.user.is_authenticated and request.user.is_programme_staff
    return render(request, "studygroups/group_detail.html", context)


@login_required
def group_apply(request, slug):
    group = selectors.group_by_slug(slug)
    form = ApplyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_apply(
                group=group,
                user=request.user,
                statement=form.cleaned_data["statement"],
                organization=form.cleaned_data.get("organization"),
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Thank you. The facilitators will review your application."))
            return redirect(group)
    return render(request, "studygroups/apply.html", {"group": group, "form": form})


@login_required
@require_POST
def invitation_respond(request, slug):
    group = selectors.group_by_slug(slug)
    membership = selectors.membership_for(group, request.user)
    if membership is None or membership.status != GroupMembership.Status.INVITED:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    services.invitation_respond(membership=membership, user=request.user, accept=accept)
    messages.success(request, _("Welcome to the group.") if accept else _("You declined the invitation."))
    return redirect(group)


# Members


def members(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not workspace.is_facilitator:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.membership_invite(group=workspace.group, email=form.cleaned_data["email"], by=request.user)
            except ServiceError as error:
                form.add_error("email", error.message_text)
            else:
                messages.success(request, _("The invitation was sent."))
                return redirect("studygroups:members", slug=slug)
    return _render(
        request,
        "members.html",
        workspace,
        {
            "members": selectors.active_members(workspace.group),
            "pending": selectors.pending_memberships(workspace.group) if workspace.is_facilitator else [],
            "form": form,
            "role_choices": GroupMembership.Role.choices,
        },
    )


@require_POST
def member_action(request, slug, pk, action):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    membership = selectors.workspace_membership(workspace.group, pk)
    try:
        if action == "approve":
            services.membership_decide(membership=membership, by=request.user, approve=True)
            messages.success(request, _("%(name)s joined the group.") % {"name": membership.user})
        elif action == "decline":
            services.membership_decide(membership=membership, by=request.user, approve=False)
            messages.success(request, _("The application was declined."))
        elif action == "role":
            services.membership_set_role(membership=membership, by=request.user, role=request.POST.get("role", ""))
            messages.success(request, _("The role was changed."))
        elif action == "remove":
            services.membership_remove(membership=membership, by=request.user)
            messages.success(request, _("%(name)s was removed from the group.") % {"name": membership.user})
        else:
            raise Http404
    except ServiceError as error:
        _fail(request, error)
    return redirect("studygroups:members", slug=slug)


def preferences(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    form = PreferenceForm(request.POST or None, initial={"notify": workspace.membership.notify})
    if request.method == "POST" and form.is_valid():
        services.membership_set_preference(membership=workspace.membership, notify=form.cleaned_data["notify"])
        messages.success(request, _("Your notification setting was saved."))
        return redirect(workspace.group)
    return _render(request, "preferences.html", workspace, {"form": form})
