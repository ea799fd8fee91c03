from django.db import migrations

from spa_site.seo.groups import apply_group_permissions, remove_group_permissions


class Migration(migrations.Migration):
    """Gives the "SEO team" group its permissions; keeps marketing editors from deleting topics."""

    dependencies = [
        ("spa_site", "0002_seo_fields_and_settings"),
        ("articles", "0003_seo_fields_and_topic_copy"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(apply_group_permissions, remove_group_permissions)]
