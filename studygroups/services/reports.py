"""The group's report: chapters written and reviewed in the workspace, then published as a public page."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.markdown import clean_markdown, has_text, render_markdown
from lms.publishing import page_publish_or_submit
from lms.sanitizer import plain_text
from lms.translations import canonical_q

from ..models import (
    DocumentVersion,
    GroupMembership,
    ReportChapter,
    StudyGroup,
    StudyGroupReportIndexPage,
    StudyGroupReportPage,
)
from .groups import _require_facilitator, _require_member

Status = GroupMembership.Status


@transaction.atomic
def chapter_create(*, group: StudyGroup, by, title: str, body: str = "") -> ReportChapter:
    _require_member(group, by)
    order = (group.chapters.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    return ReportChapter.objects.create(
        group=group,
        title=plain_text(title)[:200] or _("Untitled chapter"),
        body=clean_markdown(body),
        sort_order=order,
        author=by,
    )


@transaction.atomic
def chapter_update(*, chapter: ReportChapter, by, title: str, body: str) -> ReportChapter:
    membership = _require_member(chapter.group, by)
    if chapter.status == ReportChapter.Status.APPROVED and not membership.is_facilitator:
        raise ServiceError(_("An approved chapter can only be changed by a facilitator."))
    chapter.title = plain_text(title)[:200] or chapter.title
    chapter.body = clean_markdown(body)
    chapter.updated_at = timezone.now()
    if chapter.status == ReportChapter.Status.APPROVED:
        chapter.status = ReportChapter.Status.IN_REVIEW
    chapter.save()
    return chapter


@transaction.atomic
def chapter_submit(*, chapter: ReportChapter, by) -> ReportChapter:
    _require_member(chapter.group, by)
    if chapter.status not in {ReportChapter.Status.DRAFT, ReportChapter.Status.CHANGES_REQUESTED}:
        raise ServiceError(_("This chapter is already in review or approved."))
    if not has_text(chapter.body):
        raise ServiceError(_("Write the chapter before asking for review."))
    chapter.status = ReportChapter.Status.IN_REVIEW
    chapter.save(update_fields=["status"])
    return chapter


@transaction.atomic
def chapter_review(*, chapter: ReportChapter, by, approve: bool, note: str = "") -> ReportChapter:
    _require_facilitator(chapter.group, by)
    if chapter.status != ReportChapter.Status.IN_REVIEW:
        raise ServiceError(_("Only chapters in review can be reviewed."))
    chapter.status = ReportChapter.Status.APPROVED if approve else ReportChapter.Status.CHANGES_REQUESTED
    chapter.reviewed_by = by
    chapter.reviewed_at = timezone.now()
    chapter.review_note = plain_text(note)
    chapter.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    return chapter


def _report_document(group: StudyGroup, version: DocumentVersion | None, by):
    """Copy the chosen workspace file into the public document library."""
    if version is None:
        return None
    from wagtail.documents import get_document_model

    model = get_document_model()
    with version.file.open("rb") as handle:
        content = handle.read()
    document = model(title=_("%(group)s: final report") % {"group": group.title}, uploaded_by_user=by)
    document.file.save(version.original_name, ContentFile(content), save=False)
    document.save()
    return document


@transaction.atomic
def report_publish(
    *,
    group: StudyGroup,
    by,
    title: str,
    intro: str,
    recommendations: str,
    version: DocumentVersion | None = None,
) -> tuple[StudyGroupReportPage, str]:
    """Build the public report page from the approved chapters.

    Returns the page and what happened (lms.publishing's rule): ``published``, ``submitted`` to
    moderation, or ``draft`` when no workflow applies and editors must publish it (the chapters were
    approved by the group, not by programme staff).
    """
    _require_facilitator(group, by)
    chapters = list(group.chapters.order_by("sort_order", "pk"))
    if not chapters:
        raise ServiceError(_("Write and approve at least one chapter first."))
    if any(c.status != ReportChapter.Status.APPROVED for c in chapters):
        raise ServiceError(_("Every chapter must be approved before the report is published."))
    if version is not None and (version.document.group_id != group.pk or version.document.is_deleted):
        raise ServiceError(_("Choose a document of this group."))
    index = StudyGroupReportIndexPage.objects.live().order_by("path").first()
    if index is None:
        raise ServiceError(_("The reports section of the site does not exist yet; ask an editor to create it."))
    body = []
    for chapter in chapters:
        body.append(("heading", {"text": chapter.title, "level": "h2"}))
        body.append(("paragraph", str(render_markdown(chapter.body))))
    members = (
        GroupMembership.objects.filter(group=group, status=Status.ACTIVE, organization__isnull=False)
        .values_list("organization__name", flat=True)
        .distinct()
        .order_by("organization__name")
    )
    fields = {
        "title": plain_text(title)[:255] or group.title,
        "group": group,
        "fiscal_year": group.fiscal_year,
        "lead_organization_name": group.lead_organization.name if group.lead_organization else "",
        "member_organizations": "\n".join(members),
        "intro": plain_text(intro),
        "recommendations": str(render_markdown(recommendations)),
    }
    page = StudyGroupReportPage.objects.filter(canonical_q(), group=group).order_by("-pk").first()
    if page is None:
        slug = slugify(f"{group.slug}-report")[:240]
        page = StudyGroupReportPage(slug=slug, live=False, owner=by, **fields)
        page.body = body
        index.add_child(instance=page)
    else:
        page = page.specific
        for name, value in fields.items():
            setattr(page, name, value)
        page.body = body
    document = _report_document(group, version, by)
    if document is not None:
        page.report_document = document
    return page, page_publish_or_submit(page=page, by=by)
