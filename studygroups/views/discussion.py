"""Discussion in a workspace: threads, replies, edits and their history, deleting and restoring posts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError
from lms.forms import parse_id

from .. import selectors, services
from ..forms import PostForm, ThreadForm
from .groups import _fail, _render


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
