"""One name for a person's page: a profile (``ProfilePage`` under a ``ProfileIndexPage``)."""

from django.db import migrations

from spa_site.model_renames import rename_permissions


class Migration(migrations.Migration):
    # Every migration that names the old models comes first.
    dependencies = [
        ("author_profiles", "0002_seo_fields"),
        ("articles", "0004_review_stamp_set_by_approval"),
        ("booking", "0004_booking_language"),
        ("editorial", "0003_medical_review_resolutions"),
        ("questions", "0002_moderator_permissions"),
        ("services", "0003_service_locations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel(old_name="TeamIndexPage", new_name="ProfileIndexPage"),
        migrations.RenameModel(old_name="AuthorProfilePage", new_name="ProfilePage"),
        migrations.AlterModelOptions(
            name="profileindexpage", options={"verbose_name": "profile index page"}
        ),
        migrations.AlterModelOptions(name="profilepage", options={"verbose_name": "profile"}),
        rename_permissions("author_profiles", "TeamIndexPage", "ProfileIndexPage"),
        rename_permissions("author_profiles", "AuthorProfilePage", "ProfilePage"),
    ]
