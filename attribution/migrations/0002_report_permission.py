"""Marketing editors and the SEO team may read the "Bookings by content" report."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Marketing editors", "SEO team"]
CODENAME = "view_bookings_by_content"


def grant(apps, schema_editor):
    config = apps.get_app_config("attribution")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="attribution", codename=CODENAME)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="attribution", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [("attribution", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, revoke)]
