from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from spa_site.signals import connect_content_version

        from . import signals  # noqa: F401 - connects the receivers
        from .models import MedicalReview

        # Review claims come from these records: a new one retires cached pages at once.
        connect_content_version(MedicalReview)
