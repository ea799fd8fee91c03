"""Search presence of condition articles, techniques and topic pages."""

from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator

from author_profiles.seo import person_ref
from services.seo import service_refs
from spa_site import languages, visibility
from spa_site.seo.jsonld import ref
from spa_site.seo.page_seo import CollectionSeo, PageSeo, fit_title, shorten

from . import selectors, topics
from .models import TopicTag

HEADLINE_MAX = 110


def _text(html):
    return " ".join(strip_tags(str(html or "")).split())


def therapy_id(graph, technique):
    return graph.page_node_id(technique, "therapy")


def therapy_ref(graph, technique):
    """Reference to a technique's MedicalTherapy, adding a short node if the graph lacks one."""
    node_id = therapy_id(graph, technique)
    if not graph.has(node_id):
        graph.add(
            {
                "@type": "MedicalTherapy",
                "@id": node_id,
                "name": technique.title,
                "url": technique.get_full_url(graph.request),
            }
        )
    return ref(node_id)


def add_review_claim(graph, node, page):
    """``reviewedBy`` and ``lastReviewed`` together, and only from a review of this content."""
    claim = selectors.review(page, visibility.for_request(graph.request))
    if claim is not None:
        node["reviewedBy"] = person_ref(graph, claim.reviewer)
        node["lastReviewed"] = claim.reviewed_on


class ConditionArticleSeo(PageSeo):
    title_template = "{title} | Muscle Spasm Relief | {site_name}"
    webpage_type = "MedicalWebPage"
    og_type = "article"

    def images(self):
        return [self.page.listing_image, self.page.hero_image]

    def article_id(self, graph):
        return f"{graph.page_url}#article"

    def condition_id(self, graph):
        return f"{graph.page_url}#condition"

    def blocks(self, block_type):
        return [block.value for block in self.page.body if block.block_type == block_type]

    @property
    def audience(self):
        return visibility.for_request(self.request)

    def people(self):
        return selectors.article_people(self.page, self.audience)

    def webpage(self, graph, node):
        node["about"] = ref(self.condition_id(graph))
        node["mainEntity"] = ref(self.article_id(graph))
        add_review_claim(graph, node, self.page)
        node["audience"] = {"@type": "PeopleAudience", "audienceType": "Patient"}
        return node

    def techniques(self):
        return selectors.recommended_techniques(self.page, self.audience)

    def nodes(self, graph):
        page = self.page
        images = [graph.image(image) for image in self.images() if image is not None]
        if not images and graph.settings.share_image:
            images = [graph.image(graph.settings.share_image)]
        citations = [
            {
                "@type": "CreativeWork",
                "name": item["title"],
                "url": item["url"],
                "publisher": {"@type": "Organization", "name": item["publisher"]}
                if item["publisher"]
                else None,
            }
            for sources in self.blocks("sources")
            for item in sources["items"]
        ]
        published, modified = self.published_times()
        nodes = [
            {
                "@type": "Article",
                "@id": self.article_id(graph),
                "headline": Truncator(self.heading()).chars(HEADLINE_MAX),
                "description": self.description(),
                "image": images,
                "datePublished": published,
                "dateModified": modified,
                "author": person_ref(graph, self.people()["author"]) or graph.business(),
                "publisher": graph.business(),
                "mainEntityOfPage": ref(graph.webpage_id),
                "isPartOf": ref(graph.webpage_id),
                "about": ref(self.condition_id(graph)),
                "citation": citations,
                "keywords": [tag.name for tag in selectors.article_topics(page)],
                "inLanguage": languages.language_tag(),
            },
            {
                "@type": "MedicalCondition",
                "@id": self.condition_id(graph),
                "name": page.condition_name,
                "alternateName": [n.strip() for n in page.alternate_names.split(",") if n.strip()],
                "possibleTreatment": [therapy_ref(graph, t) for t in self.techniques()],
            },
        ]
        questions = [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": _text(item["answer"])},
            }
            for faq in self.blocks("faq")
            for item in faq["items"]
        ]
        if questions:
            # For meaning only: Google no longer shows FAQ rich results.
            nodes.append(
                {
                    "@type": "FAQPage",
                    "@id": f"{graph.page_url}#faq",
                    "isPartOf": ref(graph.webpage_id),
                    "mainEntity": questions,
                }
            )
        return nodes


class TechniqueSeo(PageSeo):
    title_template = "{title} for Muscle Spasms | {site_name}"
    webpage_type = "MedicalWebPage"

    def webpage(self, graph, node):
        node["about"] = ref(therapy_id(graph, self.page))
        node["mainEntity"] = ref(therapy_id(graph, self.page))
        add_review_claim(graph, node, self.page)
        audience = visibility.for_request(self.request)
        node["mentions"] = service_refs(graph, selectors.technique_services(self.page, audience))
        return node

    def fallback_description(self):
        return super().fallback_description() or self.page.how_it_works

    def nodes(self, graph):
        page = self.page
        return [
            {
                "@type": "MedicalTherapy",
                "@id": therapy_id(graph, page),
                "name": page.title,
                "url": page.get_full_url(graph.request),
                "description": page.summary or _text(page.how_it_works),
                "contraindication": _text(page.precautions),
                "image": graph.image(page.listing_image),
            }
        ]


def topic_fallback_description(topic, context, shown=3):
    """A topic page without copy of its own names what it lists (its first page of results)."""
    page_obj = context.get("page_obj")
    titles = [item.title for item in (page_obj.object_list if page_obj else [])][:shown]
    listed = ""
    if titles:
        listed = ", including " + (
            f"{', '.join(titles[:-1])} and {titles[-1]}" if len(titles) > 1 else titles[0]
        )
    return f"{topic.page_title}: articles and massage techniques on this topic{listed}."


class ArticleIndexSeo(CollectionSeo):
    """The conditions index, and its routed topic pages (``topics/<slug>/``)."""

    @property
    def topic(self):
        return self.context.get("topic")

    def heading(self):
        return self.topic.page_title if self.topic else super().heading()

    def title(self, site_settings):
        if self.topic:
            return fit_title(
                ["{title} | {site_name}", "{title}"],
                title=self.topic.page_title,
                site_name=site_settings.business_name,
            )
        return super().title(site_settings)

    def description(self):
        if self.topic:
            return self.topic.search_description or shorten(
                self.topic.intro or topic_fallback_description(self.topic, self.context)
            )
        return super().description()

    def route_path(self):
        if self.topic:
            return self.page.reverse_subpage("topic", kwargs={"tag_slug": self.topic.slug})
        return ""

    def canonical_override(self):
        return "" if self.topic else super().canonical_override()

    @classmethod
    def route_context(cls, page, route):
        if not route:
            return {}
        try:
            _view, _args, kwargs = page.resolve_subpage("/" + route.strip("/") + "/")
        except Http404:
            return None
        topic = TopicTag.objects.filter(slug=kwargs.get("tag_slug", "")).first()
        return {"topic": topic} if topic else None

    def share_label(self, site_settings):
        return "Topic" if self.topic else super().share_label(site_settings)

    def noindex(self):
        if self.topic:
            return not topics.is_indexable(self.topic, self.page.get_site())
        return super().noindex()

    def extra_breadcrumbs(self):
        if self.topic:
            url = self.page.get_full_url(self.request) + self.route_path()
            return [(self.topic.page_title, url)]
        return []

    def webpage(self, graph, node):
        if self.topic:
            node["about"] = {"@type": "Thing", "name": self.topic.name}
            node["datePublished"] = None
            node["dateModified"] = None
        return node

    def extra_sitemap_urls(self, request):
        base = self.page.get_full_url(request)
        usage = topics.live_usage(visibility.for_request(request))
        urls = []
        for topic in topics.indexable_topics(self.page.get_site(), usage):
            path = self.page.reverse_subpage("topic", kwargs={"tag_slug": topic.slug})
            urls.append({"location": base + path, "lastmod": usage.get(topic.pk, (0, None))[1]})
        return urls
