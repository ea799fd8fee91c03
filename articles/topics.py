"""Topic tag governance: usage counts, thin topics, rename and merge with redirects.

A topic's public page is ``/conditions/topics/<slug>/`` on the live ArticleIndexPage, so
changing a slug (rename) or removing a tag (merge) leaves a permanent redirect behind.
"""

from django.db import models, transaction
from django.db.models.functions import Coalesce, Lower
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision, Site

from spa_site import visibility
from spa_site.models import SiteSettings

from .models import (
    ArticleIndexPage,
    ConditionArticlePage,
    TaggedArticle,
    TaggedTechnique,
    TechniquePage,
    TopicTag,
)


def _live_count(through):
    public = visibility.current().filter_related(through.objects.all(), "content_object")
    return Coalesce(
        models.Subquery(
            public.filter(tag=models.OuterRef("pk"))
            .values("tag")
            .annotate(n=models.Count("pk"))
            .values("n")[:1],
            output_field=models.IntegerField(),
        ),
        0,
    )


def _all_count(through):
    return Coalesce(
        models.Subquery(
            through.objects.filter(tag=models.OuterRef("pk"))
            .values("tag")
            .annotate(n=models.Count("pk"))
            .values("n")[:1],
            output_field=models.IntegerField(),
        ),
        0,
    )


def with_usage(queryset=None):
    """Topics annotated with how many articles/techniques use them (all, and live ones)."""
    queryset = TopicTag.objects.all() if queryset is None else queryset
    return queryset.annotate(
        article_count=_all_count(TaggedArticle),
        technique_count=_all_count(TaggedTechnique),
        live_article_count=_live_count(TaggedArticle),
        live_technique_count=_live_count(TaggedTechnique),
    ).annotate(
        usage_count=models.F("article_count") + models.F("technique_count"),
        live_count=models.F("live_article_count") + models.F("live_technique_count"),
    )


def thin_threshold(site=None):
    site = site or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).thin_topic_threshold if site else 0


def thin_topics(site=None):
    """Topics whose page has too few live items to deserve a place in search results."""
    return with_usage().filter(live_count__lt=thin_threshold(site)).order_by("name")


def live_usage(audience=None):
    """``{tag id: (public items, latest publish)}`` over public articles and techniques, in
    one grouped query per page type (``with_usage`` counts per topic, which costs seconds
    for every topic at once on 10,000 articles)."""
    audience = audience or visibility.current()
    usage = {}
    for through in (TaggedArticle, TaggedTechnique):
        # ``IN (<public pages>)``, not ``filter_related``'s join: read once for the whole
        # grouped query, it took 34 ms at 10,000 articles where the join took 95.
        rows = (
            through.objects.filter(content_object__in=audience.pages().values("pk"))
            .values("tag_id")
            .annotate(n=models.Count("pk"), latest=models.Max("content_object__last_published_at"))
        )
        for row in rows:
            count, latest = usage.get(row["tag_id"], (0, None))
            latest = max(filter(None, [latest, row["latest"]]), default=None)
            usage[row["tag_id"]] = (count + row["n"], latest)
    return usage


def indexable_topics(site=None, usage=None):
    """Topics that deserve their page in search results, by name (``is_indexable``'s rule for
    every topic at once; ``usage`` is ``live_usage()`` when the caller has it)."""
    usage = live_usage() if usage is None else usage
    threshold = thin_threshold(site)
    return [
        tag
        for tag in TopicTag.objects.filter(noindex=False).order_by("name")
        if usage.get(tag.pk, (0, None))[0] >= threshold
    ]


def is_indexable(tag, site=None):
    if tag.noindex:
        return False
    live_count = getattr(tag, "live_count", None)
    if live_count is None:
        live_count = with_usage(TopicTag.objects.filter(pk=tag.pk)).get().live_count
    return live_count >= thin_threshold(site)


def duplicate_groups():
    """Lists of topics whose names differ only in letter case (created before the check)."""
    groups = {}
    for tag in TopicTag.objects.annotate(lower=Lower("name")).order_by("lower", "pk"):
        groups.setdefault(tag.lower, []).append(tag)
    return [tags for tags in groups.values() if len(tags) > 1]


def affected_pages(tags):
    """The articles and techniques (drafts included) tagged with any of ``tags``."""
    tag_ids = [tag.pk for tag in tags]
    articles = ConditionArticlePage.objects.filter(tagged_items__tag_id__in=tag_ids)
    techniques = TechniquePage.objects.filter(tagged_items__tag_id__in=tag_ids)
    return {
        "articles": list(articles.distinct().order_by("title")),
        "techniques": list(techniques.distinct().order_by("title")),
    }


def redirect_topic(old_slug, new_slug):
    """Permanent redirects from the topic page of ``old_slug`` to that of ``new_slug``.

    The redirect points at the index page and its route, so it survives the index moving;
    redirects that pointed at the old topic page are re-pointed, so nobody hops twice.
    """
    for index in ArticleIndexPage.objects.live():
        site_id, _root, path = index.get_url_parts() or (None, None, None)
        if path is None:
            continue
        site = Site.objects.filter(pk=site_id).first()
        old_route = index.reverse_subpage("topic", kwargs={"tag_slug": old_slug})
        new_route = index.reverse_subpage("topic", kwargs={"tag_slug": new_slug})
        Redirect.objects.filter(
            old_path=Redirect.normalise_path(path + new_route), site=site
        ).delete()
        old_route, new_route = (
            Redirect.normalise_page_route_path(r) for r in (old_route, new_route)
        )
        Redirect.objects.filter(redirect_page=index, redirect_page_route_path=old_route).update(
            redirect_page_route_path=new_route
        )
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(path + old_route.lstrip("/")),
            site=site,
            defaults={
                "redirect_page": index,
                "redirect_page_route_path": new_route,
                "redirect_link": "",
                "is_permanent": True,
                "automatically_created": True,
            },
        )


@transaction.atomic
def rename_topic(tag, new_name, new_slug=None):
    """Rename ``tag``; when its slug changes, its old topic URL redirects to the new one."""
    old_slug = tag.slug
    tag.name = new_name
    if new_slug:
        tag.slug = new_slug
    tag.save()
    if tag.slug != old_slug:
        redirect_topic(old_slug, tag.slug)
    return tag


@transaction.atomic
def merge_topics(target, sources):
    """Move every article and technique tagged with ``sources`` onto ``target``, delete the
    sources and redirect their topic pages to the target's. Returns the number of items moved.

    Tagging rows are moved in the database, so live pages and drafts keep their other content
    as it is (no new revision is published behind an editor's back); each page's latest
    revision is updated too, so publishing a draft later does not bring the old tag back.
    """
    sources = [tag for tag in sources if tag.pk != target.pk]
    source_ids = [tag.pk for tag in sources]
    moved = 0
    for through in (TaggedArticle, TaggedTechnique):
        already = set(
            through.objects.filter(tag=target).values_list("content_object_id", flat=True)
        )
        for row in through.objects.filter(tag_id__in=source_ids).order_by("pk"):
            if row.content_object_id in already:
                row.delete()
            else:
                row.tag = target
                row.save(update_fields=["tag"])
                already.add(row.content_object_id)
            moved += 1
    _retag_pending_revisions(source_ids, target)
    for tag in sources:
        slug = tag.slug
        tag.delete()
        redirect_topic(slug, target.slug)
    return moved


def _retag_pending_revisions(source_ids, target):
    """Swap the merged tags in drafts and scheduled revisions of articles and techniques."""
    pages = Page.objects.type(ConditionArticlePage, TechniquePage)
    revisions = Revision.page_revisions.filter(
        models.Q(pk__in=pages.filter(has_unpublished_changes=True).values("latest_revision"))
        | models.Q(
            approved_go_live_at__isnull=False,
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)],
        )
    )
    for revision in revisions:
        items = revision.content.get("tagged_items") or []
        if not any(item.get("tag") in source_ids for item in items):
            continue
        seen, kept = set(), []
        for item in items:
            tag_id = target.pk if item.get("tag") in source_ids else item.get("tag")
            if tag_id not in seen:
                seen.add(tag_id)
                kept.append({**item, "tag": tag_id})
        revision.content["tagged_items"] = kept
        revision.save(update_fields=["content"])
