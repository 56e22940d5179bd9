"""Demo joining: a newcomer waiting to join the first demo NGO, and a new NGO waiting for review."""

from lms.demo import DemoContext, get_or_build

from .factories import JoinRequestFactory, OrganizationApplicationFactory, UserFactory
from .models import FieldOfActivity, User


def demo_user(email: str, first: str, last: str, language: str, *, groups=(), superuser: bool = False) -> User:
    """A demo person with a verified address, found by email or made by ``UserFactory``.

    The factory gives a new person the demo password and keeps an existing person's own.
    """
    return UserFactory(
        email=email,
        first_name=first,
        last_name=last,
        preferred_language=language,
        name_order=User.NameOrder.FAMILY_FIRST if language == "ja" else User.NameOrder.GIVEN_FIRST,
        is_superuser=superuser,
        is_staff=superuser,
        groups=list(groups),
    )


def load(ctx: DemoContext) -> None:
    if not ctx.organizations:
        return
    newcomer = demo_user("newcomer@example.org", "Kenji", "Morita", "ja")
    ctx.users.setdefault("newcomer", newcomer)
    get_or_build(
        JoinRequestFactory,
        user=newcomer,
        organization=ctx.organizations[0],
        defaults={"message": "4月から水・衛生事業の担当として働いています。研修を受講したいです。"},
    )
    applicant = demo_user("applicant@example.org", "Mariko", "Ueda", "ja")
    ctx.users.setdefault("applicant", applicant)
    application, created = get_or_build(
        OrganizationApplicationFactory,
        applicant=applicant,
        name_en="Sapporo Forest Friends",
        defaults={
            "name_ja": "さっぽろ森の友の会",
            "legal_form": "npo",
            "head_office": "01",
            "countries_of_operation": "Mongolia, Laos",
            "website": "https://sapporo-forest.example.org",
            "applicant_role": "事務局長",
            "description": "モンゴルとラオスで植林と環境教育を行っているNPO法人です。",
        },
    )
    if created:
        application.fields_of_activity.set(FieldOfActivity.objects.canonical().filter(slug__in=["environment"]))
    ctx.say("Joining: a newcomer asks to join the first NGO; a new NGO's application waits for programme staff.")
