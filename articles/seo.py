"""Search presence of condition articles, techniques and topic pages."""

from django.db.models import Max
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator

from author_profiles.seo import person_ref
from services.seo import bookable, service_refs
from spa_site.seo.jsonld import ref
from spa_site.seo.page_seo import CollectionSeo, PageSeo
from spa_site.text import listing_sentence

from . import topics
from .models import ConditionArticlePage, TaggedArticle, TaggedTechnique, TechniquePage, TopicTag

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

    def webpage(self, graph, node):
        node["about"] = ref(self.condition_id(graph))
        node["mainEntity"] = ref(self.article_id(graph))
        node["reviewedBy"] = person_ref(graph, self.page.medical_reviewer)
        node["lastReviewed"] = self.page.last_reviewed
        node["audience"] = {"@type": "PeopleAudience", "audienceType": "Patient"}
        return node

    def techniques(self):
        return [
            link.technique
            for link in self.page.recommended_techniques.select_related("technique")
            if link.technique.live
        ]

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
                "author": person_ref(graph, page.author) or graph.business(),
                "publisher": graph.business(),
                "mainEntityOfPage": ref(graph.webpage_id),
                "isPartOf": ref(graph.webpage_id),
                "about": ref(self.condition_id(graph)),
                "citation": citations,
                "keywords": [tag.name for tag in page.tags.all()],
                "inLanguage": "en-US",
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
        services = bookable(TechniquePage.services(self.page))
        node["mentions"] = service_refs(graph, services)
        return node

    def fallback_description(self):
        return super().fallback_description() or Truncator(_text(self.page.how_it_works)).chars(160)

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


class ArticleIndexSeo(CollectionSeo):
    """The conditions index, and its routed topic pages (``topics/<slug>/``)."""

    @property
    def topic(self):
        return self.context.get("topic")

    def heading(self):
        return self.topic.page_title if self.topic else super().heading()

    def title(self, site_settings):
        if self.topic:
            return f"{self.topic.page_title} | {site_settings.business_name}"
        return super().title(site_settings)

    def description(self):
        if self.topic:
            page_obj = self.context.get("page_obj")
            listed = [page.title for page in page_obj.object_list] if page_obj else []
            return (
                self.topic.search_description
                or Truncator(_text(self.topic.intro)).chars(160)
                or Truncator(listing_sentence(self.topic.page_title, listed)).chars(160)
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
        lastmods = {}
        for through, model in (
            (TaggedArticle, ConditionArticlePage),
            (TaggedTechnique, TechniquePage),
        ):
            # One grouped query per page type, not two per topic (200 topics made 400).
            rows = (
                through.objects.filter(content_object__in=model.objects.live().public())
                .values("tag_id")
                .annotate(m=Max("content_object__last_published_at"))
            )
            for row in rows:
                lastmods[row["tag_id"]] = max(
                    filter(None, [lastmods.get(row["tag_id"]), row["m"]]), default=None
                )
        urls = []
        for topic in topics.indexable_topics(self.page.get_site()):
            path = self.page.reverse_subpage("topic", kwargs={"tag_slug": topic.slug})
            urls.append({"location": base + path, "lastmod": lastmods.get(topic.pk)})
        return urls
