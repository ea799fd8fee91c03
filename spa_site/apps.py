from django.apps import AppConfig


class SpaSiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "spa_site"
    verbose_name = "Spa site"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site

        from . import public_url, spreadsheets
        from .models import SiteSettings
        from .signals import connect_content_version, connect_page_signals

        post_migrate.connect(public_url.sync_after_migrate, sender=self)
        spreadsheets.install()  # every staff CSV export neutralises formulas
        connect_page_signals()
        connect_content_version(SiteSettings)
        # Also what pages and API answers show or depend on besides pages and snippets:
        # privacy (who may see a page), images and documents, redirects, sites.
        connect_content_version(
            PageViewRestriction, get_image_model(), get_document_model(), Redirect, Site
        )
