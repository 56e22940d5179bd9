import pytest
from django.core.files.base import ContentFile

from advisors.factories import ConsultationFactory, ConsultationRecordFactory
from courses.factories import (
    SeminarIndexPageFactory,
    SeminarPageFactory,
    SeminarRegistrationFactory,
    SeminarSessionFactory,
)
from organizations.factories import MembershipFactory
from organizations.models import Membership
from studygroups.factories import GroupMembershipFactory, PostFactory
from tests.lms.demo_site import demo_site  # noqa: F401 - the module-scoped demo data


@pytest.fixture
def person_with_history(home_page):
    """A learner with a consultation (with an attachment and a record), a seminar registration and a post."""
    membership = MembershipFactory(role=Membership.Role.MEMBER)
    learner = membership.user
    consultation = ConsultationFactory(membership=membership, question="How do we register as an NPO?")
    consultation.attachment.save("statutes.pdf", ContentFile(b"%PDF-1.4 statutes"), save=False)
    consultation.attachment_name = "statutes.pdf"
    consultation.save()
    ConsultationRecordFactory(
        consultation=consultation, summary="Shared summary text", private_notes="SECRET advisor note"
    )
    seminar = SeminarPageFactory(parent=SeminarIndexPageFactory(parent=home_page), title="Accounting basics")
    registration = SeminarRegistrationFactory(user=learner, session=SeminarSessionFactory(seminar=seminar))
    group_membership = GroupMembershipFactory(user=learner, status="active")
    post = PostFactory(author=learner, thread__group=group_membership.group, text="My post about budgets")
    return {"user": learner, "consultation": consultation, "registration": registration, "post": post}
