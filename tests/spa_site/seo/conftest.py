import json

import pytest
from bs4 import BeautifulSoup


def jsonld_graph(response):
    """The page's single JSON-LD graph, parsed from the rendered HTML."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, "one JSON-LD graph per page"
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def nodes_by_type(graph, type_name):
    return [
        n
        for n in graph
        if type_name in ([n["@type"]] if isinstance(n["@type"], str) else n["@type"])
    ]


def head(response):
    return BeautifulSoup(response.content, "html.parser").head


@pytest.fixture
def graph_of(client):
    def get(url, **kwargs):
        return jsonld_graph(client.get(url, **kwargs))

    return get


@pytest.fixture(autouse=True)
def clear_caches():
    """Rendition lookups are cached by image id, and ids repeat across rolled-back tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
