"""The default locale's code becomes ``en`` (it was ``en-us`` before the site had a second
language): the content languages are ``en`` and ``es`` (settings.LANGUAGES)."""

from django.db import migrations


def rename_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-us").update(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("spa_site", "0005_homepage_hero_image"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename_locale, migrations.RunPython.noop)]
