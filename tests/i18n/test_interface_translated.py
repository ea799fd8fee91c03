"""Everything a visitor reads in the interface goes through gettext: no visitor template holds
bare text, and a Spanish page of every type shows none of the catalog's English strings."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from wagtail.models import Page

from articles.models import ArticleIndexPage, ConditionArticlePage, TechniqueIndexPage
from author_profiles.models import ProfileIndexPage, ProfilePage
from questions.emails import build_message
from questions.models import Question
from services.models import LocationIndexPage, LocationPage
from spa_site.models import HomePage
from tests.support.i18n import translate

#: Every app's templates (each app keeps its own, ``<app>/templates/<app>/``).
TEMPLATE_DIRS = sorted(p for p in Path(settings.BASE_DIR).glob("*/templates") if p.is_dir())
CATALOG = Path(settings.BASE_DIR) / "spa_site" / "locale" / "es" / "LC_MESSAGES" / "django.po"

#: Staff screens (the admin is translated by Wagtail and speaks the editor's language).
STAFF_APPS = {"wagtailcore", "editorial", "attribution"}
STAFF_FOLDERS = {"admin", "panels"}

TRANSLATED_BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment)\b.*?{%\s*end\1\s*%}"
    r"|{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}",
    re.S,
)
TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
RAW = re.compile(r"<(script|style)\b.*?</\1>", re.S)
READ_ATTRIBUTE = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')
HTML_TAG = re.compile(r"<[^>]*>", re.S)
WORD = re.compile(r"[A-Za-z]{2,}")


def bare_text(source):
    """Words a template shows that no translation tag wraps."""
    source = RAW.sub(" ", TRANSLATED_BLOCKS.sub(" ", source))
    found = [v for v in READ_ATTRIBUTE.findall(source) if WORD.search(TAG.sub(" ", v))]
    text = HTML_TAG.sub(" ", TAG.sub(" ", source))
    return found + [line.strip() for line in text.splitlines() if WORD.search(line)]


def visitor_templates():
    """``{name: path}`` of the templates visitors see (names as Django loads them)."""
    found = {}
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder)
            if relative.parts[0] not in STAFF_APPS and not STAFF_FOLDERS & set(relative.parts):
                found[relative] = path
    assert len(found) > 40, TEMPLATE_DIRS
    return found


def test_the_checker_finds_bare_text():
    assert bare_text('<p>Book now</p><img alt="A map">') == ["A map", "Book now"]
    assert bare_text('{% translate "Book now" %}<p>{{ page.title }}</p>') == []


def test_no_visitor_template_shows_untranslated_text():
    untranslated = {
        str(name): words
        for name, path in visitor_templates().items()
        if (words := bare_text(path.read_text()))
    }
    assert untranslated == {}


def english_interface_strings():
    """The catalog's English sentences (long enough not to occur in the spa's content)."""
    strings = set()
    for entry in polib.pofile(str(CATALOG)):
        text = entry.msgid
        if "%(" not in text and "{" not in text and len(text) >= 18 and entry.msgstr != text:
            strings.add(text)
    return strings


def spanish(page, **fields):
    return translate(page, slug=f"{page.slug}-es", **fields)


@pytest.mark.django_db
def test_spanish_pages_of_every_type_show_no_english_interface_text(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en")
    pages = [translate(home, title="Masajes en Long Beach")]
    for index_model in (ArticleIndexPage, TechniqueIndexPage, ProfileIndexPage, LocationIndexPage):
        pages.append(spanish(index_model.objects.get(locale=home.locale)))
    for model in (ConditionArticlePage, ProfilePage, LocationPage):
        for page in model.objects.live().filter(locale=home.locale)[:2]:
            pages.append(spanish(page))
    english = english_interface_strings()
    assert len(english) > 100
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert '<html lang="es">' in html
        shown = sorted(text for text in english if text in html)
        assert shown == [], f"{page.url}: {shown}"
    # The spa's locations are shared records: the Spanish index lists them too.
    locations_es = next(page for page in pages if isinstance(page, LocationIndexPage))
    assert 'class="location-choice"' in client.get(locations_es.url).content.decode()
    not_found = client.get("/es/no-such-page/").content.decode()
    assert [text for text in english if text in not_found] == []


@pytest.mark.django_db
def test_an_answer_email_speaks_the_language_of_the_page_it_was_asked_on(demo_site):
    article = ConditionArticlePage.objects.live().filter(locale__language_code="en").first()
    translate(HomePage.objects.get(locale__language_code="en"), title="Inicio")
    article_es = spanish(article)
    asked = {"question": "¿Ayuda el calor?", "first_name": "Ana", "email": "ana@example.com"}
    answer = {"answer": "Puede aliviar la tensión.", "status": Question.Status.PUBLISHED}
    for page, greeting, subject in (
        (article_es, "Hola, Ana:", "Su pregunta sobre"),
        (article, "Hello Ana,", "Your question on"),
    ):
        question = Question.objects.create(page=Page.objects.get(pk=page.pk), **asked, **answer)
        message = build_message(question)
        assert message.subject.startswith(subject)
        assert greeting in message.body and greeting in message.alternatives[0][0]
    assert translation.get_language() == "en"
    assert mail.outbox == []
