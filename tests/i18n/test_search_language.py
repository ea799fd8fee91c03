"""Search stems each language its own way on PostgreSQL (spa_site/search_backend.py): a Spanish
page is indexed with the ``spanish`` configuration and a Spanish search queries with it, so
"relajar" finds "relajación"; English pages keep English stemming."""

import pytest
from django.db import connection
from django.utils import translation
from wagtail.models import Page

from spa_site import search_backend
from tests.factories import TechniquePageFactory
from tests.support.i18n import translate, translate_tree

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="per-language stemming is PostgreSQL full-text search (SQLite has no stemmer)",
    ),
]


@pytest.fixture
def pages(site_tree):
    english = TechniquePageFactory(
        parent=site_tree["techniques"],
        title="Swedish Massage",
        summary="Long gliding strokes that relax spasms.",
    )
    translate_tree(site_tree)
    translate(site_tree["techniques"], title="Técnicas", slug="tecnicas")
    spanish = translate(
        english,
        title="Masaje sueco",
        slug="masaje-sueco",
        summary="Movimientos largos para la relajación profunda de los músculos.",
    )
    return english, spanish


def found(words, language):
    with translation.override(language):
        return {page.pk for page in Page.objects.live().search(words)}


def test_spanish_search_uses_spanish_stemming(pages):
    english, spanish = pages
    # Neither word is in the page: only their Spanish stems ("relaj", "muscul") are.
    assert spanish.pk in found("relajar", "es")
    assert spanish.pk in found("músculo", "es")


def test_english_search_keeps_english_stemming(pages):
    english, spanish = pages
    assert english.pk in found("spasm", "en")
    assert english.pk in found("relaxing", "en")
    assert spanish.pk not in found("relajar", "en")


def test_the_site_search_page_finds_spanish_words_by_their_stem(client, pages):
    english, spanish = pages
    html = client.get("/es/search/", {"q": "relajar"}).content.decode()
    assert "Masaje sueco" in html
    assert "Swedish Massage" not in html


def test_rebuilding_the_index_keeps_each_language_stemmed(pages):
    english, spanish = pages
    backend = search_backend.SearchBackend({})
    index = backend.get_index_for_model(type(spanish.specific))
    index.add_items(type(spanish.specific), [spanish.specific, english.specific])
    assert spanish.pk in found("relajar", "es")
    assert english.pk in found("relaxing", "en")
