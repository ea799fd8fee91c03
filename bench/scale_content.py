"""Synthetic content for the scale benchmark: many condition articles on top of the demo site.

Needs a configured Django (``django.setup()``) and a database holding the demo content
(``manage.py load_demo_content``). ``grow(count)`` tops the site up to ``count`` condition
articles, 200 topics, 20 therapists and 50 services; calling it again with a larger count
adds only the difference, so one database can be measured at 100 and then at 10,000.

Articles are written in bulk rather than with ``add_child`` one by one: treebeard paths are
computed here, the page and article rows, tags, technique and service links, revisions,
search index entries and reference index rows are inserted in batches. The result is what
``add_child`` + ``save_revision().publish()`` would leave: live pages with a live revision
that Wagtail serves, searches, lists in the sitemap, the API and the admin explorer.
"""

import datetime
import random
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from treebeard.mp_tree import MP_Node
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend

from articles.models import (
    ArticleIndexPage,
    ArticleService,
    ArticleTechnique,
    ConditionArticlePage,
    TaggedArticle,
    TechniquePage,
    TopicTag,
)
from author_profiles.models import ProfileIndexPage, ProfilePage
from services.models import LocationPage, Service, ServiceVariant

TOPICS, THERAPISTS, SERVICES = 200, 20, 50
BATCH = 500

ADJECTIVES = [
    "Acute", "Chronic", "Nocturnal", "Recurring", "Exercise-induced", "Stress-related",
    "Postural", "Sudden", "Persistent", "Mild", "Severe", "Intermittent", "Morning",
    "Post-surgical", "Pregnancy-related", "Age-related", "Sports", "Occupational",
    "Tension", "Dehydration",
]  # fmt: skip
BODY_PARTS = [
    "Neck", "Shoulder", "Upper Back", "Lower Back", "Calf", "Thigh", "Hamstring", "Foot",
    "Hand", "Forearm", "Jaw", "Hip", "Glute", "Abdominal", "Chest", "Rib", "Toe", "Finger",
    "Ankle", "Knee", "Wrist", "Elbow", "Groin", "Side", "Scalp",
]  # fmt: skip
CONDITIONS = [
    "Spasm", "Cramp", "Tightness", "Strain", "Knot", "Stiffness", "Twitch", "Tension",
    "Soreness", "Pain", "Contracture", "Trigger Points", "Fatigue", "Ache", "Guarding",
    "Myalgia", "Spasticity", "Rigidity", "Weakness", "Discomfort",
]  # fmt: skip
WORDS = [
    "muscle",
    "spasm",
    "cramp",
    "tension",
    "relief",
    "massage",
    "therapy",
    "circulation",
    "stretch",
    "gentle",
    "pressure",
    "heat",
    "rest",
    "hydration",
    "posture",
    "fatigue",
    "nerve",
    "fibre",
    "tissue",
    "fascia",
    "blood",
    "flow",
    "recovery",
    "session",
    "therapist",
    "technique",
    "pain",
    "tightness",
    "movement",
    "range",
    "motion",
    "sleep",
    "stress",
    "breathing",
    "warm",
    "cold",
    "swelling",
    "strain",
    "overuse",
    "injury",
    "exercise",
    "routine",
    "daily",
    "habit",
    "electrolyte",
    "magnesium",
    "potassium",
    "calcium",
    "water",
    "diet",
    "balance",
    "strength",
    "flexibility",
    "release",
    "knot",
    "back",
    "neck",
    "shoulder",
    "leg",
    "calf",
    "foot",
    "hand",
    "jaw",
    "hip",
    "tendon",
    "ligament",
    "joint",
    "spine",
    "relax",
    "calm",
    "ease",
]
RED_FLAGS = [
    "numbness", "weakness", "tingling", "fever", "swelling", "loss of bladder control",
    "chest pain", "shortness of breath", "severe headache", "redness and warmth",
]  # fmt: skip
QUESTIONS = [
    "How long does a {c} usually last?", "Can massage make a {c} worse?",
    "Should I use heat or ice for a {c}?", "How often should I book a session for a {c}?",
    "Is a {c} a sign of something serious?", "Can stretching prevent a {c}?",
    "What should I eat or drink to avoid a {c}?", "Does a {c} need a referral first?",
]  # fmt: skip


def _sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(words - 5, words + 5)))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng, count):
    return "".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 4)))}</p>" for _ in range(count)
    )


def _items(rng, low, high):
    return [
        {
            "title": " ".join(rng.choice(WORDS) for _ in range(3)).capitalize(),
            "text": _sentence(rng),
        }
        for _ in range(rng.randint(low, high))
    ]


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _list_block(rng, kind, heading, low=3, high=6):
    return _block(
        kind,
        {
            "heading": heading,
            "intro": _paragraphs(rng, 1),
            "items": _items(rng, low, high),
            "outro": _paragraphs(rng, 1) if rng.random() < 0.5 else "",
        },
    )


def article_body(rng, name, techniques, services):
    """A body using the block types of the demo articles, with varied synthetic text."""
    lower = name.lower()
    body = [
        _block("section", {"heading": "", "body": _paragraphs(rng, 2)}),
        _list_block(rng, "causes", f"Causes of {lower}"),
        _list_block(rng, "common_sites", f"Where {lower} happens", 2, 4),
        _list_block(rng, "aggravating_factors", "What makes it worse?", 2, 4),
        _list_block(rng, "first_aid", f"First aid for {lower}", 3, 6),
        _block("section", {"heading": f"How massage helps with {lower}", "body": _paragraphs(rng, 3)}),
        _list_block(rng, "benefits", "Benefits of massage therapy", 2, 4),
        _block(
            "techniques",
            {
                "heading": "Techniques that help",
                "intro": "",
                "items": [{"technique": t.pk, "text": _sentence(rng)} for t in techniques],
                "outro": "",
            },
        ),
        _block(
            "book_cta",
            {
                "heading": f"Book a {services[0].name.lower()}",
                "text": _sentence(rng),
                "service": services[0].pk,
                "button_label": "Book now",
            },
        ),
        _list_block(rng, "prevention", f"How to prevent {lower}", 3, 5),
        _block(
            "see_a_doctor",
            {
                "heading": "When to see a doctor",
                "threshold": f"If it lasts more than {rng.choice([24, 48, 72])} hours or keeps coming back",
                "red_flags": rng.sample(RED_FLAGS, rng.randint(2, 4)),
                "body": _paragraphs(rng, 1),
            },
        ),
        _block(
            "faq",
            {
                "heading": "Frequently asked questions",
                "intro": "",
                "items": [
                    {"question": q.format(c=lower), "answer": _paragraphs(rng, 1)}
                    for q in rng.sample(QUESTIONS, rng.randint(3, 5))
                ],
            },
        ),
        _block(
            "sources",
            {
                "heading": "Sources",
                "items": [
                    {"title": _sentence(rng, 8), "publisher": "Journal of Synthetic Studies", "url": ""}
                    for _ in range(rng.randint(1, 3))
                ],
            },
        ),
    ]  # fmt: skip
    return body


def condition_name(n):
    """The n-th of 10,000 distinct names (adjective × body part × condition), then numbered."""
    base = len(ADJECTIVES) * len(BODY_PARTS) * len(CONDITIONS)
    i = (n * 7919) % base  # a fixed permutation, so creation order is not alphabetical
    adj, rest = divmod(i, len(BODY_PARTS) * len(CONDITIONS))
    part, cond = divmod(rest, len(CONDITIONS))
    name = f"{ADJECTIVES[adj]} {BODY_PARTS[part].lower()} {CONDITIONS[cond].lower()}"
    return name if n < base else f"{name} {n // base + 1}"


# Supporting content ----------------------------------------------------------


def ensure_topics(rng):
    existing = TopicTag.objects.count()
    TopicTag.objects.bulk_create(
        [
            TopicTag(name=f"Topic {i:03d} {rng.choice(WORDS)}", slug=f"topic-{i:03d}")
            for i in range(existing, TOPICS)
        ]
    )
    return list(TopicTag.objects.order_by("pk"))


def ensure_therapists(rng):
    team = ProfileIndexPage.objects.get()
    people = list(ProfilePage.objects.child_of(team).order_by("pk"))
    for i in range(len(people), THERAPISTS):
        page = ProfilePage(
            title=f"Therapist {i:02d}",
            slug=f"therapist-{i:02d}",
            job_title="Massage therapist",
            bio=_paragraphs(rng, 2),
            years_of_practice=rng.randint(1, 25),
            contains_sample_data=True,
        )
        team.add_child(instance=page)
        page.save_revision().publish()
        people.append(page)
    return people


def ensure_services(rng, therapists):
    location = LocationPage.objects.order_by("pk").first()
    services = list(Service.objects.order_by("pk"))
    for i in range(len(services), SERVICES):
        service = Service(
            name=f"Sample massage {i:02d}",
            slug=f"sample-massage-{i:02d}",
            description=_sentence(rng),
            contains_sample_data=True,
        )
        service.variants = [
            ServiceVariant(duration_minutes=minutes, price=Decimal(minutes * 2))
            for minutes in sorted(rng.sample([30, 45, 60, 90, 120], rng.randint(1, 3)))
        ]
        service.therapists = rng.sample(therapists, rng.randint(2, 5))
        service.locations = [location]
        service.save()
        services.append(service)
    return services


# Articles --------------------------------------------------------------------


def _child_path(parent, position):
    return parent.path + MP_Node._int2str(position).rjust(parent.steplen, "0")


def _last_position(parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = last.order_by("-path").values_list("path", flat=True).first()
    return MP_Node._str2int(last[-parent.steplen :]) if last else 0


def _topic_weights(topics):
    """A few popular topics and a long tail, as real tagging goes."""
    return [1.0 / (rank + 1) ** 0.8 for rank in range(len(topics))]


def add_articles(count, rng, topics, therapists, services, techniques):
    index = ArticleIndexPage.objects.get()
    start = ConditionArticlePage.objects.child_of(index).count()
    if count <= start:
        return 0
    page_ct = ContentType.objects.get_for_model(Page)
    article_ct = ContentType.objects.get_for_model(ConditionArticlePage)
    weights = _topic_weights(topics)
    position = _last_position(index)
    now = timezone.now()
    backend = get_search_backend()
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    article_fields = ConditionArticlePage._meta.local_concrete_fields

    for batch_start in range(start, count, BATCH):
        numbers = range(batch_start, min(count, batch_start + BATCH))
        articles, links = [], {}
        for n in numbers:
            position += 1
            name = condition_name(n)
            published = now - datetime.timedelta(minutes=n * 7 + rng.randint(0, 6))
            chosen_techniques = rng.sample(techniques, rng.randint(2, 3))
            chosen_services = rng.sample(services, rng.randint(1, 3))
            author, reviewer = rng.sample(therapists, 2)
            article = ConditionArticlePage(
                title=name,
                draft_title=name,
                slug=slugify(name),
                path=_child_path(index, position),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slugify(name)}/",
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                content_type=article_ct,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                summary=_sentence(rng, 24),
                condition_name=name,
                alternate_names=f"{name.split()[-1]}, {rng.choice(WORDS)} {name.split()[-1]}",
                subtitle="Causes, relief and when to see a doctor",
                body=article_body(rng, name, chosen_techniques, chosen_services),
                author=author,
                medical_reviewer=reviewer,
                last_reviewed=published.date(),
            )
            tags = rng.choices(topics, weights=weights, k=rng.randint(2, 4))
            links[n] = (chosen_techniques, chosen_services, list({t.pk: t for t in tags}.values()))
            articles.append(article)

        with transaction.atomic():
            pages = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(a, f.attname) for f in page_fields}) for a in articles]
            )
            for article, page in zip(articles, pages, strict=True):
                article.pk = article.id = article.page_ptr_id = page.pk
            ConditionArticlePage._base_manager._insert(articles, fields=article_fields)

            tagged, article_techniques, article_services, revisions = [], [], [], []
            for n, article in zip(numbers, articles, strict=True):
                chosen_techniques, chosen_services, tags = links[n]
                article.tagged_items = [TaggedArticle(tag=t, content_object=article) for t in tags]
                article.recommended_techniques = [
                    ArticleTechnique(page=article, technique=t, sort_order=i)
                    for i, t in enumerate(chosen_techniques)
                ]
                article.related_services = [
                    ArticleService(page=article, service=s, sort_order=i)
                    for i, s in enumerate(chosen_services)
                ]
                article.wagtail_admin_comments = []
                tagged += article.tagged_items.all()
                article_techniques += article.recommended_techniques.all()
                article_services += article.related_services.all()
                revisions.append(
                    Revision(
                        content_type=article_ct,
                        base_content_type=page_ct,
                        object_id=str(article.pk),
                        created_at=article.last_published_at,
                        object_str=article.title,
                        content=article.serializable_data(),
                    )
                )
            TaggedArticle.objects.bulk_create(tagged)
            ArticleTechnique.objects.bulk_create(article_techniques)
            ArticleService.objects.bulk_create(article_services)
            Revision.objects.bulk_create(revisions)
            for article, page, revision in zip(articles, pages, revisions, strict=True):
                page.latest_revision_id = page.live_revision_id = revision.pk
                article.latest_revision_id = article.live_revision_id = revision.pk
            Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])

            references = []
            for article in articles:
                for to_ct, to_id, model_path, content_path in set(
                    ReferenceIndex._extract_references_from_object(article)
                ):
                    references.append(
                        ReferenceIndex(
                            content_type=article_ct,
                            base_content_type=page_ct,
                            object_id=article.pk,
                            to_content_type_id=to_ct,
                            to_object_id=to_id,
                            model_path=model_path,
                            content_path=content_path,
                            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                        )
                    )
            ReferenceIndex.objects.bulk_create(references)
        backend.add_bulk(ConditionArticlePage, articles)

    Page.objects.filter(pk=index.pk).update(
        numchild=Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
    )
    return count - start


def grow(count, seed=8):
    """Top the site up to ``count`` condition articles (and the fixed supporting content)."""
    rng = random.Random(seed + count)
    with transaction.atomic():
        topics = ensure_topics(rng)
        therapists = ensure_therapists(rng)
        services = ensure_services(rng, therapists)
    techniques = list(TechniquePage.objects.live().order_by("pk"))
    return add_articles(count, rng, topics, therapists, services, techniques)
