from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from advisors.factories import ConsultationFactory
from advisors.models import Consultation
from placements.factories import ResearcherProfileFactory
from studygroups.factories import DocumentFactory, StudyGroupFactory
from studygroups.models import DocumentVersion, StudyGroup

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def _consultation_with_attachment(days_ago: int) -> Consultation:
    start = timezone.now() - timedelta(days=days_ago)
    consultation = ConsultationFactory(
        start=start, end=start + timedelta(hours=1), status=Consultation.Status.COMPLETED
    )
    consultation.attachment.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return consultation


def test_old_consultation_attachments_go_and_the_consultation_stays(settings):
    settings.LMS_RETENTION_BOOKING_ATTACHMENT_DAYS = 365
    old, recent = _consultation_with_attachment(400), _consultation_with_attachment(30)
    old_name = old.attachment.name
    assert "Would delete 1 file" in _run("--dry-run")
    assert old.attachment.storage.exists(old_name)
    report = _run()
    assert f"Consultation {old.pk}" in report and "Deleted 1 file(s)." in report
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.attachment and not recent.attachment.storage.exists(old_name)
    assert recent.attachment
    assert Consultation.objects.filter(pk=old.pk).exists()


def test_the_clock_argument_moves_the_cutoff(settings):
    settings.LMS_RETENTION_BOOKING_ATTACHMENT_DAYS = 365
    consultation = _consultation_with_attachment(30)
    assert "Deleted 0 file(s)." in _run("--now", (timezone.now() + timedelta(days=100)).date().isoformat())
    assert "Deleted 1 file(s)." in _run("--now", (timezone.now() + timedelta(days=400)).date().isoformat())
    consultation.refresh_from_db()
    assert not consultation.attachment


def test_cvs_go_after_the_last_placement_and_closed_groups_lose_their_files(settings, user):
    settings.LMS_RETENTION_CV_DAYS = 30
    settings.LMS_RETENTION_CLOSED_GROUP_DOCUMENT_DAYS = 30
    profile = ResearcherProfileFactory(status="inactive")
    profile.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 cv"), save=True)
    type(profile).objects.filter(pk=profile.pk).update(applied_at=timezone.now() - timedelta(days=60))
    group = StudyGroupFactory(status=StudyGroup.Status.CLOSED)
    document = DocumentFactory(group=group)
    version = DocumentVersion(
        document=document, number=1, original_name="a.pdf", content_type="application/pdf", size=8, uploaded_by=user
    )
    version.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
    StudyGroup.objects.filter(pk=group.pk).update(updated_at=timezone.now() - timedelta(days=60))
    report = _run()
    assert "researcher CV" in report and "study group document" in report
    profile.refresh_from_db()
    version.refresh_from_db()
    assert not profile.cv and not version.file
    assert DocumentVersion.objects.filter(pk=version.pk).exists()


def test_a_bad_clock_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _run("--now", "yesterday")
