from django.apps import AppConfig


class AuthorProfilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "author_profiles"
    verbose_name = "Team and authors"
