from dataclasses import dataclass

import pytest

from articles.models import ArticleIndexPage
from booking import clock
from tests.booking.utils import NOW, build_world
from tests.factories import ConditionArticlePageFactory, link_article


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


@dataclass
class Shop:
    world: object
    article: object


@pytest.fixture
def shop(db):
    """The booking world plus a live article whose booking card links to its service."""
    world = build_world()
    article = ConditionArticlePageFactory(
        parent=ArticleIndexPage.objects.get(), title="Back Spasm", slug="back-spasm"
    )
    link_article(article, services=[world.service])
    return Shop(world=world, article=article)
