"""Chooser blocks take the objects the request has loaded already (``spa_site.loaded``) and
read only the others, as Wagtail's own ``bulk_to_python`` would."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from spa_site import loaded, visibility
from spa_site.blocks import LoadedPageChooserBlock
from tests.factories import TechniquePageFactory

pytestmark = pytest.mark.django_db


def resolve(values):
    block = LoadedPageChooserBlock(page_type="articles.TechniquePage")
    with CaptureQueriesContext(connection) as ctx:
        result = block.bulk_to_python(values)
    return result, len(ctx.captured_queries)


@pytest.fixture
def techniques(site_tree):
    return [TechniquePageFactory(parent=site_tree["techniques"]) for _ in range(3)]


@pytest.fixture
def in_a_request(site_tree):
    visibility._current.request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert visibility.current().site is not None  # the site lookup is not what is measured
    yield
    visibility._current.request = None


def test_outside_a_request_every_value_is_read_in_one_query(techniques):
    a, b, _ = techniques
    result, queries = resolve([a.pk, None, b.pk, a.pk, 999_999])
    assert [getattr(p, "pk", None) for p in result] == [a.pk, None, b.pk, a.pk, None]
    assert result[0] is not result[3]  # each occurrence its own instance, as Wagtail's
    assert queries == 1


def test_in_a_request_kept_objects_are_reused_and_only_the_rest_read(techniques, in_a_request):
    a, b, c = techniques
    loaded.keep([a, b])
    result, queries = resolve([a.pk, b.pk])
    assert result == [a, b] and result[0] is a and queries == 0
    result, queries = resolve([c.pk, a.pk])
    assert [p.pk for p in result] == [c.pk, a.pk] and result[1] is a and queries == 1
    site = Site.objects.get(pk=a.get_site().pk)
    loaded.keep([site])  # other models' objects are kept apart, even with the same pk
    assert loaded.get(type(a), [a.pk, site.pk]) == {a.pk: a}
