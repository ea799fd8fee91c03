from django.db.models import BooleanField, ExpressionWrapper, Q
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from spa_site.health_claims import page_findings
from spa_site.seo.content_checks import replace_content_checker
from spa_site.seo.page_seo import CollectionSeo

from . import reports, topics  # noqa: F401 - reports registers the health-content reports
from .forms import TopicTagForm
from .models import (
    ArticleIndexPage,
    ConditionArticlePage,
    TechniqueIndexPage,
    TechniquePage,
    TopicTag,
)
from .seo import ArticleIndexSeo, ConditionArticleSeo, TechniqueSeo
from .views import TopicDeleteBulkAction, TopicDeleteView, TopicMergeBulkAction


class TopicTagViewSet(SnippetViewSet):
    """Tag governance for the SEO team: usage, search status, copy of each topic page."""

    model = TopicTag
    icon = "tag"
    menu_label = "Topics"
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "name",
        "slug",
        Column("usage_count", label="Tagged items", sort_key="usage_count"),
        Column("live_count", label="Live items", sort_key="live_count"),
        BooleanColumn("indexed", label="In search results"),
    ]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    delete_view_class = TopicDeleteView
    delete_template_name = "articles/admin/topic_confirm_delete.html"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel(
                "slug",
                help_text="The topic page address. It follows the name when you rename the "
                "topic; the old address then redirects to the new one.",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("seo_title"),
                    FieldPanel("intro"),
                    FieldPanel("search_description"),
                    FieldPanel("noindex"),
                ],
                heading="Topic page",
            ),
        ],
        base_form_class=TopicTagForm,
    )

    def get_queryset(self, request):
        threshold = topics.thin_threshold()
        return topics.with_usage().annotate(
            indexed=ExpressionWrapper(
                Q(live_count__gte=threshold, noindex=False), output_field=BooleanField()
            )
        )


register_snippet(TopicTagViewSet)


# After Wagtail's own snippet delete action, so this one replaces it for topics.
hooks.register("register_bulk_action", TopicDeleteBulkAction, order=100)
hooks.register("register_bulk_action", TopicMergeBulkAction)


@hooks.register("register_page_seo")
def register_article_seo():
    return {
        ConditionArticlePage: ConditionArticleSeo,
        TechniquePage: TechniqueSeo,
        ArticleIndexPage: ArticleIndexSeo,
        TechniqueIndexPage: CollectionSeo,
    }


@hooks.register("construct_wagtail_userbar")
def add_health_content_checks(request, items, page):
    """Condition articles and techniques get the health-content checks; articles must also
    have a “When to see a doctor” block and the disclaimer."""
    if not isinstance(page, ConditionArticlePage | TechniquePage):
        return
    sentences = [finding.sentence for finding in page_findings(page)]
    if isinstance(page, ConditionArticlePage):
        has_callout = any(block.block_type == "see_a_doctor" for block in page.body)
        replace_content_checker(
            items,
            needs_doctor_callout=True,
            has_doctor_callout=has_callout,
            claim_sentences=sentences,
        )
    else:
        replace_content_checker(items, claim_sentences=sentences)


@hooks.register("register_content_api_router")
def register_articles_api():
    from .api import articles_router  # the API assembles after the apps are ready

    return "/articles/", articles_router


@hooks.register("register_content_api_router")
def register_techniques_api():
    from .api import techniques_router  # the API assembles after the apps are ready

    return "/techniques/", techniques_router


@hooks.register("register_content_api_router")
def register_topics_api():
    from .api import topics_router  # the API assembles after the apps are ready

    return "/topics/", topics_router
