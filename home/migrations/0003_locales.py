"""The site's content languages: English (default) and Japanese."""

from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("en", "ja"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("home", "0002_create_homepage")]
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
