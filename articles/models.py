"""Condition articles, massage techniques, their index pages and the shared topic tags."""

import math
import re

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from spa_site import visibility
from spa_site.listing import CARDS_PER_PAGE, card_images, with_card_images
from spa_site.models import BasePage, IndexPage, page_tabs
from spa_site.pagination import paginate

from .blocks import ConditionArticleBodyBlock
from .illustrations import technique_art

WORDS_PER_MINUTE = 200
REVIEW_STATUS_PANEL = HelpPanel(template="articles/panels/review_status.html", heading="Status")
REVIEW_TAB = ("Review", [REVIEW_STATUS_PANEL])
NOT_IN_TABLE_OF_CONTENTS = {"book_cta"}


def heading_key(heading):
    """What makes two headings the same section: words, ignoring case, punctuation and "the"."""
    words = re.findall(r"\w+", heading.casefold())
    return " ".join(words[1:] if words[:1] == ["the"] else words)


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

    def articles(self, request=None):
        return (
            visibility.for_request(request)
            .filter(ConditionArticlePage.objects.child_of(self))
            .select_related("author")
            .prefetch_related(card_images())
            .order_by("title")
        )

    def listing(self, request=None):
        return self.articles(request)

    def listed_pages(self):
        """The articles, and every live page its topic pages list."""
        tagged = (
            visibility.anonymous()
            .pages()
            .filter(
                models.Q(conditionarticlepage__tagged_items__isnull=False)
                | models.Q(techniquepage__tagged_items__isnull=False)
            )
        )
        return [*self.articles(), *tagged.distinct()]

    @path("topics/<slug:tag_slug>/", name="topic")
    def topic_route(self, request, tag_slug):
        tag = get_object_or_404(TopicTag, slug=tag_slug)
        return self.render(
            request,
            context_overrides=self.topic_context(request, tag),
            template="articles/topic_page.html",
        )

    def topic_context(self, request, tag):
        """What the topic page of ``tag`` shows (and describes itself with): the tag and the
        requested page of its public articles and techniques. The API's topic head uses it too."""
        tagged = (
            visibility.for_request(request)
            .pages()
            .filter(
                models.Q(conditionarticlepage__tagged_items__tag=tag)
                | models.Q(techniquepage__tagged_items__tag=tag)
            )
            .distinct()
            .order_by("title")
            .specific()
        )
        page_obj = paginate(request, tagged, CARDS_PER_PAGE)
        page_obj.object_list = with_card_images(page_obj.object_list)
        return {"topic": tag, "page_obj": page_obj}

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

    def listing(self, request=None):
        return (
            visibility.for_request(request)
            .filter(TechniquePage.objects.child_of(self))
            .prefetch_related(card_images())
            .order_by("title")
        )

    class Meta:
        verbose_name = "technique index page"


class TechniquePage(BasePage):
    PRESSURE_CHOICES = [
        ("gentle", _("Gentle")),
        ("moderate", _("Moderate")),
        ("firm", _("Firm")),
        ("deep", _("Deep")),
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
    edit_handler = page_tabs(content_panels, ("Relations", relation_panels), REVIEW_TAB)

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
        from . import selectors  # the selectors import these models

        context = super().get_context(request, *args, **kwargs)
        audience = visibility.for_request(request)
        context["breadcrumbs"] = self.breadcrumbs(request)
        context["good_for"] = selectors.technique_good_for(self, audience)
        context["services"] = selectors.technique_services(self, audience)
        context["therapists"] = selectors.technique_therapists(self, audience)
        context["review_claim"] = selectors.review(self, audience)
        return context

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
        "author_profiles.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_written",
        help_text="Who wrote the article.",
    )
    # Written only by a medical review approval and checked against its record on every publish
    # (editorial.claims): never typed, never a claim of their own. Pages show the claim from
    # spa_site.review_claims; these copies serve listings, filters and ordering.
    medical_reviewer = models.ForeignKey(
        "author_profiles.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_reviewed",
        editable=False,
        help_text="Who approved the live version in the Medical review workflow.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the live version was approved in the Medical review workflow.",
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
    edit_handler = page_tabs(content_panels, ("Relations", relation_panels), REVIEW_TAB)

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    template = "articles/condition_article_page.html"
    share_label = "Condition guide"

    @classmethod
    def serve_queryset(cls):
        """How routing loads an article to serve it: with its hero and listing images, and
        its author ready for the byline (``selectors.with_author``)."""
        from .selectors import with_author  # the selectors import this module

        return with_author(cls.objects.select_related("hero_image", "listing_image"))

    @cached_property
    def heading_anchors(self):
        """(block id, anchor, heading, block type) for every body block with a heading."""
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
            entries.append((block.id, anchor, heading, block.block_type))
        return entries

    @cached_property
    def table_of_contents(self):
        """(block id, anchor, heading) of the article's sections, each once.

        A heading that repeats an earlier one ("The Benefits of Massage…" after "Benefits of
        Massage…") keeps its anchor but is not listed again.
        """
        entries, seen = [], set()
        for block_id, anchor, heading, _type in self.heading_anchors:
            key = heading_key(heading)
            if key not in seen:
                seen.add(key)
                entries.append((block_id, anchor, heading))
        return entries

    @cached_property
    def doctor_anchor(self):
        """Anchor of the first "when to see a doctor" callout, for a jump link near the top."""
        return next(
            (anchor for _, anchor, _, kind in self.heading_anchors if kind == "see_a_doctor"), None
        )

    @cached_property
    def summary_repeats_intro(self):
        """True when the body opens with the summary's words, so the page need not show both."""
        first = next(iter(self.body.raw_data), None)
        text = " ".join(strip_tags(first["value"].get("body", "")).split()) if first else ""
        return bool(self.summary) and text.startswith(" ".join(self.summary.split())[:80])

    def body_with_anchors(self):
        """(block, anchor) pairs so each section heading can carry its table-of-contents id."""
        anchors = {block_id: anchor for block_id, anchor, _, _ in self.heading_anchors}
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

    def get_context(self, request, *args, **kwargs):
        from . import selectors  # the selectors import these models

        context = super().get_context(request, *args, **kwargs)
        audience = visibility.for_request(request)
        context["breadcrumbs"] = self.breadcrumbs(request)
        context["author"] = selectors.article_people(self, audience)["author"]
        context["review_claim"] = selectors.review(self, audience)
        context["techniques"] = selectors.recommended_techniques(self, audience)
        context["services"] = selectors.article_services(self, audience)
        context["topic_links"] = selectors.topic_links(self, audience, request)
        context["related_articles"] = selectors.related_articles(self, audience)
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
