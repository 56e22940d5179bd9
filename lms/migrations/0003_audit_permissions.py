"""Programme staff may read the audit trail."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("lms")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Programme staff")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="lms", codename="view_auditevent"))


class Migration(migrations.Migration):
    dependencies = [("lms", "0002_audit_event"), ("organizations", "0003_programme_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
