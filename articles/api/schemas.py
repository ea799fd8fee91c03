"""The response shapes of the articles, techniques and topics endpoints."""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from author_profiles.api import ProfileRef
from services.api import ServiceRef
from spa_site.api.head import PageHead
from spa_site.api.images import ImageSchema
from spa_site.api.rich_text import RichTextHTML
from spa_site.api.schemas import PageLink, PageMeta, paginated, reference
from spa_site.api.streamfield import stream_schema

from ..models import ConditionArticlePage

ConditionArticleBody = stream_schema(
    ConditionArticlePage._meta.get_field("body").stream_block, "ConditionArticleBody"
)


class TopicLink(Schema):
    name: str
    slug: str
    url: str | None = Field(description="Path of the topic page on the site.")
    api_url: str


class TechniqueCard(PageLink):
    type: Literal["technique"]
    summary: str
    pressure_level: Literal["gentle", "moderate", "firm", "deep"]
    pressure_label: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")
    tags: list[TopicLink]


TechniqueRef = reference(TechniqueCard, PageLink, "TechniqueRef")


class ArticleCard(PageLink):
    """What an article card shows, with its references as links (or expanded on request)."""

    type: Literal["condition_article"]
    summary: str
    condition_name: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")
    tags: list[TopicLink]
    author: ProfileRef | None
    reviewer: ProfileRef | None = Field(
        description="Who approved this content in the Medical review workflow; null until "
        "a medical reviewer has approved the current content."
    )
    last_reviewed: date | None = Field(
        description="When that approval was given; null together with `reviewer`."
    )
    reading_time_minutes: int
    last_published_at: datetime | None
    techniques: list[TechniqueRef] = Field(description="Recommended techniques.")
    services: list[ServiceRef] = Field(description="Services to book for this condition.")


class TocEntry(Schema):
    anchor: str = Field(description="The id the section heading carries on the site.")
    heading: str
    block_id: str = Field(description="The `id` of the body block the heading belongs to.")


class RelatedArticle(PageLink):
    summary: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")


class ArticleDetail(ArticleCard):
    subtitle: str
    alternate_names: list[str]
    hero_image: ImageSchema | None = Field(description="Presets: hero, card.")
    table_of_contents: list[TocEntry]
    body: ConditionArticleBody
    related_articles: list[RelatedArticle] = Field(description="Articles sharing topics.")
    meta: PageMeta


class ConditionLink(PageLink):
    condition_name: str


class TechniqueDetail(TechniqueCard):
    reviewer: ProfileRef | None = Field(
        description="Who approved this content in the Medical review workflow; null until "
        "a medical reviewer has approved the current content."
    )
    last_reviewed: date | None = Field(
        description="When that approval was given; null together with `reviewer`."
    )
    how_it_works: RichTextHTML
    what_to_expect: RichTextHTML
    precautions: RichTextHTML
    good_for: list[ConditionLink] = Field(description="Conditions whose articles recommend it.")
    services: list[ServiceRef]
    therapists: list[ProfileRef] = Field(description="Who performs a service using it.")
    meta: PageMeta


class TopicCard(TopicLink):
    article_count: int
    technique_count: int


class TopicDetail(TopicLink):
    articles: list[ArticleCard]
    techniques: list[TechniqueCard]
    head: PageHead | None = Field(
        description="The topic page's HTML head (null when the site has no conditions index)."
    )


ArticleList = paginated(ArticleCard, "ArticleList")
TechniqueList = paginated(TechniqueCard, "TechniqueList")
TopicList = paginated(TopicCard, "TopicList")

ARTICLE_EXPANDS = ("author", "reviewer", "techniques", "services")
TECHNIQUE_EXPANDS = ("reviewer", "services", "therapists")
