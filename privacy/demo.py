"""Demo content for the personal-data features: a few entries in staff's request log."""

from datetime import timedelta

from lms.demo import DemoContext, get_or_build
from organizations.factories import UserFactory

from .factories import DataRequestFactory, EmailPreferencesFactory
from .models import DataRequest

DEMO_ERASURE_REASON = "Asked by letter to the programme office (demo)"


def load(ctx: DemoContext) -> None:
    from .services import erasure_by_staff

    learner2 = ctx.users["learner2"]
    if not DataRequest.objects.filter(user=learner2, kind=DataRequest.Kind.EXPORT).exists():
        asked = ctx.now - timedelta(days=10)
        DataRequestFactory(
            user=learner2,
            kind=DataRequest.Kind.EXPORT,
            state=DataRequest.State.EXPIRED,
            created_at=asked,
            completed_at=asked + timedelta(minutes=2),
            expires_at=asked + timedelta(days=7),
        )
    get_or_build(EmailPreferencesFactory, user=ctx.users["manager2"], defaults={"news": False, "digests": False})
    if not DataRequest.objects.filter(reason=DEMO_ERASURE_REASON).exists():
        # Erased at once below: no address to verify.
        person = UserFactory(email="hiroshi.kondo@example.org", first_name="Hiroshi", last_name="Kondo", verified=False)
        erasure_by_staff(staff=ctx.users["staff"], email=person.email, reason=DEMO_ERASURE_REASON, now=ctx.now)
    ctx.created_urls += [
        ("/accounts/data/", "learner"),
        ("/accounts/data/delete/", "learner"),
        ("/accounts/email-preferences/", "learner"),
        ("/programme/data-requests/", "staff"),
    ]
    ctx.say("Personal data: a data request log with an expired download and a staff erasure.")
