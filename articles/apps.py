from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Conditions and techniques"

    def ready(self):
        from spa_site.signals import connect_content_version

        from .models import TaggedArticle, TaggedTechnique, TopicTag

        connect_content_version(TopicTag, TaggedArticle, TaggedTechnique)
