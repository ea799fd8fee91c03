"""The admin editors use: reviews-due report and panel, filterable listings, previews, choosers."""

from django.contrib.contenttypes.models import ContentType
from django.template.loader import get_template
from django.urls import reverse
from wagtail.blocks import StreamBlock

from articles.blocks import ConditionArticleBodyBlock
from articles.models import TechniquePage
from tests.factories import ConditionArticlePageFactory, ProfilePageFactory
from tests.support.reviews import approve

from .conftest import publish

REPORT = reverse("editorial:reviews_due")


def reviewed_recently(article, days=10):
    return approve(article, days_ago=days)


def listing_titles(response):
    return [str(page.title) for page in response.context["object_list"]]


def test_dashboard_panel_lists_pages_due_for_review(site, users, login):
    html = login(users["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "Medical reviews due" in html
    assert "Back Spasm" in html and "Never reviewed" in html
    reviewed_recently(site["article"])
    html = login(users["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "Back Spasm" not in html


def test_report_lists_stale_and_missing_reviews_only(site, users, login):
    reviewed_recently(site["article"], days=400)
    stale_free = publish(
        ConditionArticlePageFactory(parent=site["articles"], title="Neck Spasm", slug="neck")
    )
    reviewed_recently(stale_free, days=30)
    client = login(users["reviewer"])

    response = client.get(REPORT)
    assert response.status_code == 200
    assert listing_titles(response) == ["Trigger Point Therapy", "Back Spasm"]  # never first
    assert "more than 365 days old" in response.content.decode()

    technique_type = ContentType.objects.get_for_model(TechniquePage).pk
    assert listing_titles(client.get(REPORT, {"content_type": technique_type})) == [
        "Trigger Point Therapy"
    ]
    assert listing_titles(client.get(REPORT, {"status": "stale"})) == ["Back Spasm"]


def test_report_age_is_configurable(site, users, login, settings):
    reviewed_recently(site["article"], days=100)
    client = login(users["editor"])
    assert "Back Spasm" not in listing_titles(client.get(REPORT))
    settings.MEDICAL_REVIEW_MAX_AGE_DAYS = 90
    assert "Back Spasm" in listing_titles(client.get(REPORT))


def test_report_exports_csv_and_is_closed_to_front_desk(site, users, login):
    csv = login(users["seo"]).get(REPORT, {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Back Spasm" in text and "Last reviewed" in text
    response = login(users["front_desk"]).get(REPORT)
    assert response.status_code in (302, 403)


def test_report_query_count_does_not_grow_with_pages(
    site, users, login, django_assert_max_num_queries
):
    client = login(users["editor"])
    client.get(REPORT)  # warm caches (content types, site root paths)
    for n in range(12):
        author = site["author"] if n % 2 else site["reviewer_profile"]
        publish(
            ConditionArticlePageFactory(
                parent=site["articles"], title=f"Cramp {n}", slug=f"cramp-{n}", author=author
            )
        )
    with django_assert_max_num_queries(20):
        response = client.get(REPORT)
    assert len(response.context["object_list"]) == 14


def test_explorer_filters_articles_by_author_topic_and_review_state(site, users, login):
    other_author = publish(ProfilePageFactory(parent=site["team"], title="Sam Writer"))
    other = publish(
        ConditionArticlePageFactory(
            parent=site["articles"], title="Neck Spasm", slug="neck", author=other_author
        )
    )
    reviewed_recently(other)
    client = login(users["editor"])
    url = reverse("wagtailadmin_explore", args=[site["articles"].pk])

    assert sorted(listing_titles(client.get(url))) == ["Back Spasm", "Neck Spasm"]
    assert listing_titles(client.get(url, {"author": site["author"].pk})) == ["Back Spasm"]
    assert listing_titles(client.get(url, {"topic": site["topic"].pk})) == ["Back Spasm"]
    assert listing_titles(client.get(url, {"review_state": "never"})) == ["Back Spasm"]
    assert listing_titles(client.get(url, {"review_state": "current"})) == ["Neck Spasm"]
    html = client.get(url).content.decode()
    assert "Medical reviewer" in html and "Mara Swick" in html


def test_whole_tree_filter_by_page_type_and_review_state(site, users, login):
    client = login(users["editor"])
    url = reverse("wagtailadmin_explore", args=[site["home"].pk])
    technique_type = ContentType.objects.get_for_model(TechniquePage).pk
    by_type = listing_titles(client.get(url, {"content_type": technique_type}))
    assert by_type == ["Trigger Point Therapy"]
    due = sorted(listing_titles(client.get(url, {"review_state": "due"})))
    assert due == ["Back Spasm", "Trigger Point Therapy"]


def test_explorer_listing_query_count_does_not_grow(
    site, users, login, django_assert_max_num_queries
):
    """The author/reviewer columns and the filters add no query per row.

    (Measured as a superuser: for other users Wagtail itself checks delete permission per row.)
    """
    client = login(users["admin"])
    url = reverse("wagtailadmin_explore", args=[site["articles"].pk])
    client.get(url)
    for n in range(10):
        publish(
            ConditionArticlePageFactory(
                parent=site["articles"], title=f"Cramp {n}", slug=f"c-{n}", author=site["author"]
            )
        )
    # 30 before Spanish; wagtail-localize's locale switcher and translation links add 5 fixed
    # queries (its per-row buttons are kept out of listings: spa_site/wagtail_hooks.py).
    with django_assert_max_num_queries(35):
        response = client.get(url, {"review_state": "due", "author": site["author"].pk})
    assert len(response.context["object_list"]) == 11


def test_review_fields_are_set_by_approval_only(site, users, login):
    edit = reverse("wagtailadmin_pages:edit", args=[site["article"].pk])
    for role in ("editor", "reviewer", "admin"):
        form = login(users[role]).get(edit).content.decode()
        assert 'name="medical_reviewer"' not in form and 'name="last_reviewed"' not in form
        assert "This version has not been medically reviewed yet." in form  # read-only status
    approve(site["article"], users["reviewer"])
    form = login(users["editor"]).get(edit).content.decode()
    assert "Medically reviewed by <strong>Dr Ada Reviewer</strong>" in form


def test_editor_has_tabs_scheduling_and_the_content_checker(site, users, login):
    client = login(users["editor"])
    for page in (site["article"], site["technique"], site["author"], site["location"]):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert 'data-side-panel-toggle="checks"' in html, page
        assert 'name="go_live_at"' in html and 'name="expire_at"' in html, page
    tabs = {
        site["article"]: ["content", "relations", "promote", "review"],
        site["technique"]: ["content", "relations", "promote", "review"],
        site["author"]: ["content", "credentials", "promote"],
        site["location"]: ["content", "hours", "promote"],
    }
    for page, tab_ids in tabs.items():
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        for tab_id in tab_ids:
            assert f'id="tab-label-{tab_id}"' in html, (page, tab_id)


def test_every_article_block_previews_in_the_block_picker(site, users, login, subtests):
    client = login(users["editor"])
    body = ConditionArticleBodyBlock()
    assert isinstance(body, StreamBlock)
    icons = [block.meta.icon for block in body.child_blocks.values()]
    assert len(set(icons)) == len(icons), "each block gets its own icon in the picker"
    for name, block in body.child_blocks.items():
        with subtests.test(block=name):
            assert block.is_previewable, name
            get_template(f"wagtailadmin/icons/{block.meta.icon}.svg")  # a real Wagtail icon
            assert block.get_description(), name
            response = client.get(
                reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
            )
            assert response.status_code == 200
            assert "css/site.css" in response.content.decode()


def test_choosers_search(site, users, login):
    client = login(users["editor"])
    pages = client.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": "Mara", "page_type": "author_profiles.profilepage"},
    )
    assert pages.status_code == 200 and "Mara Swick" in pages.content.decode()
    services = client.get(
        reverse("wagtailsnippetchoosers_services_service:choose_results"), {"q": "deep"}
    )
    assert services.status_code == 200 and "Deep tissue massage" in services.content.decode()


def test_reviewer_profile_links_are_managed_by_administrators(site, users, login):
    index = reverse("reviewer_profiles:index")
    listing = login(users["admin"]).get(index)
    assert listing.status_code == 200 and "Dr Ada Reviewer" in listing.content.decode()
    assert login(users["editor"]).get(index).status_code in (302, 403)


def test_article_preview_with_new_tags_and_relations_renders(site, users, login):
    """Previewing an unsaved article whose tags and relations live only in the form."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from .forms import article_form

    article = site["article"]
    data = article_form(article, tags="back pain, brand new topic")
    data.update(
        nested_form_data(
            {
                "recommended_techniques": inline_formset([{"technique": site["technique"].pk}]),
                "related_services": inline_formset([{"service": site["service"].pk}]),
            }
        )
    )
    client = login(users["editor"])
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Trigger Point Therapy" in response.content.decode()
