"""One linked JSON-LD graph per page, parsed from the rendered HTML of every demo page type."""

import datetime
import json

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from articles.models import ConditionArticlePage
from author_profiles.models import Credential, ProfileLink, ProfilePage
from spa_site.models import SiteSettings
from spa_site.seo.metadata import MetadataBuilder
from tests.spa_site.seo.conftest import jsonld_graph, nodes_by_type
from tests.support.reviews import approve

DEMO_URLS = [
    "/",
    "/conditions/",
    "/conditions/back-spasm/",
    "/conditions/massage-for-muscle-spasms/",
    "/conditions/topics/muscle-spasms/",
    "/techniques/",
    "/techniques/trigger-point-therapy/",
    "/team/",
    "/team/mara-swick/",
    "/locations/",
    "/locations/long-beach/",
]


def references(value):
    """Every {"@id": ...} reference anywhere inside a node (not the node's own @id)."""
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            yield value["@id"]
        for key, child in value.items():
            if key != "@id":
                yield from references(child)
    elif isinstance(value, list):
        for child in value:
            yield from references(child)


def by_id(graph):
    return {node["@id"]: node for node in graph if "@id" in node}


def webpage(graph, url):
    return by_id(graph)[f"http://localhost{url}#webpage"]


@pytest.mark.parametrize("url", DEMO_URLS)
def test_every_page_has_one_connected_graph(client, demo_site, url):
    graph = jsonld_graph(client.get(url))
    ids = by_id(graph)
    assert len(ids) == len(graph), "every node has a unique @id"
    dangling = {ref for node in graph for ref in references(node)} - set(ids)
    assert not dangling, f"unresolved @id references: {dangling}"
    assert nodes_by_type(graph, "WebSite")
    assert len(nodes_by_type(graph, "DaySpa")) == 1
    page = webpage(graph, url)
    assert page["isPartOf"] == {"@id": "http://localhost/#website"}
    crumbs = ids[page["breadcrumb"]["@id"]]
    assert crumbs["@type"] == "BreadcrumbList"
    items = crumbs["itemListElement"]
    assert items[0]["item"] == "http://localhost/"
    assert items[-1]["item"] == f"http://localhost{url}"
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert not any("HowTo" in str(node["@type"]) for node in graph)


def test_business_node(client, demo_site):
    graph = jsonld_graph(client.get("/"))
    spa = nodes_by_type(graph, "DaySpa")[0]
    assert spa["name"] == "Moonlight at Naple"
    assert spa["telephone"] == "(562) 555-0123"
    assert spa["url"] == "http://localhost/locations/long-beach/"  # each location its own
    assert spa["parentOrganization"] == {"@id": "http://localhost/#organization"}
    organization = nodes_by_type(graph, "Organization")[0]
    assert (
        organization["name"] == "Moonlight at Naple" and organization["url"] == "http://localhost/"
    )
    assert spa["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "123 E 2nd St",
        "addressLocality": "Long Beach",
        "addressRegion": "CA",
        "postalCode": "90803",
        "addressCountry": "US",
    }
    assert spa["geo"] == {"@type": "GeoCoordinates", "latitude": 33.758, "longitude": -118.14}
    saturday = [
        s
        for s in spa["openingHoursSpecification"]
        if "https://schema.org/Saturday" in s["dayOfWeek"]
    ]
    assert saturday == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Saturday"],
            "opens": "09:00",
            "closes": "18:00",
        }
    ]
    assert spa["priceRange"] == "$95–$160"
    assert webpage(graph, "/")["about"] == {"@id": spa["@id"]}


def test_business_image_and_social_profiles_from_site_settings(client, demo_site):
    settings = SiteSettings.objects.get()
    settings.share_image = Image.objects.create(title="Spa", file=get_test_image_file())
    settings.social_profiles = (
        "https://www.instagram.com/moonlight\nhttps://www.yelp.com/biz/moonlight\n"
    )
    settings.save()
    spa = nodes_by_type(jsonld_graph(client.get("/")), "DaySpa")[0]
    assert spa["sameAs"] == [
        "https://www.instagram.com/moonlight",
        "https://www.yelp.com/biz/moonlight",
    ]
    assert spa["image"]["url"].startswith("http://localhost/")


def test_unreviewed_article_claims_no_review(client, demo_site):
    page = webpage(jsonld_graph(client.get("/conditions/back-spasm/")), "/conditions/back-spasm/")
    assert page["@type"] == "MedicalWebPage"
    assert "reviewedBy" not in page and "lastReviewed" not in page


def test_condition_article(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.body.append(
        (
            "sources",
            {
                "heading": "Sources",
                "items": [
                    {
                        "title": "Massage for pain",
                        "publisher": "A journal",
                        "url": "https://example.org/study",
                    }
                ],
            },
        )
    )
    article.save_revision()
    approve(article, days_ago=3)
    graph = jsonld_graph(client.get("/conditions/back-spasm/"))
    ids = by_id(graph)
    page = webpage(graph, "/conditions/back-spasm/")
    assert page["@type"] == "MedicalWebPage"
    reviewed_on = timezone.localdate() - datetime.timedelta(days=3)
    assert page["lastReviewed"] == reviewed_on.isoformat()
    reviewer = ids[page["reviewedBy"]["@id"]]
    assert reviewer["@type"] == "Person" and reviewer["name"] == "Dr Test Reviewer"
    condition = ids[page["about"]["@id"]]
    assert condition["@type"] == "MedicalCondition"
    assert condition["name"] == "Back spasm"
    assert condition["alternateName"] == ["Muscle spasm"]
    therapies = [ids[ref["@id"]] for ref in condition["possibleTreatment"]]
    assert {t["name"] for t in therapies} >= {"Trigger Point Therapy", "Swedish Massage"}
    assert all(t["@type"] == "MedicalTherapy" for t in therapies)
    article_node = nodes_by_type(graph, "Article")[0]
    assert article_node["headline"] == "Back Spasm"
    assert article_node["datePublished"] and article_node["dateModified"]
    assert article_node["mainEntityOfPage"] == {"@id": page["@id"]}
    assert article_node["about"] == page["about"]
    author = ids[article_node["author"]["@id"]]
    assert author["@type"] == "Person"
    assert author["url"] == "http://localhost/team/mara-swick/"
    assert ids[author["worksFor"]["@id"]]["@type"] == "DaySpa"
    assert ids[article_node["publisher"]["@id"]]["@type"] == "DaySpa"
    assert article_node["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Massage for pain",
            "url": "https://example.org/study",
            "publisher": {"@type": "Organization", "name": "A journal"},
        }
    ]


def test_article_image_and_faq_markup(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms")
    article.hero_image = Image.objects.create(
        title="Hands", description="Hands easing a back", file=get_test_image_file()
    )
    article.save_revision().publish()
    graph = jsonld_graph(client.get("/conditions/massage-for-muscle-spasms/"))
    article_node = nodes_by_type(graph, "Article")[0]
    assert article_node["image"][0]["url"].startswith("http://localhost/")
    assert article_node["image"][0]["width"] == 1200 or article_node["image"][0]["width"] > 0
    # no author on this article: the business stands in
    assert article_node["author"] == {"@id": nodes_by_type(graph, "DaySpa")[0]["@id"]}
    faq = nodes_by_type(graph, "FAQPage")[0]
    questions = faq["mainEntity"]
    assert questions[0]["@type"] == "Question"
    assert questions[0]["acceptedAnswer"]["@type"] == "Answer"
    assert questions[0]["acceptedAnswer"]["text"]


def test_technique_page(client, demo_site):
    url = "/techniques/trigger-point-therapy/"
    graph = jsonld_graph(client.get(url))
    ids = by_id(graph)
    page = webpage(graph, url)
    assert page["@type"] == "MedicalWebPage"
    therapy = ids[page["about"]["@id"]]
    assert therapy["@type"] == "MedicalTherapy"
    assert therapy["name"] == "Trigger Point Therapy"
    services = [ids[ref["@id"]] for ref in page["mentions"]]
    assert [s["name"] for s in services] == ["Trigger point therapy"]


def test_services_with_offers_on_the_location_page(client, demo_site):
    graph = jsonld_graph(client.get("/locations/long-beach/"))
    ids = by_id(graph)
    services = {node["name"]: node for node in nodes_by_type(graph, "Service")}
    assert set(services) == {
        "Swedish massage",
        "Deep tissue massage",
        "Trigger point therapy",
        "Myofascial release",
    }
    swedish = services["Swedish massage"]
    assert ids[swedish["provider"]["@id"]]["@type"] == "DaySpa"
    assert swedish["@id"] == "http://localhost/locations/long-beach/#service-swedish-massage"
    assert [(o["price"], o["priceCurrency"], o["url"]) for o in swedish["offers"]] == [
        ("95.00", "USD", "http://localhost/book/?service=swedish-massage"),
        ("135.00", "USD", "http://localhost/book/?service=swedish-massage"),
    ]


def test_profile_page(client, demo_site):
    profile = ProfilePage.objects.get(slug="mara-swick")
    Credential.objects.create(
        page=profile,
        name="Certified Massage Therapist",
        issuer="California Massage Therapy Council",
        identifier="CMT-12345",
        kind="certification",
    )
    ProfileLink.objects.create(
        page=profile, label="LinkedIn", url="https://www.linkedin.com/in/mara"
    )
    profile.photo = Image.objects.create(title="Mara", file=get_test_image_file())
    profile.save_revision().publish()
    graph = jsonld_graph(client.get("/team/mara-swick/"))
    ids = by_id(graph)
    page = webpage(graph, "/team/mara-swick/")
    assert page["@type"] == "ProfilePage"
    person = ids[page["mainEntity"]["@id"]]
    assert person["@type"] == "Person"
    assert person["name"] == "Mara Swick"
    assert person["jobTitle"] == "licensed massage therapist and esthetician"
    assert person["image"]["url"].startswith("http://localhost/")
    assert ids[person["worksFor"]["@id"]]["@type"] == "DaySpa"
    assert person["knowsAbout"] == ["holistic wellness", "skin care"]
    assert person["sameAs"] == ["https://www.linkedin.com/in/mara"]
    assert person["hasCredential"] == [
        {
            "@type": "EducationalOccupationalCredential",
            "name": "Certified Massage Therapist",
            "credentialCategory": "certification",
            "recognizedBy": {"@type": "Organization", "name": "California Massage Therapy Council"},
            "identifier": "CMT-12345",
        }
    ]


def test_topic_page(client, demo_site):
    url = "/conditions/topics/muscle-spasms/"
    graph = jsonld_graph(client.get(url))
    page = webpage(graph, url)
    assert page["@type"] == "CollectionPage"
    assert page["about"] == {"@type": "Thing", "name": "Muscle spasms"}
    crumbs = by_id(graph)[page["breadcrumb"]["@id"]]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Conditions", "Muscle spasms"]


def test_graph_is_valid_json_whatever_the_title_says(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    tricky = 'Spasm "relief" </script><script>alert(1)</script> & Ünïcödé — 背中'
    article.title = tricky
    article.condition_name = "Crampe « dorsale »"
    article.save_revision().publish()
    response = client.get("/conditions/back-spasm/")
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    graph = jsonld_graph(response)
    assert nodes_by_type(graph, "Article")[0]["headline"] == tricky
    assert nodes_by_type(graph, "MedicalCondition")[0]["name"] == "Crampe « dorsale »"
    raw = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(raw)["@graph"]
    assert "背中" in raw  # non-ASCII kept as is, not mangled


def test_article_page_query_budget(client, demo_site, django_assert_max_num_queries):
    client.get("/conditions/back-spasm/")  # warm renditions and caches
    with django_assert_max_num_queries(40):  # 36 measured, head metadata and graph included
        response = client.get("/conditions/back-spasm/")
    assert response.status_code == 200


@pytest.mark.parametrize("url", [url for url in DEMO_URLS if "/topics/" not in url])
def test_head_metadata_costs_a_constant_number_of_queries(
    demo_site, django_assert_max_num_queries, url
):
    page = Page.objects.get(
        url_path=Site.objects.get().root_page.url_path + url.lstrip("/")
    ).specific
    request = RequestFactory().get(url)
    MetadataBuilder(request, page, {}).build()
    with django_assert_max_num_queries(10):  # 8 measured on articles, techniques, locations
        MetadataBuilder(request, page, {}).build()
