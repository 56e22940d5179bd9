"""The report: chapters, their review, and publishing the public report page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.rich_text import expand_db_html

from lms.errors import ServiceError
from lms.markdown import html_to_markdown

from .. import selectors, services
from ..forms import ChapterForm, PublishForm, ReviewForm
from ..models import ReportChapter
from .groups import _fail, _render


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
