from django.apps import AppConfig


class SpaSiteConfig(AppConfig):
    name = "spa_site"
    verbose_name = "Spa site"

    def ready(self):
        from .models import SiteSettings
        from .signals import connect_content_version, connect_page_signals

        connect_page_signals()
        connect_content_version(SiteSettings)
