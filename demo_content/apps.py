from django.apps import AppConfig


class DemoContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "demo_content"
    verbose_name = "Demo content"
