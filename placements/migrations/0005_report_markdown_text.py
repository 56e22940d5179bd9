"""Report texts were stored as sanitized HTML typed into textareas; they are now written in Markdown. Convert what
is stored so it renders as it did. Published report pages keep their HTML (publishing renders the Markdown)."""

from django.db import migrations

from lms.markdown import html_to_markdown

NAMES = ["body", "host_overview", "researcher_profile", "period", "purpose_background", "findings", "recommendations"]


def to_markdown(apps, schema_editor):
    report = apps.get_model("placements", "Report")
    for row in report.objects.only("pk", *NAMES).iterator(chunk_size=500):
        changed = {name: html_to_markdown(getattr(row, name)) for name in NAMES if getattr(row, name)}
        if changed:
            report.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("placements", "0004_alter_placement_capacity_area_and_more")]

    operations = [migrations.RunPython(to_markdown, migrations.RunPython.noop)]
