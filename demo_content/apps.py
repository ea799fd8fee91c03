from django.apps import AppConfig


class DemoContentConfig(AppConfig):
    name = "demo_content"
    verbose_name = "Demo content"
