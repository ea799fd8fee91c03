"""Every delivery endpoint answers from the demo content with what the HTML pages show."""

import pytest
from django.utils import timezone

from articles.models import ConditionArticlePage, TechniquePage
from tests.support.reviews import approve

pytestmark = pytest.mark.django_db


def test_article_listing_cards_carry_what_a_card_needs(api, demo_site):
    body = api("/articles/").json()
    assert body["count"] == 2 and body["limit"] == 20 and body["offset"] == 0
    card = next(item for item in body["items"] if item["slug"] == "back-spasm")
    assert card["type"] == "condition_article"
    assert card["url"] == "/conditions/back-spasm/"
    assert card["api_url"] == "/api/content/articles/back-spasm/"
    assert card["summary"].startswith("Muscle spasms are involuntary contractions")
    assert card["author"]["title"] == "Mara Swick" and card["author"]["job_title"] is None
    assert {"back-pain", "muscle-spasms"} <= {tag["slug"] for tag in card["tags"]}
    assert card["reading_time_minutes"] == 10
    assert "last_reviewed" in card and "listing_image" in card


def test_article_reading_time_agrees_with_the_html_page(demo_site):
    for article in ConditionArticlePage.objects.all():
        assert article.estimated_reading_time_minutes() == article.reading_time_minutes


def test_back_spasm_detail_has_everything_the_page_shows(api, client, demo_site):
    body = api("/articles/back-spasm/").json()
    html = client.get("/conditions/back-spasm/").content.decode()
    assert body["title"] == "Back Spasm" and body["condition_name"] == "Back spasm"
    assert (body["reviewer"], body["last_reviewed"]) == (None, None)  # nobody reviewed the demo
    toc = body["table_of_contents"]
    assert toc and all(f'id="{entry["anchor"]}"' in html for entry in toc)
    block_types = [block["type"] for block in body["body"]]
    assert block_types[:3] == ["section", "causes", "common_sites"]
    assert "see_a_doctor" in block_types and "book_cta" in block_types
    causes = next(b for b in body["body"] if b["type"] == "causes")["value"]
    assert causes["heading"] == "Causes of Muscle Spasms" and causes["items"][0]["title"]
    techniques_block = next(b for b in body["body"] if b["type"] == "techniques")["value"]
    assert techniques_block["items"][0]["technique"]["url"].startswith("/techniques/")
    cta = next(b for b in body["body"] if b["type"] == "book_cta")["value"]
    assert cta["service"]["api_url"].startswith("/api/content/services/")
    assert cta["service"]["variants"][0]["price"]
    assert {t["slug"] for t in body["techniques"]} >= {"deep-tissue-massage"}
    assert body["services"] and body["services"][0]["variants"] is None
    assert body["related_articles"][0]["slug"] == "massage-for-muscle-spasms"
    assert body["meta"]["seo"]["title"] == "Back Spasm"


def test_expand_returns_referenced_cards(api, demo_site):
    body = api("/articles/back-spasm/", params={"expand": "author,techniques,services"}).json()
    assert body["author"]["job_title"]
    assert body["reviewer"] is None  # no review claim in the demo
    assert body["techniques"][0]["pressure_level"] in {
        "gentle",
        "moderate",
        "firm",
        "deep",
    }
    assert body["services"][0]["variants"]


def test_reviewer_and_date_come_from_the_approval_of_this_content(api, demo_site):
    article = approve(ConditionArticlePage.objects.get(slug="back-spasm"))
    today = str(timezone.localdate())
    card = next(i for i in api("/articles/").json()["items"] if i["slug"] == "back-spasm")
    assert (card["reviewer"]["title"], card["last_reviewed"]) == ("Dr Test Reviewer", today)
    detail = api("/articles/back-spasm/", params={"expand": "reviewer"}).json()
    assert detail["reviewer"]["job_title"] == "MD"
    assert detail["last_reviewed"] == today
    assert api("/articles/back-spasm/").json()["reviewer"]["job_title"] is None  # not asked for
    technique = approve(TechniquePage.objects.get(slug="swedish-massage"))
    body = api(f"/techniques/{technique.slug}/", params={"expand": "reviewer"}).json()
    assert body["reviewer"]["title"] == "Dr Test Reviewer"
    assert body["last_reviewed"] == today
    other = api("/techniques/deep-tissue-massage/").json()
    assert (other["reviewer"], other["last_reviewed"]) == (None, None)
    ordered = api("/articles/", params={"ordering": "-last_reviewed"}).json()["items"]
    assert [i["slug"] for i in ordered][0] == article.slug


def test_article_filters(api, demo_site):
    def slugs(**params):
        return {item["slug"] for item in api("/articles/", params=params).json()["items"]}

    assert slugs(tag="back-pain") == {"back-spasm"}
    assert slugs(author="mara-swick") == {"back-spasm"}
    assert slugs(tag="no-such-topic") == set()
    assert "back-spasm" in slugs(technique="deep-tissue-massage")
    assert slugs(service="deep-tissue-massage")
    assert "back-spasm" in slugs(search="spasm")
    ordered = [i["slug"] for i in api("/articles/", params={"ordering": "-title"}).json()["items"]]
    assert ordered == ["massage-for-muscle-spasms", "back-spasm"]
    page = api("/articles/", params={"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1


def test_techniques(api, demo_site):
    listing = api("/techniques/").json()
    assert listing["count"] == 4
    detail = api(
        "/techniques/deep-tissue-massage/", params={"expand": "services,therapists"}
    ).json()
    assert detail["pressure_level"] == "deep"
    assert {a["slug"] for a in detail["good_for"]} >= {"back-spasm"}
    assert detail["services"][0]["slug"] == "deep-tissue-massage"
    assert detail["therapists"][0]["title"] == "Mara Swick"
    assert detail["how_it_works"].startswith("<")
    firm = api("/techniques/", params={"pressure": "firm"}).json()["items"]
    assert [t["slug"] for t in firm] == ["trigger-point-therapy"]


def test_team(api, demo_site):
    listing = api("/profiles/").json()
    assert {p["slug"] for p in listing["items"]} == {"mara-swick"}
    mara = api("/profiles/mara-swick/").json()
    assert mara["type"] == "profile" and mara["job_title"]
    assert [a["slug"] for a in mara["articles_written"]] == ["back-spasm"]
    assert mara["services"]
    assert {place["slug"] for place in mara["locations"]} == {"long-beach", "bixby-knolls-sample"}
    assert {p["slug"] for p in api("/profiles/", params={"location": "long-beach"}).json()["items"]}


def test_locations_and_services(api, demo_site):
    assert {place["slug"] for place in api("/locations/").json()["items"]} == {
        "long-beach",
        "bixby-knolls-sample",  # the demo's second location, all sample data
    }
    location = api("/locations/long-beach/").json()
    assert location["address"]["locality"] == "Long Beach"
    assert location["opening_hours"] and len(location["opening_hours"][0]["opens"]) == 5
    assert location["services"] and location["therapists"]
    services = api("/services/").json()
    assert services["count"] == 4
    service = api("/services/deep-tissue-massage/", params={"expand": "therapists"}).json()
    assert service["location"]["slug"] == "long-beach"
    assert service["url"] == "/locations/long-beach/#service-deep-tissue-massage"
    assert [v["duration_minutes"] for v in service["variants"]] == [60, 90]
    assert service["therapists"][0]["title"] == "Mara Swick"
    assert service["techniques"][0]["slug"] == "deep-tissue-massage"
    at_location = api(
        "/services/", params={"location": "long-beach", "technique": "deep-tissue-massage"}
    )
    assert [s["slug"] for s in at_location.json()["items"]] == ["deep-tissue-massage"]


def test_topics(api, demo_site):
    topics = api("/topics/").json()
    back_pain = next(t for t in topics["items"] if t["slug"] == "back-pain")
    assert back_pain["article_count"] == 1 and back_pain["url"] == "/conditions/topics/back-pain/"
    topic = api("/topics/back-pain/").json()
    assert [a["slug"] for a in topic["articles"]] == ["back-spasm"]


def test_path_lookup_returns_the_page_content(api, demo_site):
    by_path = api("/pages/by-path/", params={"path": "/conditions/back-spasm/"}).json()
    assert by_path == api("/articles/back-spasm/").json()
    home = api("/pages/by-path/", params={"path": "/"}).json()
    assert home["type"] == "home" and {c["slug"] for c in home["children"]} >= {"conditions"}
    team = api("/pages/by-path/", params={"path": "/team/mara-swick/"}).json()
    assert team["type"] == "profile"
    assert api("/pages/by-path/", params={"path": "/nowhere/"}).status_code == 404


def test_site_settings_and_navigation(api, demo_site):
    site = api("/site/").json()
    assert site["settings"]["business_name"] == "Moonlight at Naple"
    assert [p["slug"] for p in site["navigation"]] == [
        "conditions",
        "techniques",
        "team",
        "locations",
    ]


def test_redirects_table(api, demo_site):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(
        old_path="/back-spasm", redirect_page=ConditionArticlePage.objects.get(slug="back-spasm")
    )
    Redirect.objects.create(
        old_path="/old", redirect_link="https://example.com/", is_permanent=False
    )
    items = api("/redirects/").json()["items"]
    assert {
        "old_path": "/back-spasm",
        "new_url": "/conditions/back-spasm/",
        "is_permanent": True,
    } in items
    assert {"old_path": "/old", "new_url": "https://example.com/", "is_permanent": False} in items


@pytest.mark.parametrize(
    "path",
    [
        "/articles/nope/",
        "/techniques/nope/",
        "/profiles/nope/",
        "/locations/nope/",
        "/services/nope/",
        "/topics/nope/",
    ],
)
def test_unknown_slugs_are_404_problems(api, demo_site, path):
    response = api(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_docs_page_is_served(api, demo_site):
    assert api("/docs/").status_code == 200


def test_a_profile_without_summary_is_summed_up_by_its_bio(api, client, demo_site):
    """One source: the API's summary of a profile without one is the start of the bio its
    page shows (``listing_summary``, which cards use too)."""
    person = api("/profiles/mara-swick/").json()
    card = next(i for i in api("/profiles/").json()["items"] if i["slug"] == "mara-swick")
    assert person["summary"] == card["summary"]
    assert person["summary"].startswith("Mara Swick is a seasoned")
    assert person["summary"][:60] in client.get("/team/mara-swick/").content.decode()
