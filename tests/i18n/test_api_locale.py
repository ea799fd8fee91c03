"""The delivery API by locale: every endpoint takes ``locale`` (default English), answers
with that language's pages only, and each page lists its visible translations."""

import pytest

from tests.i18n.test_locales import spanish_tree  # noqa: F401 - the translated tree

pytestmark = pytest.mark.django_db


def titles(response):
    return sorted(item["title"] for item in response.json()["items"])


def test_listings_answer_in_the_locale_asked(client, spanish_tree):  # noqa: F811
    english = client.get("/api/content/techniques/")
    spanish = client.get("/api/content/techniques/", {"locale": "es"})
    assert titles(english) == ["Cupping", "Swedish Massage"]
    assert titles(spanish) == ["Masaje sueco"]
    assert client.get("/api/content/techniques/", {"locale": "en"}).json() == english.json()


def test_a_page_links_its_translations(client, spanish_tree):  # noqa: F811
    data = client.get("/api/content/techniques/masaje-sueco/", {"locale": "es"}).json()
    assert data["title"] == "Masaje sueco"
    meta = data["meta"]
    assert meta["locale"] == "es"
    assert meta["translations"] == [
        {
            "locale": "en",
            "id": spanish_tree["technique"].pk,
            "title": "Swedish Massage",
            "url": "/techniques/swedish-massage/",
            "api_url": "/api/content/techniques/swedish-massage/?locale=en",
        }
    ]
    alternates = {a["hreflang"]: a["href"] for a in meta["head"]["alternates"]}
    assert alternates == {
        "en": "http://localhost/techniques/swedish-massage/",
        "es": "http://localhost/es/tecnicas/masaje-sueco/",
        "x-default": "http://localhost/techniques/swedish-massage/",
    }
    english = client.get(meta["translations"][0]["api_url"]).json()
    assert english["meta"]["translations"][0]["api_url"] == (
        "/api/content/techniques/masaje-sueco/?locale=es"
    )


def test_listings_map_each_item_to_its_translations(client, spanish_tree):  # noqa: F811
    english_id = str(spanish_tree["technique"].pk)
    spanish_id = str(spanish_tree["es_technique"].pk)
    english = client.get("/api/content/techniques/").json()
    assert english["translations"] == {
        english_id: [
            {
                "locale": "es",
                "id": int(spanish_id),
                "title": "Masaje sueco",
                "url": "/es/tecnicas/masaje-sueco/",
                "api_url": "/api/content/techniques/masaje-sueco/?locale=es",
            }
        ]
    }  # Cupping has no translation, so it is absent
    spanish = client.get("/api/content/techniques/", {"locale": "es"}).json()
    assert [link["api_url"] for link in spanish["translations"][spanish_id]] == [
        "/api/content/techniques/swedish-massage/?locale=en"
    ]
    # The same rule as a page's own links: a translation taken offline is not offered.
    spanish_tree["es_technique"].unpublish()
    assert client.get("/api/content/techniques/").json()["translations"] == {}


def test_listing_translations_cost_the_same_for_any_number_of_items(
    client,
    spanish_tree,  # noqa: F811
):
    from tests.api.test_query_budgets import count_queries
    from tests.factories import TechniquePageFactory
    from tests.support.i18n import translate

    for number in range(4):
        technique = TechniquePageFactory(parent=spanish_tree["techniques"], title=f"Extra {number}")
        translate(technique, title=f"Extra {number} es", slug=f"extra-{number}-es")
    client.get("/api/content/techniques/", {"limit": 1})  # warm the site-root-paths cache
    fewer_items, small = count_queries(client, "/techniques/", {"limit": 2})
    more_items, large = count_queries(client, "/techniques/", {"limit": 6})
    assert len(small["translations"]) == 1 and len(large["translations"]) == 5
    assert fewer_items == more_items


def test_pages_of_another_language_are_not_found(client, spanish_tree):  # noqa: F811
    assert client.get("/api/content/techniques/masaje-sueco/").status_code == 404
    assert client.get("/api/content/techniques/cupping/", {"locale": "es"}).status_code == 404


def test_site_paths_under_es_are_found_by_path(client, spanish_tree):  # noqa: F811
    response = client.get("/api/content/pages/by-path/", {"path": "/es/tecnicas/masaje-sueco/"})
    assert response.status_code == 200 and response.json()["title"] == "Masaje sueco"
    site = client.get("/api/content/site/", {"locale": "es"}).json()
    assert site["home"]["url"] == "/es/"
    assert [link["title"] for link in site["navigation"]] == ["Técnicas de masaje"]


@pytest.mark.parametrize("value", ["fr", "", "ES", "es\x00", "e" * 300])
def test_an_unknown_locale_is_a_400_problem(client, site_tree, value):
    response = client.get("/api/content/techniques/", {"locale": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    if "\x00" not in value:  # a control character is refused before any parameter is read
        assert response.json()["errors"][0]["loc"] == ["query", "locale"]


def test_openapi_documents_locale_on_every_operation(client, db):
    schema = client.get("/api/content/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = [p["name"] for p in operation.get("parameters", [])]
            assert "locale" in names, (method, path)
    parameter = next(
        p
        for p in schema["paths"]["/api/content/techniques/"]["get"]["parameters"]
        if p["name"] == "locale"
    )
    assert parameter["schema"]["enum"] == ["en", "es"] and parameter["schema"]["default"] == "en"
