from django.apps import AppConfig


class ServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "services"
    verbose_name = "Locations and services"

    def ready(self):
        from spa_site.signals import connect_content_version

        from .models import Service, ServiceVariant

        connect_content_version(Service, ServiceVariant)
