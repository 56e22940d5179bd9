"""Shared documents: every upload is checked and kept as a numbered version; deleting can be undone."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import audit
from lms.errors import ServiceError
from lms.files import check_upload
from lms.locking import lock
from lms.sanitizer import plain_text

from ..models import Document, DocumentVersion, GroupMembership, StudyGroup
from ..models.documents import DOCUMENT_RULE
from .groups import _require_member


def _store_version(*, document: Document, upload, by, note: str = "") -> DocumentVersion:
    name, content_type = check_upload(upload, rule=DOCUMENT_RULE)
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        note=note[:300],
        uploaded_by=by,
    )
    upload.seek(0)
    version.file.save(name, ContentFile(upload.read()), save=False)
    version.save()
    document.current_version = version
    document.updated_at = version.created_at
    document.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def document_upload(*, group: StudyGroup, by, title: str, upload, description: str = "") -> Document:
    _require_member(group, by)
    check_upload(upload, rule=DOCUMENT_RULE)  # refuse before anything is created
    title = plain_text(title).strip()[:200] or upload.name[:200]
    document = Document.objects.create(group=group, title=title, description=plain_text(description), created_by=by)
    _store_version(document=document, upload=upload, by=by)
    return document


@transaction.atomic
def document_add_version(*, document: Document, by, upload, note: str = "") -> DocumentVersion:
    _require_member(document.group, by)
    if document.is_deleted:
        raise ServiceError(_("Restore the document before adding a version."))
    Document.objects.select_for_update().filter(pk=document.pk).first()
    return _store_version(document=document, upload=upload, by=by, note=plain_text(note))


def _can_manage_document(document: Document, membership: GroupMembership) -> bool:
    return membership.is_facilitator or document.created_by_id == membership.user_id


@transaction.atomic
def document_delete(*, document: Document, by) -> Document:
    membership = _require_member(document.group, by)
    if not _can_manage_document(document, membership):
        raise ServiceError(_("Only the person who added the document or a facilitator can delete it."))
    document = lock(document)
    if not document.is_deleted:
        document.deleted_at = timezone.now()
        document.deleted_by = by
        document.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.document_deleted", actor=by, target=document)
    return document


@transaction.atomic
def document_restore(*, document: Document, by) -> Document:
    membership = _require_member(document.group, by)
    if not _can_manage_document(document, membership):
        raise ServiceError(_("Only the person who added the document or a facilitator can restore it."))
    document = lock(document)
    if document.is_deleted:
        document.deleted_at = None
        document.deleted_by = None
        document.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.document_restored", actor=by, target=document)
    return document
