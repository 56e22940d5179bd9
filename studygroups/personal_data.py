"""The NGO Study Groups part of a person's data (registered in apps.py)."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from lms.personal_data import ExportFile, ExportSection, RetentionItem, delete_file, records

from .models import DocumentVersion, GroupMembership, Post, PostRevision, StudyGroup, Thread


def export(user) -> list[ExportSection]:
    versions = list(DocumentVersion.objects.filter(uploaded_by=user).select_related("document__group"))
    return [
        ExportSection(
            key="studygroups_memberships",
            title=_("Study group memberships"),
            records=records(
                GroupMembership.objects.filter(user=user).select_related("group", "organization"),
                ["group", "organization", "role", "status", "statement", "notify", "created_at", "decided_at"],
            ),
        ),
        ExportSection(
            key="studygroups_posts",
            title=_("Study group posts"),
            records=records(
                Post.objects.filter(author=user).select_related("thread__group"),
                ["thread", "body", "created_at", "edited_at", "deleted_at"],
                extra=lambda p: {_("group"): p.thread.group.title},
            ),
        ),
        ExportSection(
            key="studygroups_documents",
            title=_("Study group documents you uploaded"),
            records=records(
                versions,
                ["document", "number", "original_name", "content_type", "size", "note", "created_at"],
                extra=lambda v: {_("group"): v.document.group.title},
            ),
            files=[ExportFile(f"{v.pk}-{v.original_name}", v.file) for v in versions if v.file],
        ),
    ]


def erase(user) -> None:
    """Posts stay, shown as from a former member; the person's name goes from them."""
    Post.objects.filter(author=user).update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    PostRevision.objects.filter(edited_by=user).update(edited_by=None)
    GroupMembership.objects.filter(user=user).update(statement="")


def retention(now, dry_run: bool) -> list[RetentionItem]:
    """Documents of groups closed longer than the configured time lose their files; the records stay."""
    cutoff = now - timedelta(days=settings.LMS_RETENTION_CLOSED_GROUP_DOCUMENT_DAYS)
    items = []
    versions = DocumentVersion.objects.filter(
        document__group__status=StudyGroup.Status.CLOSED, document__group__updated_at__lt=cutoff
    ).exclude(file="")
    for version in versions.select_related("document"):
        items.append(RetentionItem(_("study group document"), f"Document {version.document_id}", version.file.name))
        if not dry_run:
            delete_file(version.file)
            DocumentVersion.objects.filter(pk=version.pk).update(file="")
    return items
