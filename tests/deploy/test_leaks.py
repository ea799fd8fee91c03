"""Nothing hidden leaks: drafts, newer unpublished revisions, password-, login- and
group-restricted pages and expired-but-live pages, each referenced from every relation of
public pages (``leak_fixtures``), appear in no public HTML, JSON-LD, API answer, listing,
search result, topic page or sitemap, on any worker."""

import json
import re

import pytest

from .leak_fixtures import KINDS, MARKER

PUBLIC_PATHS = [
    "/",
    "/conditions/probe-article/",
    "/conditions/probe-article-two/",
    "/techniques/probe-technique/",
    "/team/mara-swick/",
    "/locations/long-beach/",
    "/conditions/",
    "/techniques/",
    "/team/",
    "/locations/",
    "/conditions/topics/probe-topic/",
    "/search/?q=probe",
    "/search/?q=leak",
    "/sitemap.xml",
    "/book/",
    "/api/content/articles/probe-article/?expand=author,reviewer,techniques,services",
    "/api/content/articles/probe-article-two/?expand=author,reviewer",
    "/api/content/techniques/probe-technique/?expand=services,therapists",
    "/api/content/profiles/mara-swick/",
    "/api/content/locations/long-beach/",
    "/api/content/articles/?expand=author,reviewer,techniques,services&limit=50",
    "/api/content/techniques/?limit=50",
    "/api/content/profiles/?limit=50",
    "/api/content/locations/?limit=50",
    "/api/content/services/?limit=50&expand=therapists",
    "/api/content/topics/?limit=50",
    "/api/content/topics/probe-topic/?expand=author,reviewer,techniques,services",
    "/api/content/articles/?search=probe",
    "/api/content/techniques/?search=probe",
    "/api/content/profiles/?search=probe",
    "/api/content/services/?search=probe",
    "/api/content/site/",
    "/api/content/booking/services/",
    "/api/v3/pages/?limit=20",
]
LEAK = re.compile(re.escape(MARKER) + r"|leak-(?:" + "|".join(KINDS) + ")", re.IGNORECASE)


@pytest.fixture(scope="session")
def leak_world(shape):
    return json.loads(
        shape.shell("from tests.deploy.leak_fixtures import build\nbuild()").splitlines()[-1]
    )


def test_no_hidden_page_appears_in_any_public_answer(shape, leak_world, record_property):
    answers = shape.many(PUBLIC_PATHS, times=2)
    leaks = [(path, LEAK.findall(r.body)[:3]) for path, r in answers if LEAK.search(r.body)]
    errors = [(path, r.status) for path, r in answers if r.status >= 500]
    record_property("probes", len(answers))
    print(f"{shape.name}: {len(answers)} probes, {len(leaks)} leaks")
    assert errors == []
    assert leaks == []
    # The probe pages themselves are public and show what they may.
    article = dict(answers)["/conditions/probe-article/"]
    assert article.status == 200 and "Probe article" in article.body


def test_hidden_pages_answer_no_content_directly(shape, leak_world):
    for kind in KINDS:
        if kind == "revision":
            continue
        for noun, section in (("technique", "techniques"), ("article", "conditions")):
            html = shape.get(f"/{section}/leak-{kind}-{noun}/")
            assert html.status in (302, 401, 404) or (
                kind == "password" and "LEAK-" not in html.body
            ), (kind, noun, html.status)
            api = shape.get(f"/api/content/pages/by-path/?path=/{section}/leak-{kind}-{noun}/")
            assert api.status == 404, (kind, noun, api.status)
