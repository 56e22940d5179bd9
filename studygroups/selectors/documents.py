"""Shared documents of a group; a deleted document's files are never served."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from ..models import Document, DocumentVersion, StudyGroup


def documents_for(group: StudyGroup, *, deleted: bool = False) -> QuerySet[Document]:
    return (
        Document.objects.filter(group=group, deleted_at__isnull=not deleted)
        .select_related("current_version", "current_version__uploaded_by", "created_by")
        .order_by("-updated_at", "-pk")
    )


def document_in(group: StudyGroup, pk: int) -> Document:
    return get_object_or_404(
        Document.objects.select_related("group", "current_version").prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by"))
        ),
        pk=pk,
        group=group,
    )


def version_in(group: StudyGroup, document_pk: int, number: int) -> DocumentVersion:
    """A version of a live document in the group; a deleted document's files are not served."""
    return get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        document__pk=document_pk,
        document__group=group,
        document__deleted_at__isnull=True,
        number=number,
    )
