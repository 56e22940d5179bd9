"""Booking questions, consultation records and follow-up actions were plain text shown with their line breaks;
they are now written in Markdown. Escape what is stored, so that ``*``, ``_``, ``1.`` or ``#`` typed before still
show as typed. A follow-up action may now be longer than one line."""

from django.db import migrations, models

from lms.markdown import plain_to_markdown

FIELDS = {
    "Booking": ["question"],
    "ConsultationRecord": ["summary", "private_notes"],
    "FollowUp": ["description"],
}


def to_markdown(apps, schema_editor):
    for model_name, names in FIELDS.items():
        model = apps.get_model("advisors", model_name)
        for row in model.objects.only("pk", *names).iterator(chunk_size=500):
            changed = {name: plain_to_markdown(getattr(row, name)) for name in names if getattr(row, name)}
            changed = {name: value for name, value in changed.items() if value != getattr(row, name)}
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("advisors", "0006_holidays_closed_by_default"),
    ]

    operations = [
        migrations.AlterField(
            model_name="followup",
            name="description",
            field=models.TextField(verbose_name="action"),
        ),
        migrations.RunPython(to_markdown, migrations.RunPython.noop),
    ]
