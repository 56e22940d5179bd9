"""Posts, revisions, agendas, minutes and chapters were stored as sanitized HTML typed into textareas; they are
now written in Markdown. Convert what is stored, so that it renders as it did (lists, bold, links, tables)."""

from django.db import migrations

from lms.markdown import html_to_markdown

FIELDS = {
    "Post": ["body"],
    "PostRevision": ["body"],
    "Meeting": ["agenda", "minutes"],
    "ReportChapter": ["body"],
}


def to_markdown(apps, schema_editor):
    for model_name, names in FIELDS.items():
        model = apps.get_model("studygroups", model_name)
        for row in model.objects.only("pk", *names).iterator(chunk_size=500):
            changed = {name: html_to_markdown(getattr(row, name)) for name in names if getattr(row, name)}
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("studygroups", "0003_post_mentions")]

    operations = [migrations.RunPython(to_markdown, migrations.RunPython.noop)]
