"""The related content articles and techniques show, read once for their pages, their JSON-LD
and their API answers, so the three cannot drift apart.

Every target passes the read layer (``spa_site.visibility``): a draft, restricted or expired
technique, person or article is never listed, and a service is listed only while it can be
booked. Each reader works on a list of pages in a fixed number of queries (an API listing
of cards uses the same code as one article page); results are kept on each page object for
the rest of the request, because the template and the JSON-LD graph ask for the same lists.
Links are read through the page's own relations, which in a preview are the editor's unsaved
rows in memory, so a preview shows what publishing would.
"""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery, prefetch_related_objects

from author_profiles.models import Credential, ProfilePage
from services.models import Service
from services.selectors import profile_photos, profiles_with_photos, services_by_ids
from spa_site import loaded
from spa_site.listing import card_images
from spa_site.review_claims import review_claims

from .models import (
    ArticleIndexPage,
    ConditionArticlePage,
    TaggedArticle,
    TaggedTechnique,
    TechniquePage,
)

MEMO_ATTR = "_selector_memo"


def _memo(page, audience):
    memo = page.__dict__.setdefault(MEMO_ATTR, {})
    if memo.get("audience") is not audience:
        memo.clear()
        memo["audience"] = audience
    return memo


def _ordered(found, ids):
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def technique_cards(queryset):
    """Techniques ready for cards: listing image with its renditions."""
    return queryset.prefetch_related(card_images())


def technique_tags():
    """A technique's topic tags in name order, for ``prefetch_related``."""
    return Prefetch(
        "tagged_items", queryset=TaggedTechnique.objects.select_related("tag").order_by("tag__name")
    )


def _first_credential(profile):
    """The name of the first credential of the profile ``profile`` refers to (an outer field)."""
    credentials = Credential.objects.filter(page=OuterRef(profile)).order_by("sort_order")
    return Subquery(credentials.values("name")[:1])


def person_boxes(queryset):
    """Profiles ready for bylines: photo renditions and the first credential's name."""
    return profiles_with_photos(queryset).annotate(credential_name=_first_credential("pk"))


def with_author(queryset):
    """Articles read with their author ready for the byline, as ``person_boxes`` makes it
    (``ConditionArticlePage.serve_queryset``: the article page needs no read for it)."""
    return queryset.select_related("author").annotate(
        author_credential_name=_first_credential("author_id")
    )


def _loaded_author(article):
    """The author ``with_author`` read with ``article`` (None when it did not, or none)."""
    if not hasattr(article, "author_credential_name"):
        return None
    if not type(article).author.is_cached(article):
        return None
    author = article.author
    if author is not None:
        author.credential_name = article.author_credential_name
    return author


# Articles ---------------------------------------------------------------------------------


def _in_memory(page, relation):
    """True when ``relation`` holds the editor's unsaved rows (a preview), not database rows."""
    return relation in getattr(page, "_cluster_related_objects", {})


def _linked(articles, relation, link_field, related_name, targets):
    """{article pk: [target, ...]} in the editor's order, for the targets in ``targets`` (a
    queryset already narrowed to what visitors may see), through the link rows of
    ``relation`` (whose ``link_field`` points at a target, reached back as ``related_name``).
    Saved links are joined in one query for all ``articles``; a preview's unsaved rows are
    matched in memory."""
    result = {article.pk: [] for article in articles}
    saved = [a for a in articles if a.pk and not _in_memory(a, relation)]
    if saved:
        rows = (
            targets.filter(**{f"{related_name}__page__in": saved})
            .annotate(
                linked_from=F(f"{related_name}__page"),
                link_order=F(f"{related_name}__sort_order"),
                link_id=F(f"{related_name}__pk"),
            )
            .order_by("link_order", "link_id")
        )
        for target in rows:
            result[target.linked_from].append(target)
    for article in articles:
        if article in saved:
            continue
        ids = [getattr(link, f"{link_field}_id") for link in getattr(article, relation).all()]
        found = {t.pk: t for t in targets.filter(pk__in=[i for i in ids if i])} if ids else {}
        result[article.pk] = _ordered(found, ids)
    return result


def load_articles(articles, audience):
    """Read the people, techniques and services of every article in ``articles`` at once
    (a page of API cards costs what one article page does)."""
    articles = [a for a in articles if "people" not in _memo(a, audience)]
    if not articles:
        return
    techniques = _linked(
        articles,
        "recommended_techniques",
        "technique",
        "recommended_in",
        technique_cards(audience.pages(TechniquePage)),
    )
    services = _linked(
        articles, "related_services", "service", "article_links", Service.objects.bookable(audience)
    )
    # The body's chooser blocks take these instead of reading them again (``spa_site.loaded``).
    Service.loaded_as_bookable([s for found in services.values() for s in found], audience)
    for found in (techniques, services):
        loaded.keep(target for targets in found.values() for target in targets)
    reviews = _reviews(articles, audience)
    people, read = {}, set()
    for author in filter(None, map(_loaded_author, articles)):
        read.add(author.pk)
        if audience.can_see(author):
            people[author.pk] = author
    prefetch_related_objects(list(people.values()), profile_photos())
    person_ids = {a.author_id for a in articles if a.author_id}
    person_ids |= {claim.reviewer.pk for claim in reviews.values()}
    if person_ids - read:
        queryset = person_boxes(audience.pages(ProfilePage).filter(pk__in=person_ids - read))
        people.update((p.pk, p) for p in queryset)
    for article in articles:
        memo = _memo(article, audience)
        memo["techniques"] = techniques[article.pk]
        memo["services"] = services[article.pk]
        claim = reviews.get(article.pk)
        memo["review"] = claim
        memo["people"] = {
            "author": people.get(article.author_id),
            "reviewer": people.get(claim.reviewer.pk) if claim else None,
        }


def _reviews(pages, audience):
    """{page pk: ReviewClaim} for the pages a recorded review stands behind (one query for
    all, ``spa_site.review_claims``), when visitors may see the reviewer's profile."""
    claims = review_claims(pages)
    return {pk: claim for pk, claim in claims.items() if audience.can_see(claim.reviewer)}


def review(page, audience):
    """The page's review claim ("Medically reviewed by … on …"), or None."""
    memo = _memo(page, audience)
    if "review" not in memo:
        memo["review"] = _reviews([page], audience).get(page.pk)
    return memo["review"]


def article_people(article, audience):
    """{"author": profile or None, "reviewer": profile or None}, public ones only; the
    reviewer is the one a recorded review of the current content names (``review``)."""
    load_articles([article], audience)
    return _memo(article, audience)["people"]


def recommended_techniques(article, audience):
    """Public techniques the article recommends, in the editor's order, ready for cards."""
    load_articles([article], audience)
    return _memo(article, audience)["techniques"]


def article_services(article, audience):
    """Bookable services the article offers, in the editor's order."""
    load_articles([article], audience)
    return _memo(article, audience)["services"]


def article_topics(article):
    """The article's topic tags (in memory in a preview), read once per request."""
    if "_topics" not in article.__dict__:
        article._topics = list(article.tags.all())
    return article._topics


def topic_links(article, audience, request=None):
    """(tag, topic page URL or None) for each of the article's topics."""
    memo = _memo(article, audience)
    if "topic_links" not in memo:
        parent = article.get_parent() if article.pk else None  # routing has loaded it
        index_url = parent.get_url(request) if audience.can_see(parent) else None
        memo["topic_links"] = [
            (tag, ArticleIndexPage.topic_url_under(index_url, tag) if index_url else None)
            for tag in article_topics(article)
        ]
    return memo["topic_links"]


def related_articles(article, audience, limit=3):
    """Other public articles sharing the most topics with this one (derived, never typed),
    with their authors for the cards' bylines."""
    memo = _memo(article, audience)
    if "related" in memo:
        return memo["related"]
    tag_ids = [tag.pk for tag in article_topics(article) if tag.pk]
    related = []
    if tag_ids:
        # Rank on keys alone: grouping whole rows (StreamField bodies included) by article
        # took half a second once a popular topic had thousands of articles.
        ranked = (
            audience.pages(ConditionArticlePage)
            .exclude(pk=article.pk)
            .filter(tagged_items__tag_id__in=tag_ids)
            .values("pk")
            .annotate(shared_tags=Count("tagged_items", distinct=True))
            .order_by("-shared_tags", "title")
            .values_list("pk", flat=True)[:limit]
        )
        shared = (
            TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
            .values("content_object")
            .annotate(n=Count("pk"))
            .values("n")
        )
        related = list(
            ConditionArticlePage.objects.filter(pk__in=Subquery(ranked))
            .annotate(shared_tags=Subquery(shared))
            .select_related("author")
            .prefetch_related(card_images())
            .order_by("-shared_tags", "title")
        )
    memo["related"] = related
    return related


# Techniques -------------------------------------------------------------------------------


def technique_good_for(technique, audience):
    """Public articles recommending the technique: the conditions it is good for (derived)."""
    memo = _memo(technique, audience)
    if "good_for" not in memo:
        memo["good_for"] = (
            list(
                audience.pages(ConditionArticlePage)
                .filter(recommended_techniques__technique=technique)
                .distinct()
                .order_by("title")
            )
            if technique.pk
            else []
        )
    return memo["good_for"]


def technique_services(technique, audience):
    """Bookable services that deliver the technique, in the editor's order."""
    memo = _memo(technique, audience)
    if "services" not in memo:
        ids = [link.service_id for link in technique.technique_services.all()]
        memo["services"] = services_by_ids(ids, audience)
    return memo["services"]


def technique_therapists(technique, audience):
    """Public profiles of who performs a bookable service delivering the technique (derived)."""
    memo = _memo(technique, audience)
    if "therapists" not in memo:
        services = technique_services(technique, audience)
        people = []
        if services:
            people = list(
                profiles_with_photos(
                    audience.pages(ProfilePage)
                    .filter(services__in=[s.pk for s in services])
                    .distinct()
                    .order_by("title")
                )
            )
        memo["therapists"] = people
    return memo["therapists"]
