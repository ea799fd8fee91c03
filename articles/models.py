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
from wagtail.models import Orderable, Page
from wagtail.search import index

from author_profiles.models import AuthorProfilePage, Credential
from services.models import Service
from spa_site.listing import CARDS_PER_PAGE, card_images, with_card_images
from spa_site.models import BasePage, IndexPage
from spa_site.pagination import paginate
from spa_site.publishing import is_expired, not_expired_q

from .blocks import ConditionArticleBodyBlock
from .illustrations import technique_art

WORDS_PER_MINUTE = 200
REVIEW_FIELDS_PERMISSION = "editorial.change_review_fields"
REVIEW_STATUS_PANEL = HelpPanel(template="articles/panels/review_status.html", heading="Status")
NOT_IN_TABLE_OF_CONTENTS = {"book_cta"}


def _count_words(raw):
    """Words in stored StreamField data: text values only, not block types, ids or choices."""
    if isinstance(raw, str):
        return len(strip_tags(raw).split())
    if isinstance(raw, dict):
        if "type" in raw and "value" in raw:
            return _count_words(raw["value"])
        return sum(_count_words(value) for value in raw.values())
    if isinstance(raw, list):
        return sum(_count_words(item) for item in raw)
    return 0


class TopicTag(TagBase):
    """Topics shared by articles and techniques, kept apart from image and document tags.

    The SEO team writes the copy of each topic page here (``/conditions/topics/<slug>/``).
    """

    seo_title = models.CharField(
        "page title",
        max_length=120,
        blank=True,
        help_text="Heading and search title of the topic page. Defaults to the topic name.",
    )
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short introduction shown above the list of articles.",
    )
    search_description = models.TextField(
        "meta description",
        blank=True,
        help_text="Shown under the headline in search results. Aim for 50–160 characters.",
    )
    noindex = models.BooleanField(
        "hide from search engines",
        default=False,
        help_text="Hide this topic page even when it has enough articles.",
    )

    @property
    def page_title(self):
        return self.seo_title or self.name

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


class ArticleIndexPage(RoutablePageMixin, IndexPage):
    """Lists condition articles; also serves topic pages at ``topics/<tag-slug>/``."""

    subpage_types = ["articles.ConditionArticlePage"]
    template = "articles/article_index_page.html"
    art = "icon_conditions"

    def articles(self):
        return (
            ConditionArticlePage.objects.child_of(self)
            .live()
            .public()
            .not_expired()
            .select_related("author")
            .prefetch_related(card_images())
            .order_by("title")
        )

    def listing(self):
        return self.articles()

    @path("topics/<slug:tag_slug>/", name="topic")
    def topic_route(self, request, tag_slug):
        tag = get_object_or_404(TopicTag, slug=tag_slug)
        tagged = (
            Page.objects.live()
            .public()
            .filter(not_expired_q())
            .filter(
                models.Q(conditionarticlepage__tagged_items__tag=tag)
                | models.Q(techniquepage__tagged_items__tag=tag)
            )
            .distinct()
            .order_by("title")
            .specific()
        )
        page_obj = paginate(request, tagged, CARDS_PER_PAGE, keys_cache=f"topic:{self.pk}:{tag.pk}")
        page_obj.object_list = with_card_images(page_obj.object_list)
        return self.render(
            request,
            context_overrides={"topic": tag, "page_obj": page_obj},
            template="articles/topic_page.html",
        )

    def topic_url(self, tag):
        return self.topic_url_under(self.url, tag)

    @classmethod
    def topic_url_under(cls, index_url, tag):
        """A topic page's URL given the index page's URL (no need to load the index page)."""
        return index_url + cls.get_resolver().reverse("topic", tag_slug=tag.slug)

    class Meta:
        verbose_name = "article index page"


class TechniqueIndexPage(IndexPage):
    subpage_types = ["articles.TechniquePage"]
    template = "articles/technique_index_page.html"
    art = "icon_techniques"

    def listing(self):
        return (
            TechniquePage.objects.child_of(self)
            .live()
            .public()
            .not_expired()
            .prefetch_related(card_images())
            .order_by("title")
        )

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
    share_label = "Massage technique"

    @property
    def art(self):
        return technique_art(self.title)

    @property
    def pressure_index(self):
        """0 (gentle) to 3 (deep): how many steps of the pressure scale are filled, less one."""
        levels = [value for value, _ in self.PRESSURE_CHOICES]
        return levels.index(self.pressure_level) if self.pressure_level in levels else 0

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.breadcrumbs()
        context.update(self.relations_context(request, self._relations))
        return context

    def _relations(self):
        return {
            "good_for": list(self.good_for()),
            "services": list(self.services()),
            "therapists": list(self.therapists().select_related("photo")),
        }

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
    share_label = "Condition guide"

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

    @cached_property
    def doctor_anchor(self):
        """Anchor of the first "when to see a doctor" callout, for a jump link near the top."""
        first = next((b for b in self.body if b.block_type == "see_a_doctor"), None)
        return {bid: a for bid, a, _ in self.table_of_contents}.get(first.id) if first else None

    @cached_property
    def summary_repeats_intro(self):
        """True when the body opens with the summary's words, so the page need not show both."""
        first = next(iter(self.body.raw_data), None)
        text = " ".join(strip_tags(first["value"].get("body", "")).split()) if first else ""
        return bool(self.summary) and text.startswith(" ".join(self.summary.split())[:80])

    def body_with_anchors(self):
        """(block, anchor) pairs so each section heading can carry its table-of-contents id."""
        anchors = {block_id: anchor for block_id, anchor, _ in self.table_of_contents}
        return [(block, anchors.get(block.id, "")) for block in self.body]

    @cached_property
    def reading_time_minutes(self):
        """Estimated from the body's stored text, without rendering it (no queries)."""
        return self.estimated_reading_time_minutes()

    def estimated_reading_time_minutes(self):
        """Reading time counted from the body's stored text, without rendering it.

        Rendering fetches every chosen page and service, which is too costly per card in an
        API listing; this count leaves out only template wording and chosen titles, so it
        agrees with ``reading_time_minutes`` (a test holds the two together).
        """
        words = _count_words(list(self.body.raw_data))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def related_articles(self, limit=3, tag_ids=None):
        """Other live articles sharing the most topic tags with this one (derived, never typed)."""
        if tag_ids is None:
            # Iterate rather than values_list(): in a preview, tags are an in-memory cluster.
            tag_ids = [tag.pk for tag in self.tags.all() if tag.pk]
        if not tag_ids:
            return ConditionArticlePage.objects.none()
        # Rank on keys alone: grouping whole rows (StreamField bodies included) by article
        # took half a second once a popular topic had thousands of articles.
        ranked = list(
            ConditionArticlePage.objects.live()
            .public()
            .not_expired()
            .exclude(pk=self.pk)
            .filter(tagged_items__tag_id__in=tag_ids)
            .values("pk")
            .annotate(shared_tags=models.Count("tagged_items", distinct=True))
            .order_by("-shared_tags", "title")
            .values_list("pk", flat=True)[:limit]
        )
        if not ranked:
            return ConditionArticlePage.objects.none()
        return (
            ConditionArticlePage.objects.filter(pk__in=ranked)
            .order_by(models.Case(*(models.When(pk=pk, then=i) for i, pk in enumerate(ranked))))
            .select_related("author")
            .prefetch_related(card_images())
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.breadcrumbs()
        context.update(self.relations_context(request, self._relations))
        return context

    def _relations(self):
        first_credential = Credential.objects.filter(page=models.OuterRef("pk")).order_by(
            "sort_order"
        )
        people = {
            person.pk: person
            for person in AuthorProfilePage.objects.live()
            .not_expired()
            .filter(pk__in=[pk for pk in (self.author_id, self.medical_reviewer_id) if pk])
            .annotate(credential_name=models.Subquery(first_credential.values("name")[:1]))
        }
        topics = list(self.tags.all())
        parent_url = self.get_parent().get_url() if self.pk else None
        return {
            "author": people.get(self.author_id),
            "reviewer": people.get(self.medical_reviewer_id),
            "techniques": with_card_images(
                link.technique
                for link in self.recommended_techniques.select_related("technique")
                if link.technique.live and not is_expired(link.technique)
            ),
            "services": [
                link.service
                for link in self.related_services.select_related("service").prefetch_related(
                    "service__variants"
                )
                if link.service.active and link.service.variants.all()
            ],
            "topic_links": [
                (tag, ArticleIndexPage.topic_url_under(parent_url, tag) if parent_url else None)
                for tag in topics
            ],
            "related_articles": list(self.related_articles(tag_ids=[t.pk for t in topics])),
        }

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
