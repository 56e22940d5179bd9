"""Create the programme's role groups with the Wagtail permissions each needs."""

from django.db import migrations

ADMIN_ACCESS = [("wagtailadmin", "admin", "access_admin")]
CONTENT = [
    ("wagtaildocs", "document", "add_document"), ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
    ("wagtailimages", "image", "add_image"), ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
]
VOCABULARY = [
    (app, model, f"{action}_{model}")
    for app, model in [("organizations", "capacityarea"), ("organizations", "fieldofactivity"),
                       ("organizations", "region")]
    for action in ("add", "change", "view")
]
ORGANIZATIONS = [
    ("organizations", model, f"{action}_{model}")
    for model in ("organization", "invitation")
    for action in ("add", "change", "view")
]

ROLES = {
    "Editors": ADMIN_ACCESS + CONTENT + VOCABULARY,
    "Moderators": ADMIN_ACCESS + CONTENT + VOCABULARY,
    "Advisors": [],
    "Researchers": [],
    "Programme staff": ADMIN_ACCESS + CONTENT + VOCABULARY + ORGANIZATIONS,
}
PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for config in apps.get_app_configs():
        config.models_module = True
        create_contenttypes(config, apps=apps, verbosity=0)
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in perms:
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm:
                group.permissions.add(perm)
        for codename in PAGE_PERMISSIONS.get(name, []):
            perm = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if perm and root:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_organization_logo"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
