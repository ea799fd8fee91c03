"""SEO reports about health content: authorship and medical review, and thin topics."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, TitleColumn

from spa_site import visibility
from spa_site.seo.reports import Row, SeoReport

from . import topics
from .models import ArticleIndexPage, ConditionArticlePage

REVIEW_MAX_AGE = datetime.timedelta(days=365)


def live_articles():
    """The articles visitors can read (``spa_site.visibility``)."""
    return (
        visibility.anonymous()
        .pages(ConditionArticlePage)
        .select_related("author", "medical_reviewer")
        .order_by("title")
    )


@SeoReport.register
class MissingReviewReport(SeoReport):
    slug = "missing-review"
    page_title = "Articles without author, reviewer or review date"
    header_icon = "user"

    def rows(self):
        for article in live_articles():
            missing = [
                label
                for label, value in (
                    ("author", article.author_id),
                    ("medical reviewer", article.medical_reviewer_id),
                    ("review date", article.last_reviewed),
                )
                if not value
            ]
            if missing:
                yield Row(page=article, problem="Missing " + ", ".join(missing))


@SeoReport.register
class StaleReviewReport(SeoReport):
    slug = "stale-reviews"
    page_title = "Medical reviews older than 12 months"
    header_icon = "time"

    def rows(self):
        cutoff = timezone.localdate() - REVIEW_MAX_AGE
        for article in live_articles().filter(last_reviewed__lt=cutoff):
            yield Row(
                page=article,
                problem=f"Last reviewed {(timezone.localdate() - article.last_reviewed).days} days ago",
                value=article.last_reviewed.isoformat(),
            )


def topic_edit_url(tag):
    return reverse("wagtailsnippets_articles_topictag:edit", args=(tag.pk,))


@SeoReport.register
class ThinTopicsReport(SeoReport):
    slug = "thin-topics"
    page_title = "Thin topics"
    header_icon = "tag"
    columns = [
        TitleColumn("title", label="Topic", get_url=lambda row: row.edit_url),
        Column("problem", label="Problem"),
        Column("value", label="Topic page"),
    ]
    list_export = ["title", "problem", "value"]
    export_headings = {"title": "Topic", "problem": "Problem", "value": "Topic page"}

    def rows(self):
        index = ArticleIndexPage.objects.live().first()
        threshold = topics.thin_threshold()
        for tag in topics.thin_topics():
            yield Row(
                title=tag.name,
                problem=f"{tag.live_count} live items (fewer than {threshold}): hidden from search",
                value=index.full_url + index.reverse_subpage("topic", kwargs={"tag_slug": tag.slug})
                if index
                else "",
                extra={"edit_url": topic_edit_url(tag)},
            )
