"""Which site paths and cache keys an event touches, found through Wagtail's reference index.

For a page: the page itself and its parent (whose listing shows it); every public page
that references it (an author's change reaches every article showing that author); every
page it references, since those show it in derived lists (an author's "articles written",
a technique's "good for"); and the topic pages of its tags.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex, Site

from articles.models import ArticleIndexPage
from spa_site import visibility


def _public_pages():
    return visibility.anonymous().pages()


class Affected:
    def __init__(self):
        self.page_ids = set()
        self.extra_paths = set()
        self.keys = set()

    def add_page_ids(self, ids):
        self.page_ids.update(int(i) for i in ids)

    def add_references_to(self, obj):
        """Public pages that reference ``obj``, and the locations of services that do."""
        for source, _ in ReferenceIndex.get_references_to(obj).group_by_source_object():
            if isinstance(source, Page):
                self.page_ids.add(source.pk)
            elif hasattr(source, "offered_at"):  # a service shows on its location pages
                self.page_ids.update(loc.pk for loc in source.offered_at)
                self.keys.add(f"service-{source.pk}")

    def add_references_from(self, obj):
        page_types = {
            ct.pk
            for ct in ContentType.objects.filter(
                pk__in=ReferenceIndex.get_references_for_object(obj).values("to_content_type")
            )
            if (model := ct.model_class()) and issubclass(model, Page)
        }
        self.page_ids.update(
            int(i)
            for i in ReferenceIndex.get_references_for_object(obj)
            .filter(to_content_type__in=page_types)
            .values_list("to_object_id", flat=True)
            if str(i).isdigit()
        )

    def add_topics(self, tags):
        for tag in tags:
            self.keys.add(f"topic-{tag.pk}")
            for index in _public_pages().type(ArticleIndexPage).specific():
                self.extra_paths.add(index.topic_url(tag))

    def result(self, always=()):
        pages = list(_public_pages().filter(pk__in=self.page_ids))
        paths = {p for p in always if p} | self.extra_paths
        paths.update(path for page in pages if (path := page.get_url()))
        keys = self.keys | {f"page-{pk}" for pk in self.page_ids}
        return sorted(paths), sorted(keys)


def for_page(page, old_path=None):
    affected = Affected()
    affected.add_page_ids([page.pk])
    if page.depth > 1:
        affected.add_page_ids([page.get_parent().pk])
    affected.add_references_to(page)
    affected.add_references_from(page)
    tags = getattr(page, "tags", None)
    if tags is not None:
        affected.add_topics(tags.all())
    affected.keys.add(f"page-{page.pk}")
    return affected.result(always=[page.get_url(), old_path])


def for_service(service):
    affected = Affected()
    affected.keys.update({f"service-{service.pk}", "services"})
    affected.add_page_ids(loc.pk for loc in service.offered_at)
    affected.add_references_to(service)
    return affected.result()


def for_topic(tag):
    affected = Affected()
    affected.keys.update({f"topic-{tag.pk}", "topics"})
    for related in ("tagged_articles", "tagged_techniques"):
        manager = getattr(tag, related, None)
        if manager is not None:
            affected.add_page_ids(manager.values_list("content_object_id", flat=True))
    affected.add_topics([tag])
    return affected.result()


def for_site_settings(settings_obj):
    """Site settings show on every page: list every public page of the site."""
    site = getattr(settings_obj, "site", None) or Site.objects.filter(is_default_site=True).first()
    affected = Affected()
    affected.keys.add("site")
    if site is not None:
        affected.add_page_ids(
            _public_pages()
            .descendant_of(site.root_page, inclusive=True)
            .values_list("pk", flat=True)
        )
    return affected.result()
