"""Thin views: parse, check access through selectors, call one service, render.

Every workspace view starts with ``selectors.workspace_for`` (404 for non-members);
every object is then looked up inside that group, so an id from another group is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.rich_text import expand_db_html

from lms.calendar import build_calendar
from lms.errors import ServiceError
from lms.files import private_file_response
from lms.forms import parse_id
from lms.markdown import html_to_markdown

from . import selectors, services
from .forms import (
    ApplyForm,
    ChapterForm,
    DocumentForm,
    GroupForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    PostForm,
    PreferenceForm,
    PublishForm,
    ReviewForm,
    ThreadForm,
    VersionForm,
)
from .models import GroupMembership, MeetingResponse, ReportChapter, StudyGroup


def _fail(request, error: ServiceError):
    messages.error(request, error.message_text)


def _render(request, template, workspace, context=None, status=200):
    base = {"group": workspace.group, "workspace": workspace, "membership": workspace.membership}
    return render(request, f"studygroups/{template}", {**base, **(context or {})}, status=status)


# Groups


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


# Meetings


def meeting_list(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    return _render(request, "meeting_list.html", workspace, {"meetings": selectors.meetings_for(workspace.group)})


def meeting_create(request, slug):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    form = MeetingForm(request.POST or None, initial={"time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            meeting = services.meeting_create(group=workspace.group, by=request.user, data=form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The meeting was scheduled and the members invited."))
            return redirect(meeting)
    return _render(request, "meeting_form.html", workspace, {"form": form})


def meeting_edit(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            services.meeting_update(meeting=meeting, by=request.user, data=form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The meeting was updated and the members told."))
            return redirect(meeting)
    return _render(request, "meeting_form.html", workspace, {"form": form, "meeting": meeting})


def _meeting_page(request, workspace, meeting, minutes_form=None):
    context = {
        "meeting": meeting,
        "meeting_event": services.meeting_event(meeting),
        "responses": selectors.meeting_responses(meeting, workspace.membership),
        "answers": MeetingResponse.Answer.choices,
    }
    if workspace.is_facilitator and meeting.has_started and not meeting.is_cancelled:
        attendance = selectors.meeting_attendance(meeting)
        context["attendance_rows"] = [
            (m, attendance.get(m.pk, False)) for m in selectors.active_members(workspace.group)
        ]
        context["minutes_form"] = minutes_form or MinutesForm(initial={"minutes": meeting.minutes})
    return _render(request, "meeting_detail.html", workspace, context)


def meeting_detail(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    return _meeting_page(request, workspace, selectors.meeting_in(workspace.group, pk))


@require_POST
def meeting_minutes(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    form = MinutesForm(request.POST)
    if not form.is_valid() or form.is_preview:
        return _meeting_page(request, workspace, meeting, minutes_form=form)
    try:
        services.meeting_record_minutes(meeting=meeting, by=request.user, minutes=form.cleaned_data["minutes"])
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The minutes were saved."))
    return redirect(meeting)


@require_POST
def meeting_rsvp(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    meeting = selectors.meeting_in(workspace.group, pk)
    answer = request.POST.get("answer", "")
    try:
        services.meeting_respond(meeting=meeting, by=request.user, answer=answer)
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            {
                "going": _("Thanks: you are going."),
                "maybe": _("Thanks: you might come."),
                "not_going": _("Thanks: you are not going."),
            }[answer],
        )
    return redirect(meeting)


@require_POST
def meeting_attendance(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    ids = [parse_id(v) for v in request.POST.getlist("present")]
    if None in ids:
        raise Http404
    if not meeting.has_started:
        _fail(request, ServiceError(_("Minutes and attendance can be recorded once the meeting has started.")))
        return redirect(meeting)
    try:
        services.meeting_record_attendance(meeting=meeting, by=request.user, present_ids=ids)
    except ServiceError:
        raise Http404
    messages.success(request, _("Attendance was saved."))
    return redirect(meeting)


@require_POST
def meeting_cancel(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    try:
        services.meeting_cancel(meeting=meeting, by=request.user)
        messages.success(request, _("The meeting was cancelled and the members told."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(meeting)


def meeting_ics(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    meeting = selectors.meeting_in(workspace.group, pk)
    response = HttpResponse(
        build_calendar([services.meeting_event(meeting)]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


# Discussion


def thread_list(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    return _render(request, "thread_list.html", workspace, {"threads": selectors.threads_for(workspace.group)})


def thread_create(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    members = selectors.mention_choices(workspace.group, viewer=request.user)
    form = ThreadForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            thread = services.thread_create(group=workspace.group, author=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your thread was started."))
            return redirect(thread)
    return _render(request, "thread_form.html", workspace, {"form": form})


def thread_detail(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    thread = selectors.thread_in(workspace.group, pk)
    members = selectors.mention_choices(workspace.group, viewer=request.user)
    form = PostForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            post = services.post_create(thread=thread, author=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your reply was posted."))
            return redirect(f"{thread.get_absolute_url()}?page=last#post-{post.pk}")
    paginator = Paginator(selectors.thread_posts(thread), selectors.POSTS_PER_PAGE)
    number = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    return _render(
        request,
        "thread_detail.html",
        workspace,
        {
            "thread": thread,
            "page_obj": page,
            "posts": page.object_list,
            "form": form,
            "can_reply": not thread.locked or workspace.is_facilitator,
        },
    )


@require_POST
def thread_flags(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    thread = selectors.thread_in(workspace.group, pk)
    flag = request.POST.get("flag")
    value = request.POST.get("value") == "1"
    if flag not in {"pinned", "locked"}:
        raise Http404
    services.thread_set_flags(thread=thread, by=request.user, **{flag: value})
    return redirect(thread)


def post_edit(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    post = selectors.post_in(workspace.group, pk)
    if post.author_id != request.user.pk:
        raise PermissionDenied
    mentioned = list(post.mentions.order_by("display_name", "first_name", "last_name", "pk"))
    members = selectors.mention_choices(workspace.group, viewer=request.user).exclude(
        pk__in=[user.pk for user in mentioned]
    )
    form = PostForm(request.POST or None, initial={"body": post.body}, members=members if members.exists() else None)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            services.post_edit(post=post, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your post was saved."))
            return redirect(post)
    return _render(request, "post_form.html", workspace, {"form": form, "post": post, "mentioned": mentioned})


def post_history(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    post = selectors.post_in(workspace.group, pk)
    if post.is_deleted and not (workspace.is_facilitator or post.author_id == request.user.pk):
        raise Http404
    revisions = post.revisions.select_related("edited_by")
    return _render(request, "post_history.html", workspace, {"post": post, "revisions": revisions})


@require_POST
def post_delete(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    post = selectors.post_in(workspace.group, pk)
    try:
        services.post_delete(post=post, by=request.user)
        messages.success(request, _("The post was deleted. You can undo this."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(post)


@require_POST
def post_restore(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    post = selectors.post_in(workspace.group, pk)
    try:
        services.post_restore(post=post, by=request.user)
        messages.success(request, _("The post was restored."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(post)


@require_POST
def posts_bulk(request, slug):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    ids = [parse_id(v) for v in request.POST.getlist("posts")]
    if None in ids:
        raise Http404
    posts = selectors.posts_in(workspace.group, ids)
    try:
        count = services.posts_bulk(
            group=workspace.group, posts=posts, by=request.user, action=request.POST.get("action", "")
        )
        messages.success(request, _("%(count)s posts changed.") % {"count": count})
    except ServiceError as error:
        _fail(request, error)
    return redirect(posts[0].thread)


# Documents


def document_list(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_upload(
                group=workspace.group,
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                upload=form.cleaned_data["file"],
            )
        except ServiceError as error:
            form.add_error("file", error.message_text)
        else:
            messages.success(request, _("The document was shared with the group."))
            return redirect(document)
    return _render(
        request,
        "document_list.html",
        workspace,
        {
            "documents": selectors.documents_for(workspace.group),
            "deleted": selectors.documents_for(workspace.group, deleted=True),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def document_detail(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    document = selectors.document_in(workspace.group, pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add_version(
                document=document, by=request.user, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            form.add_error("file", error.message_text)
        else:
            messages.success(request, _("The new version was uploaded."))
            return redirect(document)
    can_manage = workspace.is_facilitator or document.created_by_id == request.user.pk
    return _render(
        request,
        "document_detail.html",
        workspace,
        {"document": document, "form": form, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )


def version_download(request, slug, pk, version):
    """The only way a shared file leaves the server: members only, as an inert attachment."""
    workspace = selectors.workspace_for(request.user, slug)
    item = selectors.version_in(workspace.group, pk, version)
    return private_file_response(item.file, filename=item.original_name, content_type=item.content_type)


@require_POST
def document_delete(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    document = selectors.document_in(workspace.group, pk)
    try:
        services.document_delete(document=document, by=request.user)
        messages.success(request, _("The document was deleted. It can be restored from the documents page."))
    except ServiceError as error:
        _fail(request, error)
    return redirect("studygroups:documents", slug=slug)


@require_POST
def document_restore(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    document = selectors.document_in(workspace.group, pk)
    try:
        services.document_restore(document=document, by=request.user)
        messages.success(request, _("The document was restored."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(document)


# Report


def report(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    return _render(
        request,
        "report.html",
        workspace,
        {
            "chapters": selectors.chapters_for(workspace.group),
            "progress": selectors.report_progress(workspace.group),
            "report_page": selectors.report_page_for(workspace.group),
        },
    )


def chapter_create(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        chapter = services.chapter_create(group=workspace.group, by=request.user, **form.cleaned_data)
        messages.success(request, _("The chapter was created."))
        return redirect(chapter)
    return _render(request, "chapter_form.html", workspace, {"form": form})


def chapter_detail(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    chapter = selectors.chapter_in(workspace.group, pk)
    form = ChapterForm(request.POST or None, initial={"title": chapter.title, "body": chapter.body})
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            services.chapter_update(chapter=chapter, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The chapter was saved."))
            return redirect(chapter)
    return _render(
        request,
        "chapter_detail.html",
        workspace,
        {
            "chapter": chapter,
            "form": form,
            "review_form": ReviewForm(),
            "can_edit": chapter.status != ReportChapter.Status.APPROVED or workspace.is_facilitator,
        },
    )


@require_POST
def chapter_submit(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    chapter = selectors.chapter_in(workspace.group, pk)
    try:
        services.chapter_submit(chapter=chapter, by=request.user)
        messages.success(request, _("The chapter was sent for review."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(chapter)


@require_POST
def chapter_review(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    chapter = selectors.chapter_in(workspace.group, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.chapter_review(
            chapter=chapter,
            by=request.user,
            approve=request.POST.get("decision") == "approve",
            note=form.cleaned_data.get("note", ""),
        )
        messages.success(request, _("Your review was saved."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(chapter)


def report_publish(request, slug):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    group = workspace.group
    page = selectors.report_page_for(group)
    initial = {
        "title": page.title if page else group.title,
        "intro": page.intro if page else group.public_summary,
        "recommendations": html_to_markdown(expand_db_html(page.recommendations)) if page else "",
    }
    form = PublishForm(request.POST or None, documents=selectors.documents_for(group), initial=initial)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            page, outcome = services.report_publish(group=group, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(
                request,
                {
                    "published": _("The report is published on the public site."),
                    "submitted": _("The report was sent to the moderators for approval before publication."),
                    "draft": _("The report was saved as a draft for the editors to publish."),
                }[outcome],
            )
            return redirect("studygroups:report", slug=slug)
    return _render(
        request,
        "report_publish.html",
        workspace,
        {"form": form, "progress": selectors.report_progress(group), "report_page": page},
    )
