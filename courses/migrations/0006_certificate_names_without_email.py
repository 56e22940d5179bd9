"""Certificates used to print the learner's email address when they had no name: replace it with
their name, or leave it empty so the learner is asked for the name to print."""

from django.db import migrations


def full_name(user) -> str:
    if user.display_name:
        return user.display_name
    parts = [user.first_name, user.last_name]
    if user.name_order == "family_first":
        parts.reverse()
    return " ".join(p for p in parts if p).strip()


def forwards(apps, schema_editor):
    Certificate = apps.get_model("courses", "Certificate")
    for certificate in Certificate.objects.select_related("enrollment__user").filter(learner_name__contains="@"):
        user = certificate.enrollment.user
        if certificate.learner_name.strip().lower() == user.email.lower():
            certificate.learner_name = user.certificate_name or full_name(user)
            certificate.save(update_fields=["learner_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_lesson_quiz_fairness"),
        ("organizations", "0006_user_certificate_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
