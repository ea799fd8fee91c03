from django.apps import AppConfig


class AuthorProfilesConfig(AppConfig):
    name = "author_profiles"
    verbose_name = "Team and authors"
