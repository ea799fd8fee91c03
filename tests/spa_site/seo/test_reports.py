"""SEO reports list the pages they should, and not the others; CSV and XLSX exports work."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from articles.models import ConditionArticlePage, TechniquePage
from author_profiles.models import ProfileIndexPage, ProfilePage
from tests.support.reviews import approve


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.com", "pw"))
    return client


def report(client, slug, **params):
    response = client.get(reverse(f"seo_reports:{slug}"), params)
    assert response.status_code == 200
    return {
        row.page_title if row.page else row.title: row for row in response.context["object_list"]
    }


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_meta_descriptions(admin_client, demo_site):
    assert report(admin_client, "meta-descriptions") == {}  # the demo is within limits
    publish(TechniquePage.objects.get(slug="swedish-massage"), search_description="Too short.")
    publish(
        TechniquePage.objects.get(slug="deep-tissue-massage"),
        search_description="Deep tissue massage uses more pressure. " * 5,
    )
    publish(
        TechniquePage.objects.get(slug="myofascial-release"),
        search_description="Myofascial release eases the connective tissue around tight muscles; "
        "here is what a session feels like.",
    )
    publish(ProfileIndexPage.objects.get(), intro="")
    publish(ProfilePage.objects.get(slug="mara-swick"), noindex=True, bio="", summary="")
    rows = report(admin_client, "meta-descriptions")
    assert rows["Swedish Massage"].problem.startswith("Too short")
    assert rows["Deep Tissue Massage"].problem == "Too long: over 160 characters"
    # No description or introduction: the listing is described ("Our team: …"), too briefly.
    assert rows["Our team"].problem.startswith("Too short")
    assert rows["Our team"].value.startswith("Our team: Mara Swick")
    assert "Myofascial Release" not in rows
    assert "Mara Swick" not in rows  # noindexed pages are not judged
    assert "Back Spasm" not in rows  # its 221-character summary is cut to 155 at a word


def test_long_titles(admin_client, demo_site):
    assert report(admin_client, "long-titles") == {}
    publish(
        TechniquePage.objects.get(slug="swedish-massage"),
        seo_title="Swedish massage in Long Beach: long strokes, kneading and circles",
    )
    rows = report(admin_client, "long-titles")
    assert set(rows) == {"Swedish Massage"}
    assert rows["Swedish Massage"].length == 65


def test_duplicate_titles_and_descriptions(admin_client, demo_site):
    publish(TechniquePage.objects.get(slug="swedish-massage"), seo_title="Massage in Long Beach")
    publish(
        TechniquePage.objects.get(slug="deep-tissue-massage"), seo_title="massage in long beach"
    )
    rows = report(admin_client, "duplicates")
    assert set(rows) == {"Swedish Massage", "Deep Tissue Massage"}
    assert rows["Swedish Massage"].problem == "Same title as Deep Tissue Massage"


def test_images_without_alt_text(admin_client, demo_site):
    no_alt = Image.objects.create(title="IMG_0042.jpg", file=get_test_image_file())
    with_alt = Image.objects.create(
        title="hands", description="Hands easing a back", file=get_test_image_file()
    )
    publish(TechniquePage.objects.get(slug="swedish-massage"), listing_image=no_alt)
    publish(TechniquePage.objects.get(slug="deep-tissue-massage"), listing_image=with_alt)
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    # ImageBlock keeps alt text on the Image instance: one instance per use
    for alt_text, decorative in (("", False), ("A therapist at work", False), ("", True)):
        image = Image.objects.get(pk=no_alt.pk)
        article.body.append(
            ("image", {"image": image, "alt_text": alt_text, "decorative": decorative})
        )
    article.save_revision().publish()
    draft_only = TechniquePage.objects.get(slug="myofascial-release")
    draft_only.listing_image = no_alt
    draft_only.save_revision()  # a draft: not on a live page yet
    response = admin_client.get(reverse("seo_reports:missing-alt-text"))
    rows = [(row.page.title, row.value) for row in response.context["object_list"]]
    assert sorted(rows) == [("Back Spasm", "IMG_0042.jpg"), ("Swedish Massage", "IMG_0042.jpg")]


def test_articles_missing_author_reviewer_or_date(admin_client, demo_site):
    rows = report(admin_client, "missing-review")
    assert rows["Back Spasm"].problem == "Missing medical reviewer, review date"
    assert rows["Massage For Muscle Spasms"].problem == (
        "Missing author, medical reviewer, review date"
    )
    approve(ConditionArticlePage.objects.get(slug="back-spasm"))
    assert "Back Spasm" not in report(admin_client, "missing-review")


def test_reviews_older_than_a_year(admin_client, demo_site):
    approve(ConditionArticlePage.objects.get(slug="back-spasm"), days_ago=400)
    approve(ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms"), days_ago=30)
    rows = report(admin_client, "stale-reviews")
    assert set(rows) == {"Back Spasm"}
    assert rows["Back Spasm"].problem == "Last reviewed 400 days ago"


def test_pages_no_other_page_links_to(admin_client, demo_site):
    # Index pages, topic pages and the home page link to what they list.
    assert report(admin_client, "unlinked-pages") == {}
    team = publish(ProfileIndexPage.objects.get(), show_in_menus=False)
    assert set(report(admin_client, "unlinked-pages")) == {"Our team"}
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.body.append(
        (
            "section",
            {
                "heading": "Meet us",
                "body": f'<p>Meet <a linktype="page" id="{team.pk}">our team</a>.</p>',
            },
        )
    )
    article.save_revision().publish()
    assert report(admin_client, "unlinked-pages") == {}


def test_thin_topics(admin_client, demo_site):
    rows = report(admin_client, "thin-topics")
    assert set(rows) == {"Back pain", "Self-care"}
    assert rows["Back pain"].value == "http://localhost/conditions/topics/back-pain/"


@pytest.mark.parametrize(
    ("export", "content_type"),
    [
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_reports_export(admin_client, demo_site, export, content_type):
    publish(
        ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms"),
        seo_title="Effective Massage Techniques for Alleviating Muscle Spasms - Your Guide",
    )
    response = admin_client.get(reverse("seo_reports:long-titles"), {"export": export})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "csv":
        lines = content.decode().splitlines()
        assert lines[0] == "Page,URL,Type,Problem,Value,Characters"
        assert lines[1].startswith(
            "Massage For Muscle Spasms,http://localhost/conditions/massage-for-muscle-spasms/"
        )
    else:
        assert content[:2] == b"PK"  # a zip container: the XLSX workbook


def test_reports_menu(admin_client, demo_site):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert "SEO reports" in response.content.decode()
