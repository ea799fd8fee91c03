"""Who can do what, per group (as the data migrations set the groups up).

| action                                 | SEO team | Marketing editors |
| manage topics (create, edit)           | yes      | —                 |
| merge or delete topics                 | yes      | no                |
| see and edit SEO fields                | yes      | no                |
| read SEO reports                       | yes      | no                |
| publish search fields on their own     | yes      | no                |
| publish page (body) changes            | no       | (their workflow)  |
| delete live pages                      | no       | (their workflow)  |
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from articles.models import ConditionArticlePage, TopicTag
from author_profiles.models import ProfileIndexPage
from spa_site.seo.reports import SeoReport

MARKETING_EDITOR_BASELINE = [
    ("wagtailadmin", "access_admin"),
    ("articles", "add_topictag"),
    ("articles", "change_topictag"),
    ("articles", "view_topictag"),
]


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def seo_user(django_user_model, db):
    return member_of(django_user_model, "SEO team", "seo")


@pytest.fixture
def marketing_user(django_user_model, db):
    """A marketing editor: whatever the editorial migration grants, plus the admin access
    and topic editing an editor needs to tag articles (so the refusals below are real)."""
    group = Group.objects.get(name="Marketing editors")
    for app_label, codename in MARKETING_EDITOR_BASELINE:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return member_of(django_user_model, "Marketing editors", "marketing")


def refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def login(client, user):
    client.force_login(user)
    return client


def bulk_url(action, *tags):
    url = reverse("wagtail_bulk_action", args=("articles", "topictag", action))
    return url + "?" + "&".join(f"id={tag.pk}" for tag in tags)


def team_index_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text(page.intro),
        "summary": page.summary,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "canonical_url": page.canonical_url,
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


# SEO team ---------------------------------------------------------------------


def test_seo_team_manages_topics(client, seo_user, demo_site):
    login(client, seo_user)
    assert client.get(reverse("wagtailsnippets_articles_topictag:list")).status_code == 200
    created = client.post(
        reverse("wagtailsnippets_articles_topictag:add"),
        {"name": "Neck pain", "slug": "", "intro": rich_text("")},
    )
    assert created.status_code == 302
    neck, back = TopicTag.objects.get(slug="neck-pain"), TopicTag.objects.get(slug="back-pain")
    merged = client.post(bulk_url("merge", back, neck), {"target": back.pk})
    assert merged.status_code == 302
    assert not TopicTag.objects.filter(slug="neck-pain").exists()
    deleted = client.post(reverse("wagtailsnippets_articles_topictag:delete", args=(back.pk,)))
    assert deleted.status_code == 302
    assert not TopicTag.objects.filter(slug="back-pain").exists()


def test_seo_team_reads_the_reports(client, seo_user, demo_site):
    login(client, seo_user)
    for report in SeoReport.registry:
        assert client.get(reverse(f"seo_reports:{report.slug}")).status_code == 200, report.slug
    assert "SEO reports" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_seo_team_edits_seo_fields_but_cannot_publish_body_changes(client, seo_user, demo_site):
    login(client, seo_user)
    team = ProfileIndexPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=(team.pk,))
    form = client.get(edit_url).content.decode()
    for field in ("seo_title", "search_description", "canonical_url", "noindex"):
        assert f'name="{field}"' in form
    assert reverse("spa_site_publish_seo", args=(team.pk,)) in form  # "Search settings" button
    response = client.post(
        edit_url,
        team_index_form(
            team,
            intro=rich_text("<p>A new introduction.</p>"),
            seo_title="Massage therapists in Long Beach",
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code in (200, 302)
    live = ProfileIndexPage.objects.get(pk=team.pk)
    assert "A new introduction" not in live.intro  # body change not published
    assert live.seo_title == ""
    draft = live.get_latest_revision_as_object()
    assert draft.seo_title == "Massage therapists in Long Beach"  # saved as a draft for review
    assert "A new introduction" in draft.intro


def test_seo_team_can_edit_every_page(seo_user, demo_site):
    # Publishing is allowed for title, slug and search changes only, and deleting is refused
    # by the editorial publish rules (tested below and in tests/editorial/).
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert page.permissions_for_user(seo_user).can_edit()


def test_seo_team_delete_page_view_is_refused(client, seo_user, demo_site):
    login(client, seo_user)
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    response = client.post(reverse("wagtailadmin_pages:delete", args=(article.pk,)))
    assert response.status_code in (302, 403)
    assert ConditionArticlePage.objects.filter(pk=article.pk).exists()


# Marketing editors ---------------------------------------------------------------


def test_marketing_editors_cannot_merge_topics(client, marketing_user, demo_site):
    login(client, marketing_user)
    back, relief = TopicTag.objects.get(slug="back-pain"), TopicTag.objects.get(slug="pain-relief")
    assert refused(client.get(bulk_url("merge", back, relief)))
    assert refused(client.post(bulk_url("merge", back, relief), {"target": relief.pk}))
    assert TopicTag.objects.filter(pk=back.pk).exists()


def test_marketing_editors_cannot_delete_topics(client, marketing_user, demo_site):
    login(client, marketing_user)
    tag = TopicTag.objects.get(slug="back-pain")
    assert not marketing_user.has_perm("articles.delete_topictag")
    assert refused(client.post(reverse("wagtailsnippets_articles_topictag:delete", args=(tag.pk,))))
    client.post(bulk_url("delete", tag))
    assert TopicTag.objects.filter(pk=tag.pk).exists()


def test_marketing_editors_can_still_edit_topics(client, marketing_user, demo_site):
    login(client, marketing_user)
    tag = TopicTag.objects.get(slug="back-pain")
    response = client.get(reverse("wagtailsnippets_articles_topictag:edit", args=(tag.pk,)))
    assert response.status_code == 200


def test_marketing_editors_see_neither_seo_fields_nor_reports(client, marketing_user, demo_site):
    login(client, marketing_user)
    for report in SeoReport.registry:
        assert refused(client.get(reverse(f"seo_reports:{report.slug}")))
    form_class = ProfileIndexPage.get_edit_handler().get_form_class()
    fields = form_class(instance=ProfileIndexPage.objects.get(), for_user=marketing_user).fields
    assert "seo_title" not in fields and "noindex" not in fields
    assert "summary" in fields


def test_seo_team_group_is_created_by_the_migration(demo_site):
    group = Group.objects.get(name="SEO team")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"edit_seo_fields", "view_seo_reports", "delete_topictag", "access_admin"} <= codenames
    assert not group.page_permissions.filter(
        permission__codename__in=["delete_page", "bulk_delete_page"]
    ).exists()


def test_seo_team_publishes_search_fields_alone_and_drafts_keep_them(client, seo_user, demo_site):
    login(client, seo_user)
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.subtitle = "Pending body change"
    article.save_revision()  # an editor's draft, waiting for medical review
    url = reverse("spa_site_publish_seo", args=(article.pk,))
    assert 'name="seo_title"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "seo_title": "Back spasm relief in Long Beach",
            "search_description": "What helps a back spasm.",
            "canonical_url": "",
        },
    )
    assert response.status_code == 302
    live = ConditionArticlePage.objects.get(pk=article.pk)
    assert live.seo_title == "Back spasm relief in Long Beach"  # live at once
    assert live.subtitle != "Pending body change"  # the body change is still not published
    assert live.has_unpublished_changes
    draft = live.get_latest_revision_as_object()
    assert draft.subtitle == "Pending body change"
    assert draft.seo_title == "Back spasm relief in Long Beach"
    title = client.get("/conditions/back-spasm/").content.decode()
    assert "<title>Back spasm relief in Long Beach</title>" in title


def test_marketing_editors_cannot_publish_search_fields(client, marketing_user, demo_site):
    login(client, marketing_user)
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    response = client.post(reverse("spa_site_publish_seo", args=(article.pk,)), {"seo_title": "x"})
    assert refused(response)
    assert ConditionArticlePage.objects.get(pk=article.pk).seo_title == ""
