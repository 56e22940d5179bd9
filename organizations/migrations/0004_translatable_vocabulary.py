"""Capacity areas, regions and fields of activity become translatable snippets.

Existing rows are given the default locale and a translation key of their own, then the
fields become required and slugs unique per language.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel

MODELS = ["capacityarea", "fieldofactivity", "region"]


def _steps():
    for name in MODELS:
        yield migrations.AddField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        )
        yield migrations.AddField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        )
        yield migrations.AlterField(
            model_name=name, name="slug", field=models.SlugField(max_length=120, verbose_name="slug")
        )
    for name in MODELS:
        yield BootstrapTranslatableModel(f"organizations.{name}")
    for name in MODELS:
        yield migrations.AlterField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        )
        yield migrations.AlterField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        )
        yield migrations.AlterUniqueTogether(
            name=name, unique_together={("translation_key", "locale"), ("slug", "locale")}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_programme_roles"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = list(_steps())
