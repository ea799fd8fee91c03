from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from spa_site.seo.page_seo import CollectionSeo

from .models import (
    ArticleIndexPage,
    ConditionArticlePage,
    TechniqueIndexPage,
    TechniquePage,
    TopicTag,
)
from .seo import ArticleIndexSeo, ConditionArticleSeo, TechniqueSeo


class TopicTagViewSet(SnippetViewSet):
    model = TopicTag
    icon = "tag"
    menu_label = "Topics"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicTagViewSet)


@hooks.register("register_page_seo")
def register_article_seo():
    return {
        ConditionArticlePage: ConditionArticleSeo,
        TechniquePage: TechniqueSeo,
        ArticleIndexPage: ArticleIndexSeo,
        TechniqueIndexPage: CollectionSeo,
    }
