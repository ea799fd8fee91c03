"""The demo loader builds the site from the seed articles, idempotently, and says only what they say."""

import html
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.test import override_settings

from articles.models import ConditionArticlePage, TechniquePage, TopicTag, heading_key
from author_profiles.models import ProfilePage
from demo_content.source import DEFAULT_SOURCE
from services.models import Service
from spa_site.review_claims import review_claim
from tests.demo_content.tables import table_counts

SEEDS = DEFAULT_SOURCE / "seeds"


def seed_outline(name):
    """Section headings and FAQ questions of a seed, found from its layout, not copied here.

    Headings are short lines without closing punctuation; the web export glued some
    headings to the next sentence ("…for you.Understanding Muscle SpasmsMuscle…"),
    so a lowercase letter or full stop directly followed by a capital starts a new line.
    """
    text = re.sub(r"(?<=[a-z.])(?=[A-Z])", "\n", (SEEDS / name).read_text(encoding="utf-8"))
    headings, questions = [], []
    for line in (raw.strip() for raw in text.splitlines()):
        if match := re.match(r"^\d+\.\s+(.*\?)$", line):
            questions.append(match.group(1))
        elif (
            line
            and len(line) < 130
            and not re.search(r"[.:,!\"”]$", line)
            and not line.startswith(("•", "Post a Comment"))
            and not re.match(r"^\d+\.", line)
        ):
            headings.append(line)
    return headings, questions


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(html.unescape(response.content.decode()).split())


def test_second_run_changes_nothing_and_says_so(demo_site):
    before = table_counts()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert table_counts() == before
    assert "nothing changed" in out.getvalue()
    assert (
        before["pages"] == 1 + 1 + 4 + 2 + 4 + 1 + 2 + 1
    )  # root, home, indexes, articles, techniques, people, locations (one is sample data),
    # and the Spanish home page (a draft: docs/i18n.md)


@pytest.mark.parametrize(
    ("seed", "url"),
    [
        ("back-spasm.txt", "/conditions/back-spasm/"),
        ("massage-for-muscle-spasms.txt", "/conditions/massage-for-muscle-spasms/"),
    ],
)
def test_every_seed_heading_and_question_is_on_the_page(client, demo_site, seed, url):
    """Every heading and question, or (for a seed section about one technique, which the guide
    repeats under several headings) a link to that technique's page, which holds its text. The
    guide's "title - subtitle" heading is the page's SEO title (cut to 60 characters at the
    dash) and its subtitle."""
    headings, questions = seed_outline(seed)
    assert len(headings) >= 8  # the outline parser found the structure
    text = page_text(client, url)
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    linked = {a.get_text(strip=True).casefold(): a["href"] for a in soup.select("main a[href]")}
    techniques = {t.title.casefold(): t.url for t in TechniquePage.objects.live()}

    def represented(heading):
        if " ".join(heading.split()) in text:
            return True
        if " - " in heading:
            return all(represented(part) for part in heading.split(" - "))
        named = [t for t in techniques if heading.casefold().startswith(t)]
        return any(linked.get(t) == techniques[t] for t in named)

    missing = [h for h in headings + questions if not represented(h)]
    assert missing == []


def test_the_muscle_spasm_guide_has_its_five_faq_answers(client, demo_site):
    _, questions = seed_outline("massage-for-muscle-spasms.txt")
    assert len(questions) == 5
    soup = BeautifulSoup(
        client.get("/conditions/massage-for-muscle-spasms/").content, "html.parser"
    )
    summaries = [d.summary.get_text(strip=True) for d in soup.select("details.faq")]
    assert summaries == questions
    assert all(
        d.get_text(strip=True) != d.summary.get_text(strip=True) for d in soup.select("details.faq")
    )


def test_article_links_to_author_reviewer_techniques_services_and_topics(client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    hrefs = {a["href"] for a in soup.select("main a[href]")}
    assert article.author.url in hrefs
    techniques = [link.technique for link in article.recommended_techniques.all()]
    assert len(techniques) == 4
    assert {t.url for t in techniques} <= hrefs
    services = [link.service for link in article.related_services.all()]
    assert services
    for service in services:  # the Book links name the article (attribution)
        assert f"/book/?service={service.slug}&from={article.pk}" in hrefs
    tags = list(article.tags.all())
    assert tags
    for tag in tags:
        assert f"/conditions/topics/{tag.slug}/" in hrefs
        assert client.get(f"/conditions/topics/{tag.slug}/").status_code == 200


def test_demo_pages_answer_at_their_documented_urls(client, demo_site):
    for url in ["/", "/conditions/back-spasm/", "/team/mara-swick/", "/locations/long-beach/"]:
        assert client.get(url).status_code == 200, url
    for slug in [
        "swedish-massage",
        "deep-tissue-massage",
        "trigger-point-therapy",
        "myofascial-release",
    ]:
        assert client.get(f"/techniques/{slug}/").status_code == 200, slug


def test_the_demo_claims_no_medical_review_nobody_made(client, demo_site):
    pages = [*ConditionArticlePage.objects.all(), *TechniquePage.objects.all()]
    for page in pages:
        assert review_claim(page) is None, page
        text = page_text(client, page.url)
        assert "Medically reviewed by" not in text, page
        assert "has not been medically reviewed yet" in text, page
    assert set(ConditionArticlePage.objects.values_list("medical_reviewer", "last_reviewed")) == {
        (None, None)
    }
    assert list(ProfilePage.objects.values_list("title", flat=True)) == ["Mara Swick"]
    assert "reviewer" not in page_text(client, "/team/").casefold()


def test_every_demo_title_and_description_is_within_the_guidance(demo_site):
    with override_settings(DEBUG=True):
        call_command("create_demo_accounts", stdout=StringIO())  # its profile is a page too
    out = StringIO()
    call_command("seo_lengths", stdout=out)
    print(out.getvalue())  # noqa: T201 - the lengths, for the record (pytest -s)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "Every title and description is within the guidance."
    assert sum("/conditions/topics/" in line for line in lines) == TopicTag.objects.count() == 6
    assert any(line.endswith("/team/demo-reviewer/") for line in lines)


def test_seo_lengths_fails_on_a_title_over_60_characters(demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.seo_title = "Back spasm: causes, first aid, massage and when to see a doctor"
    article.save_revision().publish()
    out = StringIO()
    with pytest.raises(CommandError, match="1 page"):
        call_command("seo_lengths", stdout=out)
    assert "/conditions/back-spasm/  (title over 60)" in out.getvalue()


def test_tables_of_contents_list_each_section_once(demo_site):
    for article in ConditionArticlePage.objects.all():
        keys = [heading_key(heading) for _, _, heading in article.table_of_contents]
        assert len(keys) == len(set(keys)), article
        anchors = {anchor for _, anchor, _, _ in article.heading_anchors}
        assert {anchor for _, anchor, _ in article.table_of_contents} <= anchors
    guide = ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms")
    headings = [heading for _, _, heading in guide.table_of_contents]
    assert [h for h in headings if "benefits" in h.casefold()] == [
        "Benefits of Massage for Muscle Spasms"
    ]
    assert len(headings) == 12
    assert "Book a massage for muscle spasms" not in headings  # calls to action are not sections


def test_invented_facts_are_flagged_as_sample_data(demo_site):
    from services.models import LocationPage

    assert LocationPage.objects.get(slug="long-beach").contains_sample_data
    assert all(Service.objects.values_list("contains_sample_data", flat=True))
