from django.apps import AppConfig


class SpaSiteConfig(AppConfig):
    name = "spa_site"
    verbose_name = "Spa site"
