"""Data: the four editorial groups with their permissions, and the "Medical review" workflow.

Runs the same idempotent code the app uses after a test database flush (editorial.roles), on the
historical models. Page-bound permissions and the workflow assignment apply to the index pages
that exist now; on a fresh install they are attached when the demo loader creates them.
"""

from django.db import migrations

from editorial.roles import ensure_roles


def create_roles(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("articles", "0002_initial"),
        ("author_profiles", "0001_initial"),
        ("services", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
