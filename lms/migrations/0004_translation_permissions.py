"""Editors, moderators and programme staff may translate pages and snippets (simple_translation's
"Translate" action), not only superusers."""

from django.db import migrations

GROUPS = ["Editors", "Moderators", "Programme staff"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("simple_translation")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for name in GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0003_audit_permissions"),
        ("organizations", "0003_programme_roles"),
        ("simple_translation", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
