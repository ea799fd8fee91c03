"""Head metadata, the sitemap, robots.txt and redirects on slug change or move."""

import xml.etree.ElementTree as ET

from django.test import override_settings
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from articles.models import ConditionArticlePage, TechniquePage, TopicTag
from services.models import LocationPage
from spa_site.models import SiteSettings
from spa_site.seo.metadata import strip_query
from tests.spa_site.seo.conftest import head

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("sm:loc", NS).text: url.find("sm:lastmod", NS)
        for url in root.findall("sm:url", NS)
    }


def meta(response, **attrs):
    tag = head(response).find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_article_head(client, demo_site):
    response = client.get(
        "/conditions/back-spasm/?utm_source=news&service=deep-tissue-massage&gclid=x"
    )
    page_head = head(response)
    assert page_head.title.string == "Back Spasm | Muscle Spasm Relief | Moonlight at Naple"
    assert (
        page_head.find("link", rel="canonical")["href"] == "http://localhost/conditions/back-spasm/"
    )
    assert meta(response, name="description").startswith(
        "Muscle spasms are involuntary"
    )  # summary fallback
    assert meta(response, name="robots") == "index, follow, max-image-preview:large"
    assert meta(response, property="og:type") == "article"
    assert meta(response, property="og:title") == "Back Spasm"
    assert meta(response, property="og:url") == "http://localhost/conditions/back-spasm/"
    assert meta(response, property="article:published_time")
    # No picture chosen anywhere: the page's drawn share image (spa_site/share_images.py).
    assert meta(response, property="og:image").startswith("http://localhost/share-images/")
    assert meta(response, name="twitter:card") == "summary_large_image"


def test_seo_title_and_description_win_over_fallbacks(client, demo_site):
    response = client.get("/conditions/massage-for-muscle-spasms/")
    assert head(response).title.string.startswith("Effective Massage Techniques for Alleviating")
    assert meta(response, name="description").startswith(
        "Relieve muscle spasms with massage therapy."
    )


def test_canonical_keeps_meaningful_parameters_only():
    assert (
        strip_query("http://x/a/?page=2&utm_medium=mail&fbclid=1&therapist=3")
        == "http://x/a/?page=2"
    )
    assert strip_query("http://x/a/?service=swedish#top") == "http://x/a/"


def test_canonical_override_and_share_image_fallback(client, demo_site):
    settings = SiteSettings.objects.get()
    settings.share_image = Image.objects.create(
        title="Spa", description="Our treatment room", file=get_test_image_file(size=(1600, 1000))
    )
    settings.twitter_handle = "@moonlight"
    settings.save()
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.canonical_url = "https://example.com/original/"
    article.save_revision().publish()
    response = client.get("/conditions/back-spasm/")
    assert head(response).find("link", rel="canonical")["href"] == "https://example.com/original/"
    assert meta(response, property="og:image").startswith("http://localhost/")
    assert meta(response, property="og:image:width") == "1200"
    assert meta(response, property="og:image:alt") == "Our treatment room"
    assert meta(response, name="twitter:card") == "summary_large_image"
    assert meta(response, name="twitter:site") == "@moonlight"
    assert "https://example.com/original/" not in sitemap(client)


def test_noindex_switch(client, demo_site):
    technique = TechniquePage.objects.get(slug="swedish-massage")
    technique.noindex = True
    technique.save_revision().publish()
    response = client.get("/techniques/swedish-massage/")
    assert meta(response, name="robots") == "noindex, follow"
    assert "http://localhost/techniques/swedish-massage/" not in sitemap(client)


def test_sitemap_lists_indexable_pages_and_topics_with_lastmod(client, demo_site):
    urls = sitemap(client)
    expected_pages = [
        "http://localhost/",
        "http://localhost/conditions/",
        "http://localhost/conditions/back-spasm/",
        "http://localhost/conditions/massage-for-muscle-spasms/",
        "http://localhost/techniques/trigger-point-therapy/",
        "http://localhost/team/mara-swick/",
        "http://localhost/locations/long-beach/",
    ]
    for url in expected_pages:
        assert url in urls
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    assert (
        urls["http://localhost/conditions/back-spasm/"].text
        == timezone.localdate(article.last_published_at).isoformat()  # the site's time zone
    )
    # topics: indexable ones in (with the newest item's date), thin ones out
    assert "http://localhost/conditions/topics/muscle-spasms/" in urls
    assert urls["http://localhost/conditions/topics/muscle-spasms/"] is not None
    assert "http://localhost/conditions/topics/back-pain/" not in urls  # 1 live item: thin
    assert all(lastmod is not None for lastmod in urls.values())


def test_thin_topic_threshold_and_topic_noindex(client, demo_site):
    assert meta(client.get("/conditions/topics/back-pain/"), name="robots") == "noindex, follow"
    settings = SiteSettings.objects.get()
    settings.thin_topic_threshold = 1
    settings.save()
    assert meta(client.get("/conditions/topics/back-pain/"), name="robots").startswith("index")
    assert "http://localhost/conditions/topics/back-pain/" in sitemap(client)
    tag = TopicTag.objects.get(slug="back-pain")
    tag.noindex = True
    tag.save()  # as the admin does: the cached sitemap is retired
    assert "http://localhost/conditions/topics/back-pain/" not in sitemap(client)


def test_topic_page_copy(client, demo_site):
    TopicTag.objects.filter(slug="relaxation").update(
        seo_title="Massage for relaxation",
        intro="<p>Calm muscles spasm less.</p>",
        search_description="How relaxing massage eases muscle spasms and stress, and which techniques to book in Long Beach.",
    )
    response = client.get("/conditions/topics/relaxation/")
    assert head(response).title.string == "Massage for relaxation | Moonlight at Naple"
    assert meta(response, name="description").startswith("How relaxing massage eases")
    assert (
        head(response).find("link", rel="canonical")["href"]
        == "http://localhost/conditions/topics/relaxation/"
    )
    body = response.content.decode()
    assert "<h1>Massage for relaxation</h1>" in body
    assert "Calm muscles spasm less." in body


def test_robots_txt(client, demo_site):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /search/" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "Disallow: /\n" not in text


def test_staging_copy_disallows_everything(client, demo_site):
    settings = SiteSettings.objects.get()
    settings.is_staging = True
    settings.save()
    assert "Disallow: /\n" in client.get("/robots.txt").content.decode()
    assert meta(client.get("/"), name="robots") == "noindex, follow"


@override_settings(SEO_STAGING=True)
def test_staging_setting_from_the_environment(client, demo_site):
    assert "Disallow: /\n" in client.get("/robots.txt").content.decode()


def test_not_found_page_keeps_its_title(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert head(response).title.string == "Page not found | Moonlight at Naple"


def test_slug_change_leaves_a_redirect(client, demo_site, django_capture_on_commit_callbacks):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.slug = "back-spasms"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    response = client.get("/conditions/back-spasm/")
    assert response.status_code == 301
    assert response["Location"].endswith("/conditions/back-spasms/")


def test_move_leaves_a_redirect(client, demo_site, django_capture_on_commit_callbacks):
    location = LocationPage.objects.get(slug="long-beach")
    home = location.get_parent().get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        location.move(home, pos="last-child")
    response = client.get("/locations/long-beach/")
    assert response.status_code == 301
    assert response["Location"].endswith("/long-beach/")
    assert client.get(response["Location"]).status_code == 200
