"""The Spanish locale: URLs, what a Spanish visitor may see, hreflang, the switch, the
sitemap, JSON-LD and the 404 page for untranslated pages (docs/i18n.md)."""

import json
import re

import pytest
from django.test import override_settings
from django.utils import translation

from spa_site import visibility
from tests.factories import TechniquePageFactory
from tests.support.i18n import translate, translate_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_tree(site_tree):
    """The English technique, its Spanish translation (home and index translated first),
    and an English technique nobody translated."""
    technique = TechniquePageFactory(parent=site_tree["techniques"], title="Swedish Massage")
    untranslated = TechniquePageFactory(parent=site_tree["techniques"], title="Cupping")
    home = translate_tree(site_tree)
    site_tree["techniques"].show_in_menus = True
    site_tree["techniques"].save_revision().publish()
    index = translate(
        site_tree["techniques"], title="Técnicas de masaje", slug="tecnicas", show_in_menus=True
    )
    spanish = translate(
        technique, title="Masaje sueco", slug="masaje-sueco", summary="Una técnica suave."
    )
    return {
        **site_tree,
        "technique": technique,
        "untranslated": untranslated,
        "es_home": home,
        "es_index": index,
        "es_technique": spanish,
    }


def links(html, rel="alternate"):
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html))


def jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_english_stays_where_it_was_and_spanish_lives_under_es(client, spanish_tree):
    assert spanish_tree["technique"].url == "/techniques/swedish-massage/"
    assert spanish_tree["es_technique"].url == "/es/tecnicas/masaje-sueco/"
    english = client.get("/techniques/swedish-massage/")
    spanish = client.get("/es/tecnicas/masaje-sueco/")
    assert english.status_code == spanish.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    html = spanish.content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Masaje sueco</h1>" in html
    assert "Técnica de masaje" in html and "Reservar" in html  # the interface is Spanish


def test_hreflang_alternates_and_x_default_on_both_versions(client, spanish_tree):
    expected = {
        "en": "http://localhost/techniques/swedish-massage/",
        "es": "http://localhost/es/tecnicas/masaje-sueco/",
        "x-default": "http://localhost/techniques/swedish-massage/",
    }
    for url in ("/techniques/swedish-massage/", "/es/tecnicas/masaje-sueco/"):
        assert links(client.get(url).content.decode()) == expected, url


def test_untranslated_pages_have_no_alternates(client, spanish_tree):
    html = client.get(spanish_tree["untranslated"].url).content.decode()
    assert links(html) == {}


def test_a_draft_translation_is_not_an_alternate(client, spanish_tree):
    spanish_tree["es_technique"].unpublish()
    html = client.get("/techniques/swedish-massage/").content.decode()
    assert links(html) == {}
    assert client.get("/es/tecnicas/masaje-sueco/").status_code == 404


def test_jsonld_carries_the_page_language(client, spanish_tree):
    english = jsonld(client.get("/techniques/swedish-massage/").content.decode())
    spanish = jsonld(client.get("/es/tecnicas/masaje-sueco/").content.decode())
    webpage = {n["@type"]: n for n in spanish["@graph"] if "@type" in n}
    assert {n.get("inLanguage") for n in english["@graph"]} - {None} == {"en-US"}
    assert {n.get("inLanguage") for n in spanish["@graph"]} - {None} == {"es-US"}
    assert webpage["WebSite"]["inLanguage"] == "es-US"


def test_language_switch_leads_to_the_translation_or_its_nearest_translated_parent(
    client, spanish_tree
):
    switch = re.compile(r'class="lang-switch" href="([^"]+)" hreflang="(\w+)"')
    english = client.get("/techniques/swedish-massage/").content.decode()
    assert switch.findall(english) == [("/es/tecnicas/masaje-sueco/", "es")]
    spanish = client.get("/es/tecnicas/masaje-sueco/").content.decode()
    assert switch.findall(spanish) == [("/techniques/swedish-massage/", "en")]
    untranslated = client.get(spanish_tree["untranslated"].url).content.decode()
    assert switch.findall(untranslated) == [("/es/tecnicas/", "es")]  # nearest translated
    search = client.get("/search/?q=massage").content.decode()
    assert switch.findall(search) == [("/es/search/?q=massage", "es")]


def test_an_untranslated_page_is_never_served_in_spanish(client, spanish_tree):
    """Its address under /es/ answers 404 saying it is English only, with the English link."""
    response = client.get("/es/techniques/cupping/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Esta página aún no está traducida" in html
    assert 'href="/techniques/cupping/" hreflang="en"' in html


def test_alias_parents_made_by_translating_are_not_public(client, site_tree):
    """Translating a technique before its index copies the index as an alias (the English
    text, live): it is untranslated, so neither served nor listed in Spanish."""
    translate_tree(site_tree)
    technique = TechniquePageFactory(parent=site_tree["techniques"], title="Reflexology")
    translate(technique, title="Reflexología", slug="reflexologia")
    es_index = site_tree["techniques"].get_translations().get()
    assert es_index.alias_of_id == site_tree["techniques"].pk and es_index.live
    assert client.get("/es/techniques/").status_code == 404
    assert not visibility.anonymous().in_language("es").can_see(es_index)
    assert not visibility.anonymous().can_see(es_index)  # jobs: not in any language
    assert client.get("/es/techniques/reflexologia/").status_code == 200
    menu = client.get("/es/").content.decode()
    assert 'href="/es/techniques/"' not in menu


def test_spanish_audience_sees_spanish_pages_only(rf, spanish_tree):
    request = rf.get("/es/")
    with translation.override("es"):
        audience = visibility.for_request(request)
        assert audience.language == "es"
        assert audience.can_see(spanish_tree["es_technique"])
        assert not audience.can_see(spanish_tree["technique"])
        found = set(audience.pages().values_list("pk", flat=True))
    assert spanish_tree["es_technique"].pk in found and spanish_tree["technique"].pk not in found
    english = visibility.for_request(rf.get("/"))
    assert english.can_see(spanish_tree["technique"])
    assert not english.can_see(spanish_tree["es_technique"])
    # Jobs (no request) see every language, and the spa's records are the English pages.
    assert visibility.anonymous().can_see(spanish_tree["es_technique"])
    assert audience.records().can_see(spanish_tree["technique"])


def test_spanish_menu_and_listing_show_spanish_pages(client, spanish_tree):
    html = client.get("/es/").content.decode()
    assert '<a href="/es/tecnicas/"' in html
    assert 'href="/techniques/"' not in html.split("<main")[1].split("</main>")[0]
    listing = client.get("/es/tecnicas/").content.decode()
    assert "Masaje sueco" in listing and "Cupping" not in listing


def test_sitemap_lists_both_languages_with_alternates(client, spanish_tree):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/es/tecnicas/masaje-sueco/</loc>" in xml
    assert "<loc>http://localhost/techniques/swedish-massage/</loc>" in xml
    assert "<loc>http://localhost/techniques/cupping/</loc>" in xml
    entry = xml.split("<loc>http://localhost/es/tecnicas/masaje-sueco/</loc>")[1].split("</url>")[0]
    assert 'hreflang="en" href="http://localhost/techniques/swedish-massage/"' in entry
    assert 'hreflang="es" href="http://localhost/es/tecnicas/masaje-sueco/"' in entry
    assert 'hreflang="x-default" href="http://localhost/techniques/swedish-massage/"' in entry
    cupping = xml.split("<loc>http://localhost/techniques/cupping/</loc>")[1].split("</url>")[0]
    assert "hreflang" not in cupping


def test_search_is_scoped_to_the_language(client, spanish_tree):
    spanish = client.get("/es/search/", {"q": "masaje"}).content.decode()
    assert "Masaje sueco" in spanish
    english = client.get("/search/", {"q": "massage"}).content.decode()
    assert "Swedish Massage" in english and "Masaje sueco" not in english
    assert "Swedish Massage" not in client.get("/es/search/", {"q": "massage"}).content.decode()


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=600)
def test_page_cache_keeps_the_languages_apart(client, spanish_tree):
    client.get("/techniques/swedish-massage/")
    again = client.get("/es/tecnicas/masaje-sueco/")
    assert '<html lang="es">' in again.content.decode()
