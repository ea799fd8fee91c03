"""Visitor-facing behaviour: search, error pages, location facts, fresh cached chrome, page weight."""

import gzip
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from wagtail.models import Page

from articles.models import ConditionArticlePage, TechniquePage
from services.models import LocationPage, Service

STATIC = Path(settings.BASE_DIR) / "spa_site" / "static"


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def test_search_finds_articles_techniques_team_and_services_labelled(client, demo_site):
    soup = soup_of(client, "/search/?q=massage")
    labels = {el.get_text(strip=True) for el in soup.select(".card__label")}
    assert {"Condition article", "Technique page"} <= labels
    assert "Service" in labels  # services listed with a booking link
    assert soup.select_one('a[href^="/book/?service="]')
    assert soup_of(client, "/search/?q=Swick").find("a", string="Mara Swick")


def test_search_for_back_spasm_lists_the_article(client, demo_site):
    soup = soup_of(client, "/search/?q=back+spasm")
    titles = [a.get_text(strip=True) for a in soup.select(".card__title a")]
    assert "Back Spasm" in titles


def test_search_empty_state_and_blank_query(client, demo_site):
    soup = soup_of(client, "/search/?q=zzzyxw")
    assert "No results for" in soup.get_text()
    blank = soup_of(client, "/search/?q=")
    assert not blank.select(".card") and blank.find("input", {"name": "q"})


@pytest.mark.parametrize("query", ["a" * 5000, "%00", "'; DROP TABLE x; --", "ü" * 300])
def test_search_survives_hostile_input(client, demo_site, query):
    response = client.get("/search/", {"q": query, "page": "not-a-number"})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


def test_not_found_page_offers_search_and_articles(client, demo_site):
    soup = soup_of(client, "/no-such-page/", status=404)
    assert soup.find("form", {"role": "search"})
    assert soup.find("a", string="Back Spasm")


def test_server_error_page_needs_no_database():
    # No db fixture: any database access here would fail the test.
    html = render_to_string("spa_site/500.html")
    assert "Something went wrong" in html and "{%" not in html
    from spa_site.views import server_error

    response = server_error(None)
    assert response.status_code == 500 and response.content.decode() == html


def test_location_page_has_phone_link_directions_and_todays_hours(client, demo_site):
    location = LocationPage.objects.get(slug="long-beach")
    soup = soup_of(client, location.url)
    tel = soup.select_one('main a[href^="tel:"]')
    assert tel["href"] == "tel:+15625550123"
    directions = next(a for a in soup.select("main a") if "Get directions" in a.get_text())
    assert "openstreetmap.org/search" in directions["href"]
    assert "Long+Beach" in directions["href"]
    today = soup.select('table.hours tr[aria-current="date"]')
    assert len(today) == 1
    assert len(soup.select("table.hours tbody tr")) == 7
    assert soup.select(".service-list .service")
    assert soup.find("a", string="Mara Swick")


def test_footer_shows_business_facts_from_site_settings_everywhere(client, demo_site):
    for url in ["/", "/conditions/back-spasm/", "/team/mara-swick/", "/search/?q=x"]:
        footer = soup_of(client, url).select_one("footer")
        assert "Moonlight at Naple" in footer.get_text()
        assert footer.select_one('a[href="tel:+15625550123"]'), url
        # Two demo locations: each with its phone and today's hours.
        assert footer.select_one('a[href="tel:+15625550146"]'), url
        assert footer.get_text().count("Today:") == 2, url


def test_cached_navigation_and_relations_follow_publishing(client, demo_site):
    client.get("/conditions/back-spasm/")  # fill the caches
    index = Page.objects.get(slug="techniques").specific
    index.title = "Massage styles"
    index.save_revision().publish()
    technique = TechniquePage.objects.get(slug="swedish-massage")
    technique.title = "Swedish Massage (classic)"
    technique.save_revision().publish()
    soup = soup_of(client, "/conditions/back-spasm/")
    assert soup.select_one("nav.main-nav").find("a", string="Massage styles")
    assert soup.find("a", string="Swedish Massage (classic)")
    Service.objects.filter(slug="deep-tissue-massage").update(active=False)
    Service.objects.get(slug="deep-tissue-massage").save()  # a save through the admin bumps
    assert (
        'href="/book/?service=deep-tissue-massage&amp;from='
        not in client.get("/conditions/back-spasm/").content.decode()
    )


def test_article_page_weight_and_no_other_hosts(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "html.parser")
    # What a browser fetches: stylesheets, icons, preloads, scripts and images (not canonical).
    loaded = "link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], link[rel~=modulepreload]"
    assets = [el.get("href") for el in soup.select(loaded)]
    assets += [el.get("src") for el in soup.select("[src]")] + [
        el.get("srcset") for el in soup.select("[srcset]")
    ]
    assert all(not urlparse(a).netloc for a in assets if a), assets
    assert not soup.select("script[src]")  # no JavaScript needed on public pages
    css = b"".join(
        (STATIC / a.removeprefix("/static/")).read_bytes() for a in assets if a.endswith(".css")
    )
    total = len(gzip.compress(response.content)) + len(gzip.compress(css))
    assert total < 60 * 1024, total
    print(f"\nBack Spasm page weight: HTML+CSS gzip = {total} bytes")
