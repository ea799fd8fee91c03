"""What the visual design promises a visitor: drawings that say only what the content says
(and give way to uploaded photos), booking in reach on every reading page, prices on the
first booking step, icons and a manifest, distinct landmark names."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from articles.models import ConditionArticlePage, TechniquePage
from author_profiles.models import ProfilePage
from services.models import Service

READING_PAGES = [
    "/conditions/back-spasm/",
    "/conditions/massage-for-muscle-spasms/",
    "/techniques/trigger-point-therapy/",
    "/team/mara-swick/",
    "/locations/long-beach/",
]
OTHER_PAGES = ["/", "/conditions/", "/techniques/", "/team/", "/search/?q=spasm"]


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("url", READING_PAGES)
def test_reading_pages_end_with_the_booking_bar(client, demo_site, url):
    soup = soup_of(client, url)
    bar = soup.select_one("aside.booking-bar")
    assert bar is not None and bar["aria-label"] == "Booking"
    # The body's last element, after the footer: sticky there, it never covers the footer.
    assert bar is soup.body.find_all(recursive=False)[-1]
    link = bar.select_one("a.button")
    assert link["href"].startswith("/book/")


@pytest.mark.parametrize("url", OTHER_PAGES)
def test_index_and_home_pages_have_no_booking_bar(client, demo_site, url):
    assert not soup_of(client, url).select("aside.booking-bar")


def test_article_bar_and_first_booking_card_name_the_articles_service(client, demo_site):
    soup = soup_of(client, "/conditions/back-spasm/")
    credits = soup.select_one("dl.credits")
    card = credits.find_next_sibling()
    assert card.name == "aside" and "booking-card" in card["class"]
    article = ConditionArticlePage.objects.get(slug="back-spasm")  # Book links name their page
    assert card.select_one("a.button")["href"] == (
        f"/book/?service=deep-tissue-massage&from={article.pk}"
    )
    assert "60 or 90 min · from $115" in card.get_text(" ", strip=True)
    bar = soup.select_one("aside.booking-bar")
    assert "Deep tissue massage" in bar.get_text() and "from $115" in bar.get_text()


def test_profile_bar_books_with_that_therapist(client, demo_site):
    bar = soup_of(client, "/team/mara-swick/").select_one("aside.booking-bar")
    mara = ProfilePage.objects.get(slug="mara-swick")
    assert bar.select_one("a")["href"] == f"/book/?therapist=mara-swick&from={mara.pk}"
    assert "Book with Mara Swick" in bar.get_text()


def test_body_map_highlights_the_sites_the_article_lists(client, demo_site):
    soup = soup_of(client, "/conditions/back-spasm/")
    figure = soup.select_one(".sites figure.body-map")
    highlighted = figure.select(".body-map__part.is-on")
    assert len(highlighted) == 4  # neck, shoulders, back, legs (the block's items)
    assert "Highlighted: neck, shoulders, back and legs." in figure.figcaption.get_text()
    assert figure.svg["aria-hidden"] == "true"  # the caption and the list say it in words


def test_body_map_follows_the_editors_list(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    body = article.body.get_prep_value()
    for block in body:
        if block["type"] == "common_sites":
            block["value"]["items"] = [{"title": "Calves", "text": ""}]
    article.body = body
    article.save_revision().publish()
    figure = soup_of(client, "/conditions/back-spasm/").select_one("figure.body-map")
    assert "Highlighted: legs." in figure.get_text()
    assert len(figure.select(".is-on")) == 1


def test_techniques_get_a_drawing_until_a_photo_is_uploaded(client, demo_site):
    soup = soup_of(client, "/techniques/trigger-point-therapy/")
    assert soup.select_one(".technique__art svg.art")
    cards = soup_of(client, "/techniques/").select(".card")
    assert len(cards) == 4 and all(card.select_one(".card__art svg") for card in cards)
    technique = TechniquePage.objects.get(slug="trigger-point-therapy")
    technique.listing_image = Image.objects.create(title="Session", file=get_test_image_file())
    technique.save_revision().publish()
    soup = soup_of(client, "/techniques/trigger-point-therapy/")
    assert not soup.select(".technique__art svg") and soup.select_one(".technique__art img")


def test_staff_get_a_monogram_until_a_photo_is_uploaded(client, demo_site):
    soup = soup_of(client, "/team/mara-swick/")
    monogram = soup.select_one(".profile__header .monogram")
    assert monogram.get_text() == "MS" and monogram["aria-hidden"] == "true"
    assert soup_of(client, "/team/").select_one(".person .monogram").get_text() == "MS"
    person = ProfilePage.objects.get(slug="mara-swick")
    person.photo = Image.objects.create(title="Mara", file=get_test_image_file())
    person.save_revision().publish()
    soup = soup_of(client, "/team/mara-swick/")
    assert not soup.select(".monogram") and soup.select_one(".profile__header img")


def test_home_hero_and_paths(client, demo_site):
    soup = soup_of(client, "/")
    hero = soup.select_one("section.hero")
    assert hero.h1 and hero.select_one("svg.hero-art")
    assert hero.select_one('a.button[href^="/book/?from="]')
    paths = [a.select_one(".path__title").get_text() for a in soup.select("nav.paths a.path")]
    assert paths[:4] == ["Book", "Conditions", "Massage techniques", "Our team"]


def test_first_booking_step_shows_every_duration_and_price(client, demo_site):
    soup = soup_of(client, "/book/")
    for service in Service.objects.bookable():
        label = soup.select_one(f'label[for="service-{service.slug}"]')
        offers = [o.get_text() for o in label.select(".offer")]
        assert offers == [
            f"{v.duration_minutes} min · ${v.price:.0f}" for v in service.variants.all()
        ]


def test_booking_start_has_a_meta_description(client, demo_site):
    description = soup_of(client, "/book/").find("meta", attrs={"name": "description"})
    assert description["content"].startswith("Book a massage online at Moonlight at Naple")


@pytest.mark.parametrize("url", ["/search/?q=spasm", "/no-such-page/"])
def test_one_named_search_landmark_and_a_search_link_in_the_header(client, demo_site, url):
    """The header links to search (an icon button); the page's own search form is the only
    search landmark, so no hidden form sits in every page."""
    status = 404 if url.startswith("/no-") else 200
    soup = soup_of(client, url, status)
    forms = soup.select('[role="search"]')
    assert len(forms) == 1 and forms[0].get("aria-label")
    assert not soup.select("header form")
    assert soup.select_one("header a.header-search-link")["href"] == "/search/"


def test_icons_and_manifest(client, demo_site):
    head = soup_of(client, "/").head
    assert head.select_one('link[rel="icon"][type="image/svg+xml"]')
    assert head.select_one('link[rel="apple-touch-icon"]')
    assert head.select_one('link[rel="manifest"]')["href"] == "/site.webmanifest"
    manifest = client.get("/site.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "Moonlight at Naple" and data["start_url"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302 and favicon["Location"].endswith("favicon.ico")


def test_inactive_services_leave_the_bar_generic(client, demo_site):
    Service.objects.update(active=False)
    Service.objects.first().save()  # bumps the content version like an admin save
    bar = soup_of(client, "/conditions/back-spasm/").select_one("aside.booking-bar")
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    assert bar.select_one("a")["href"] == f"/book/?from={article.pk}"  # no service, still credited
    assert not soup_of(client, "/conditions/back-spasm/").select(".booking-card")
