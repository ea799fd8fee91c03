"""Give the "Front-desk staff" group the booking permissions (not the health-screen one)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FRONT_DESK = "Front-desk staff"
CODENAMES = {
    ("wagtailadmin", "access_admin"),
    ("booking", "view_booking"),
    ("booking", "change_booking"),
    ("booking", "add_schedule"),
    ("booking", "change_schedule"),
    ("booking", "delete_schedule"),
    ("booking", "view_schedule"),
    ("booking", "add_timeoff"),
    ("booking", "change_timeoff"),
    ("booking", "delete_timeoff"),
    ("booking", "view_timeoff"),
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create this app's now.
    booking_config = apps.get_app_config("booking")
    booking_config.models_module = True
    create_permissions(booking_config, apps=apps, verbosity=0)
    booking_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=FRONT_DESK)
    for app_label, codename in sorted(CODENAMES):
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=FRONT_DESK).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="booking")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
