from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questions"
    verbose_name = "Visitor questions"

    def ready(self):
        from . import signals

        signals.connect()
