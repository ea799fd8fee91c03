"""Share images (spa_site/share_images.py): one drawn 1200×630 card per page, stored in the
default storage, named by its content, served only for pages anonymous visitors may see."""

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleIndexPage, ConditionArticlePage, TechniquePage
from spa_site import share_images
from spa_site.models import SiteSettings

PAGES = [
    "/",
    "/conditions/",
    "/conditions/back-spasm/",
    "/techniques/",
    "/techniques/trigger-point-therapy/",
    "/team/",
    "/team/mara-swick/",
    "/locations/",
    "/locations/long-beach/",
    "/conditions/topics/back-pain/",
    "/search/?q=massage",
    "/book/",
]


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Page ids repeat between tests: each test stores its cards in a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path)


def meta(html, **attrs):
    tag = BeautifulSoup(html, "html.parser").head.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def image_path(client, url):
    og = meta(client.get(url).content, property="og:image")
    assert og and og.startswith("http://localhost/share-images/"), (url, og)
    return og.removeprefix("http://localhost")


def card_of(page):
    return share_images.card_for(page.specific, SiteSettings.objects.get())


@pytest.mark.parametrize("url", PAGES)
def test_every_page_type_has_a_drawn_share_image(client, demo_site, url):
    response = client.get(url)
    html = response.content
    path = image_path(client, url)
    assert meta(html, property="og:image:width") == "1200"
    assert meta(html, property="og:image:height") == "630"
    assert meta(html, name="twitter:card") == "summary_large_image"
    assert meta(html, name="twitter:image") == meta(html, property="og:image")
    assert meta(html, property="og:image:alt")
    image = client.get(path)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert "public" in image["Cache-Control"]
    drawn = PILImage.open(io.BytesIO(image.content))
    assert drawn.size == (1200, 630) and drawn.format == "PNG"


def test_card_says_what_the_page_is_and_whose_it_is(demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    card = card_of(article)
    assert (card.title, card.label, card.site_name) == (
        "Back Spasm",
        "Condition guide",
        "Moonlight at Naple",
    )
    assert card_of(TechniquePage.objects.get(slug="swedish-massage")).label == "Massage technique"
    home = Page.objects.get(depth=2, locale__language_code="en")  # the demo has a Spanish draft
    assert card_of(home).label == "Massage therapy in Long Beach"
    assert card.alt == "Back Spasm: Condition guide, Moonlight at Naple"


def test_a_new_title_makes_a_new_url_and_the_old_one_redirects(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    old = image_path(client, article.url)
    article.title = "Back Spasm: relief at home"
    article.save_revision().publish()
    new = image_path(client, article.url)
    assert new != old
    response = client.get(old)
    assert response.status_code == 302 and response["Location"] == new


def test_a_draft_title_is_never_drawn(client, demo_site):
    """A preview's head names the draft's card: its URL leads to the live page's card."""
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.title = "Unpublished headline"
    article.save_revision()  # a draft: the live title stays
    draft_card = share_images.card_for(article, SiteSettings.objects.get())
    response = client.get(draft_card.path)
    assert response.status_code == 302
    live = card_of(ConditionArticlePage.objects.get(pk=article.pk))
    assert response["Location"] == live.path and live.title == "Back Spasm"


def test_cards_of_pages_visitors_cannot_see_are_not_found(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    technique = TechniquePage.objects.get(slug="swedish-massage")
    article_path, technique_path = card_of(article).path, card_of(technique).path
    article.unpublish()
    PageViewRestriction.objects.create(page=technique, restriction_type="login")
    assert client.get(article_path).status_code == 404
    assert client.get(technique_path).status_code == 404
    assert client.get("/share-images/999999/0123456789abcdef.png").status_code == 404


def test_topic_cards_and_unknown_routes(client, demo_site):
    path = image_path(client, "/conditions/topics/back-pain/")
    assert "/topics/back-pain/" in path
    index = ArticleIndexPage.objects.get()
    assert client.get(f"/share-images/{index.pk}/topics/no-such-topic/abc.png").status_code == 404
    assert client.get(f"/share-images/{index.pk}/nothing-here/abc.png").status_code == 404


def test_an_editors_picture_wins_over_the_drawing(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.listing_image = Image.objects.create(
        title="Treatment room", file=get_test_image_file(size=(1600, 1000))
    )
    article.save_revision().publish()
    og = meta(client.get(article.url).content, property="og:image")
    assert "/share-images/" not in og and "/media/images/" in og


def test_stored_under_a_name_the_url_does_not_give_away(client, demo_site):
    card = card_of(ConditionArticlePage.objects.get(slug="back-spasm"))
    assert not default_storage.exists(card.storage_name)
    client.get(card.path)
    assert default_storage.exists(card.storage_name)
    assert card.version not in card.storage_name
    assert re.fullmatch(r"share-images/\d+/[0-9a-f]{32}\.png", card.storage_name)


def test_a_second_request_reads_the_stored_card(client, demo_site, monkeypatch):
    card = card_of(ConditionArticlePage.objects.get(slug="back-spasm"))
    first = client.get(card.path).content
    monkeypatch.setattr(share_images, "render_png", lambda card: pytest.fail("drawn twice"))
    assert client.get(card.path).content == first


def test_an_earlier_version_is_deleted_when_a_new_one_is_stored(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    old = card_of(article)
    client.get(old.path)
    article.title = "Back spasm relief"
    article.save_revision().publish()
    new = card_of(ConditionArticlePage.objects.get(pk=article.pk))
    client.get(new.path)
    assert default_storage.exists(new.storage_name)
    assert not default_storage.exists(old.storage_name)


def test_publishing_draws_the_card_after_commit(
    demo_site, settings, django_capture_on_commit_callbacks
):
    settings.SHARE_IMAGES_ON_PUBLISH = True
    technique = TechniquePage.objects.get(slug="myofascial-release")
    technique.title = "Myofascial Release (fascia)"
    with django_capture_on_commit_callbacks(execute=True):
        technique.save_revision().publish()
    assert default_storage.exists(card_of(technique).storage_name)


def test_a_failing_drawing_never_breaks_a_publish(
    demo_site, settings, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    settings.SHARE_IMAGES_ON_PUBLISH = True

    def broken(card):
        raise OSError("disk full")

    monkeypatch.setattr(share_images, "render_png", broken)
    technique = TechniquePage.objects.get(slug="swedish-massage")
    technique.title = "Swedish Massage (classic)"
    with django_capture_on_commit_callbacks(execute=True):
        technique.save_revision().publish()
    technique.refresh_from_db()
    assert technique.live and technique.title == "Swedish Massage (classic)"
    assert "Could not draw the share image" in caplog.text


def test_long_titles_fit_and_odd_text_draws(demo_site):
    for title in ["x" * 400, "Épaule, cou & dos — ça va ? " * 12, "🙂 " * 50, ""]:
        png = share_images.render_png(
            share_images.Card(title=title, label="Condition guide", site_name="Moonlight")
        )
        assert PILImage.open(io.BytesIO(png)).size == (1200, 630)


def test_the_site_palette_is_the_cards_palette():
    css = (Path(__file__).resolve().parents[2] / "spa_site/static/css/site.css").read_text()
    for name in ("night", "moon", "sea", "cream"):
        assert f"--{name}: {share_images.PALETTE[name]};" in css, name


def test_the_share_image_view_costs_few_queries(client, demo_site, django_assert_max_num_queries):
    path = card_of(ConditionArticlePage.objects.get(slug="back-spasm")).path
    client.get(path)
    with django_assert_max_num_queries(8):
        assert client.get(path).status_code == 200
