"""Marketing editors run the question queue; medical reviewers may answer too."""

from django.db import migrations


def grant(apps, schema_editor):
    from questions.roles import grant_permissions

    grant_permissions(apps)


def revoke(apps, schema_editor):
    from questions.roles import GRANTS

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="questions"))


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("editorial", "0002_create_groups_and_medical_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
