"""A location's page is a ``LocationPage``; the people who work there are its ``therapists``.

Revisions keep their content as JSON by field name: without renaming the key there too, the
next edit of a location (which starts from its latest revision) would drop its therapists.
"""

from django.db import migrations

from spa_site.model_renames import rename_permissions


def rename_in_revisions(old, new):
    def rename(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        types = ContentType.objects.filter(
            app_label="services", model__in=["locationpage", "locationservicepage"]
        )
        for revision in Revision.objects.filter(content_type__in=types).iterator():
            if old in revision.content:
                revision.content[new] = revision.content.pop(old)
                revision.save(update_fields=["content"])

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_service_locations"),
        ("author_profiles", "0003_profile_names"),
        ("booking", "0004_booking_language"),
        ("wagtailcore", "0070_rename_pagerevision_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="LocationServicePage", new_name="LocationPage"),
        migrations.RenameField(model_name="locationpage", old_name="staff", new_name="therapists"),
        rename_permissions("services", "LocationServicePage", "LocationPage"),
        migrations.RunPython(
            rename_in_revisions("staff", "therapists"), rename_in_revisions("therapists", "staff")
        ),
    ]
