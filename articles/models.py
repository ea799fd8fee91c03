"""Condition articles, massage techniques, their index pages and the shared topic tags."""

import math

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from author_profiles.models import AuthorProfilePage
from services.models import Service
from spa_site.models import BasePage
from spa_site.publishing import is_expired

from .blocks import ConditionArticleBodyBlock

WORDS_PER_MINUTE = 200
REVIEW_FIELDS_PERMISSION = "editorial.change_review_fields"
REVIEW_STATUS_PANEL = HelpPanel(template="articles/panels/review_status.html", heading="Status")
NOT_IN_TABLE_OF_CONTENTS = {"book_cta"}


class TopicTag(TagBase):
    """Topics shared by articles and techniques, kept apart from image and document tags."""

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(TopicTag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "articles.ConditionArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TaggedTechnique(ItemBase):
    tag = models.ForeignKey(TopicTag, on_delete=models.CASCADE, related_name="tagged_techniques")
    content_object = ParentalKey(
        "articles.TechniquePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(RoutablePageMixin, BasePage):
    """Lists condition articles; also serves topic pages at ``topics/<tag-slug>/``."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["spa_site.HomePage"]
    subpage_types = ["articles.ConditionArticlePage"]
    max_count = 1
    template = "articles/article_index_page.html"

    def articles(self):
        return (
            ConditionArticlePage.objects.child_of(self)
            .live()
            .public()
            .not_expired()
            .select_related("listing_image", "author")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("articles", self.articles())
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("topics/<slug:tag_slug>/", name="topic")
    def topic_route(self, request, tag_slug):
        tag = get_object_or_404(TopicTag, slug=tag_slug)
        return self.render(
            request,
            context_overrides={
                "topic": tag,
                "articles": self.articles().filter(tagged_items__tag=tag),
                "techniques": TechniquePage.objects.live()
                .public()
                .not_expired()
                .filter(tagged_items__tag=tag)
                .order_by("title"),
            },
            template="articles/topic_page.html",
        )

    def topic_url(self, tag):
        return self.url + self.reverse_subpage("topic", kwargs={"tag_slug": tag.slug})

    class Meta:
        verbose_name = "article index page"


class TechniqueIndexPage(BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["spa_site.HomePage"]
    subpage_types = ["articles.TechniquePage"]
    max_count = 1
    template = "articles/technique_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["techniques"] = (
            TechniquePage.objects.child_of(self).live().public().not_expired().order_by("title")
        )
        return context

    class Meta:
        verbose_name = "technique index page"


class TechniquePage(BasePage):
    PRESSURE_CHOICES = [
        ("gentle", "Gentle"),
        ("moderate", "Moderate"),
        ("firm", "Firm"),
        ("deep", "Deep"),
    ]

    pressure_level = models.CharField(
        max_length=10,
        choices=PRESSURE_CHOICES,
        default="moderate",
        help_text="How much pressure a client should expect.",
    )
    how_it_works = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul"], help_text="What the technique is."
    )
    what_to_expect = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="What a session feels like, in plain words.",
    )
    precautions = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="Who should check with a doctor first, and when to avoid it.",
    )
    tags = ClusterTaggableManager(through=TaggedTechnique, blank=True, verbose_name="topics")

    search_fields = BasePage.search_fields + [
        index.SearchField("how_it_works"),
        index.SearchField("what_to_expect"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("pressure_level"),
        FieldPanel("how_it_works"),
        FieldPanel("what_to_expect"),
        FieldPanel("precautions"),
    ]
    relation_panels = [
        InlinePanel(
            "technique_services",
            heading="Services that deliver this technique",
            label="Service",
            help_text="The bookable services in which a therapist uses this technique.",
        ),
        FieldPanel("tags", help_text="Topics this technique helps with; they link it to articles."),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(relation_panels, heading="Relations"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
            ObjectList([REVIEW_STATUS_PANEL], heading="Review"),
        ]
    )

    parent_page_types = ["articles.TechniqueIndexPage"]
    subpage_types = []
    template = "articles/technique_page.html"

    def services(self):
        return Service.objects.bookable().filter(technique_links__technique=self)

    def good_for(self):
        """Conditions whose live articles recommend this technique (derived, never typed)."""
        return (
            ConditionArticlePage.objects.live()
            .public()
            .not_expired()
            .filter(recommended_techniques__technique=self)
            .distinct()
            .order_by("title")
        )

    def therapists(self):
        return (
            AuthorProfilePage.objects.live()
            .public()
            .not_expired()
            .filter(services__technique_links__technique=self, services__active=True)
            .distinct()
            .order_by("title")
        )

    class Meta:
        verbose_name = "technique page"


class TechniqueService(Orderable):
    technique = ParentalKey(
        TechniquePage, on_delete=models.CASCADE, related_name="technique_services"
    )
    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, related_name="technique_links"
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["technique", "service"], name="unique_technique_service"
            )
        ]


class ConditionArticlePage(BasePage):
    condition_name = models.CharField(
        max_length=120, help_text="The condition in plain words, e.g. “Back spasm”."
    )
    alternate_names = models.CharField(
        max_length=250,
        blank=True,
        help_text="Other names readers search for, comma-separated, e.g. “back cramp, lower back spasm”.",
    )
    subtitle = models.CharField(max_length=250, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Large picture at the top of the article.",
    )
    body = StreamField(ConditionArticleBodyBlock(), blank=True)
    author = models.ForeignKey(
        "author_profiles.AuthorProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_written",
        help_text="Who wrote the article.",
    )
    medical_reviewer = models.ForeignKey(
        "author_profiles.AuthorProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_reviewed",
        help_text="The qualified person who checked the health claims.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="Date of the last medical review."
    )
    tags = ClusterTaggableManager(through=TaggedArticle, blank=True, verbose_name="topics")

    search_fields = BasePage.search_fields + [
        index.SearchField("condition_name"),
        index.SearchField("alternate_names"),
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.FilterField("author"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel(
            "subtitle",
            help_text="Optional line under the title, e.g. “Causes, relief and when to worry”.",
        ),
        MultiFieldPanel(
            [FieldPanel("condition_name"), FieldPanel("alternate_names")], heading="Condition"
        ),
        FieldPanel("hero_image"),
        FieldPanel(
            "body",
            help_text="Build the article from sections with “+”. Every article needs a "
            "“When to see a doctor” block. Changes here need a medical review before they go live.",
        ),
    ]
    relation_panels = [
        FieldPanel("author"),
        InlinePanel(
            "recommended_techniques",
            heading="Recommended techniques",
            label="Technique",
            help_text="Shown as cards under the article.",
        ),
        InlinePanel(
            "related_services",
            heading="Bookable services",
            label="Service",
            help_text="Services a reader can book straight from the article.",
        ),
        FieldPanel("tags", help_text="Two or three topics; each links to a topic page."),
    ]
    review_panels = [
        REVIEW_STATUS_PANEL,
        FieldPanel("medical_reviewer", permission=REVIEW_FIELDS_PERMISSION),
        FieldPanel("last_reviewed", permission=REVIEW_FIELDS_PERMISSION),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(relation_panels, heading="Relations"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
            ObjectList(review_panels, heading="Review"),
        ]
    )

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    template = "articles/condition_article_page.html"

    @cached_property
    def table_of_contents(self):
        """(anchor, heading) pairs for every body block that has a heading."""
        entries, seen = [], set()
        for block in self.body:
            if block.block_type in NOT_IN_TABLE_OF_CONTENTS:
                continue
            heading = block.value.get("heading") if hasattr(block.value, "get") else None
            if not heading:
                continue
            anchor = base = slugify(heading) or f"section-{block.id}"
            counter = 2
            while anchor in seen:
                anchor = f"{base}-{counter}"
                counter += 1
            seen.add(anchor)
            entries.append((block.id, anchor, heading))
        return entries

    def body_with_anchors(self):
        """(block, anchor) pairs so each section heading can carry its table-of-contents id."""
        anchors = {block_id: anchor for block_id, anchor, _ in self.table_of_contents}
        return [(block, anchors.get(block.id, "")) for block in self.body]

    @cached_property
    def reading_time_minutes(self):
        words = len(strip_tags(self.body.render_as_block()).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def related_articles(self, limit=3):
        """Other live articles sharing the most topic tags with this one (derived, never typed)."""
        # Iterate rather than values_list(): in a preview, tags are an in-memory cluster.
        tag_ids = [tag.pk for tag in self.tags.all() if tag.pk]
        if not tag_ids:
            return ConditionArticlePage.objects.none()
        return (
            ConditionArticlePage.objects.live()
            .public()
            .not_expired()
            .exclude(pk=self.pk)
            .filter(tagged_items__tag_id__in=tag_ids)
            .annotate(shared_tags=models.Count("tagged_items", distinct=True))
            .order_by("-shared_tags", "title")
            .select_related("listing_image")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = self.related_articles()
        context["techniques"] = [
            link.technique
            for link in self.recommended_techniques.select_related("technique").all()
            if link.technique.live and not is_expired(link.technique)
        ]
        context["services"] = [
            link.service
            for link in self.related_services.select_related("service").prefetch_related(
                "service__variants"
            )
            if link.service.active
        ]
        context["topics"] = list(self.tags.all())
        index_page = ArticleIndexPage.objects.live().not_expired().first()
        context["topic_links"] = [
            (tag, index_page.topic_url(tag) if index_page else None) for tag in context["topics"]
        ]
        return context

    class Meta:
        verbose_name = "condition article"


class ArticleTechnique(Orderable):
    page = ParentalKey(
        ConditionArticlePage, on_delete=models.CASCADE, related_name="recommended_techniques"
    )
    technique = models.ForeignKey(
        TechniquePage, on_delete=models.CASCADE, related_name="recommended_in"
    )

    panels = [FieldPanel("technique")]


class ArticleService(Orderable):
    page = ParentalKey(
        ConditionArticlePage, on_delete=models.CASCADE, related_name="related_services"
    )
    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("service")]
