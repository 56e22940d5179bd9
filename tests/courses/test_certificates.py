"""Certificates people can use: the chosen name (never an email), a verify-by-code form, a PDF with
Japanese text embedded, and a completion page when the last lesson is done."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses import services
from courses.models import Certificate, Enrollment
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = (["0"], ["0", "1"])


def finish_course(client, user, course, lessons):
    """Enroll, complete every lesson through the site, pass the last lesson's quiz; return that response."""
    services.enrollment_create(user=user, course=course)
    for lesson in lessons[:-1]:
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    ids = [q["id"] for q in lessons[-1].quiz_questions()]
    data = {f"q-{qid}": picks for qid, picks in zip(ids, RIGHT, strict=True)}
    return client.post(reverse("courses:quiz_submit", args=[lessons[-1].pk]), data)


def test_passing_the_last_quiz_shows_the_completion_page_with_the_certificate(client_for, course, lessons):
    learner = UserFactory(first_name="Hanako", last_name="Sato", email="hanako@example.org")
    client = client_for(learner)
    response = finish_course(client, learner, course, lessons)
    assert response["Location"] == reverse("courses:course_complete", args=[course.pk])
    page = client.get(response["Location"]).content.decode()
    certificate = Certificate.objects.get(enrollment__user=learner)
    assert "Course complete" in page
    assert reverse("courses:certificate_pdf", args=[certificate.code]) in page
    assert reverse("courses:certificate_verify", args=[certificate.code]) in page
    assert certificate.learner_name == "Hanako Sato"
    learner.refresh_from_db()
    assert learner.certificate_name == "Hanako Sato"  # prefilled from the full name


def test_marking_the_last_lesson_complete_shows_the_completion_page(client_for, make_course, member):
    course = make_course(lessons=2, quiz_on_last=False)
    lessons = list(course.get_children().specific().order_by("path"))
    services.enrollment_create(user=member, course=course)
    client = client_for(member)
    first = client.post(reverse("courses:lesson_complete", args=[lessons[0].pk]))
    assert first["Location"] != reverse("courses:course_complete", args=[course.pk])
    last = client.post(reverse("courses:lesson_complete", args=[lessons[1].pk]))
    assert last["Location"] == reverse("courses:course_complete", args=[course.pk])


def test_learner_without_a_name_is_asked_for_it_before_the_first_certificate(client_for, course, lessons):
    learner = UserFactory(first_name="", last_name="", email="noname@example.org")
    client = client_for(learner)
    url = finish_course(client, learner, course, lessons)["Location"]
    assert not Certificate.objects.filter(enrollment__user=learner).exists()
    page = client.get(url).content.decode()
    assert "Name on your certificate" in page and "noname@example.org" not in page
    refused = client.post(url, {"name": "noname@example.org"})
    assert "not an email address" in refused.content.decode()
    assert client.post(url, {"name": "   "}).status_code == 200
    assert not Certificate.objects.filter(enrollment__user=learner).exists()
    response = client.post(url, {"name": "佐藤 花子"}, follow=True)
    assert "Your certificate is ready." in response.content.decode()
    certificate = Certificate.objects.get(enrollment__user=learner)
    assert certificate.learner_name == "佐藤 花子"


def test_verification_page_shows_the_chosen_name_and_no_email(client_for, member, course, lessons):
    member.certificate_name = "佐藤 花子"
    member.save()
    finish_course(client_for(member), member, course, lessons)
    certificate = Certificate.objects.get(enrollment__user=member)
    for viewer in (None, UserFactory()):
        body = client_for(viewer).get(certificate.get_absolute_url()).content.decode()
        assert "佐藤 花子" in body and course.title in body and "Valid" in body
        assert member.email not in body and "@" not in body.split("<main", 1)[-1].split("</main>")[0]


def test_changing_the_name_in_the_profile_reprints_the_certificates(client_for, member, course, lessons):
    finish_course(client_for(member), member, course, lessons)
    client = client_for(member)
    form = client.get(reverse("profile")).content.decode()
    assert member.get_full_name() in form  # prefilled
    data = {
        "first_name": member.first_name,
        "last_name": member.last_name,
        "display_name": "",
        "name_order": "given_first",
        "certificate_name": "Dr. Aiko Tanaka",
        "preferred_language": "en",
        "time_zone": "Asia/Tokyo",
    }
    assert client.post(reverse("profile"), data).status_code == 302
    assert Certificate.objects.get(enrollment__user=member).learner_name == "Dr. Aiko Tanaka"
    data["certificate_name"] = "aiko@example.org"
    assert "not an email address" in client.post(reverse("profile"), data).content.decode()


def test_verify_by_code_form(client_for, member, course, lessons):
    finish_course(client_for(member), member, course, lessons)
    certificate = Certificate.objects.get(enrollment__user=member)
    client = client_for(None)
    form = client.get("/certificates/")
    assert form.status_code == 200 and 'method="get"' in form.content.decode()
    found = client.get("/certificates/", {"code": f"  {certificate.code} "})
    assert found.status_code == 302 and found["Location"] == certificate.get_absolute_url()
    missing = client.get("/certificates/", {"code": "not-a-real-code"})
    assert missing.status_code == 200 and "No certificate has this code" in missing.content.decode()
    junk = client.get("/certificates/", {"code": "<script>"})
    assert junk.status_code == 200 and "only letters, digits" in junk.content.decode()
    assert client.get("/certificates/", {"code": "a\x00b"}).status_code == 200
    assert "/certificates/" in client.get("/").content.decode()  # reachable from every page's footer


def test_pdf_is_an_a4_pdf_with_the_japanese_title_readable(client_for, make_course, member):
    course = make_course(lessons=1, quiz_on_last=False, title="NGOのための会計入門")
    lesson = course.get_children().specific().get()
    member.certificate_name = "佐藤 花子"
    member.save()
    services.enrollment_create(user=member, course=course)
    services.lesson_complete(user=member, lesson=lesson)
    certificate = Certificate.objects.get(enrollment__user=member)
    response = client_for(member).get(
        reverse("courses:certificate_pdf", args=[certificate.code]), HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = page.extract_text()
    assert "NGOのための会計入門" in text and "佐藤 花子" in text
    fonts = {font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
    assert any("IPAexGothic" in str(name) for name in fonts)
    assert member.email not in text


def test_pdf_only_for_the_learner_and_programme_staff(client_for, member, course, lessons, programme_staff):
    finish_course(client_for(member), member, course, lessons)
    url = reverse("courses:certificate_pdf", args=[Certificate.objects.get(enrollment__user=member).code])
    assert client_for(None).get(url).status_code == 302
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(programme_staff).get(url).status_code == 200


def test_completion_page_is_only_the_learners_own(client_for, member, course, lessons):
    finish_course(client_for(member), member, course, lessons)
    url = reverse("courses:course_complete", args=[course.pk])
    other = UserFactory()
    services.enrollment_create(user=other, course=course)  # enrolled but not finished
    assert client_for(other).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert Enrollment.objects.get(user=member).completed_at is not None


def test_migration_replaces_an_email_printed_as_the_name(member, course, lessons):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("courses.migrations.0006_certificate_names_without_email")
    enrollment = services.enrollment_create(user=member, course=course)
    nameless = UserFactory(first_name="", last_name="")
    other = services.enrollment_create(user=nameless, course=course)
    named = Certificate.objects.create(enrollment=enrollment, learner_name=member.email.upper(), course_title="C")
    blank = Certificate.objects.create(enrollment=other, learner_name=nameless.email, course_title="C")
    migration.forwards(apps, None)
    named.refresh_from_db()
    blank.refresh_from_db()
    assert named.learner_name == member.get_full_name()
    assert blank.learner_name == ""  # the learner is asked for a name on the completion page


def test_a_certificate_without_a_name_asks_for_one_on_the_completion_page(client_for, course, lessons):
    learner = UserFactory(first_name="", last_name="")
    client = client_for(learner)
    finish_course(client, learner, course, lessons)
    certificate = Certificate.objects.create(
        enrollment=Enrollment.objects.get(user=learner), learner_name="", course_title=course.title
    )
    url = reverse("courses:course_complete", args=[course.pk])
    assert "Name on your certificate" in client.get(url).content.decode()
    client.post(url, {"name": "Kenji Watanabe"})
    certificate.refresh_from_db()
    assert certificate.learner_name == "Kenji Watanabe"
    assert Certificate.objects.filter(enrollment__user=learner).count() == 1
