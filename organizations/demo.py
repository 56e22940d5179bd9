"""Demo joining: a newcomer waiting to join the first demo NGO, and a new NGO waiting for review."""

from allauth.account.models import EmailAddress

from lms.demo import DEMO_PASSWORD, DemoContext

from .models import FieldOfActivity, JoinRequest, OrganizationApplication, User


def _person(email: str, first: str, last: str, language: str) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "preferred_language": language,
            "name_order": User.NameOrder.FAMILY_FIRST if language == "ja" else User.NameOrder.GIVEN_FIRST,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load(ctx: DemoContext) -> None:
    if not ctx.organizations:
        return
    newcomer = _person("newcomer@example.org", "Kenji", "Morita", "ja")
    ctx.users.setdefault("newcomer", newcomer)
    JoinRequest.objects.get_or_create(
        user=newcomer,
        organization=ctx.organizations[0],
        defaults={"message": "4月から水・衛生事業の担当として働いています。研修を受講したいです。"},
    )
    applicant = _person("applicant@example.org", "Mariko", "Ueda", "ja")
    ctx.users.setdefault("applicant", applicant)
    application, created = OrganizationApplication.objects.get_or_create(
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
