"""The scale benchmark's generator (``bench/scale_content.py``) still makes content Wagtail
serves: a model change once broke it unnoticed (a service's single location became several),
and a benchmark that cannot set itself up measures nothing."""

import importlib.util
from pathlib import Path

from articles.models import ConditionArticlePage
from services.models import Service

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "scale_content.py"


def _generator():
    spec = importlib.util.spec_from_file_location("scale_content", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_grown_articles_are_served_and_offer_bookable_services(client, demo_site):
    _generator().grow(4)  # the demo has two articles: two more
    articles = ConditionArticlePage.objects.live()
    assert articles.count() == 4
    grown = articles.order_by("-pk").first()
    response = client.get(grown.url)
    assert response.status_code == 200
    assert grown.title in response.content.decode()
    samples = Service.objects.bookable().filter(slug__startswith="sample-massage-")
    assert samples.count() == Service.objects.filter(slug__startswith="sample-massage-").count()
    assert samples.exists()
