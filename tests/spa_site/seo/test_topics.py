"""Tag governance: usage, case-insensitive names, rename and merge with redirects, deletion."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.test.utils.form_data import rich_text

from articles import topics
from articles.models import (
    ConditionArticlePage,
    TaggedArticle,
    TaggedTechnique,
    TechniquePage,
    TopicTag,
)


def topic_url(slug):
    return f"/conditions/topics/{slug}/"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def bulk_url(action, *tags):
    url = reverse("wagtail_bulk_action", args=("articles", "topictag", action))
    return url + "?" + "&".join(f"id={tag.pk}" for tag in tags)


def test_listing_shows_usage_counts_and_search_status(admin_client, demo_site):
    response = admin_client.get(reverse("wagtailsnippets_articles_topictag:list"))
    assert response.status_code == 200
    rows = {tag.name: tag for tag in response.context["object_list"]}
    assert rows["Muscle spasms"].usage_count == 6  # 2 articles + 4 techniques
    assert rows["Muscle spasms"].indexed is True
    assert rows["Back pain"].usage_count == 1
    assert rows["Back pain"].indexed is False  # fewer than 3 live items: thin


def test_listing_search(admin_client, demo_site):
    response = admin_client.get(reverse("wagtailsnippets_articles_topictag:list"), {"q": "pain"})
    names = {tag.name for tag in response.context["object_list"]}
    assert names == {"Back pain", "Pain relief"}


def test_typing_a_tag_in_another_case_reuses_it(demo_site):
    page = ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms")
    before = TopicTag.objects.count()
    page.tags.add("BACK PAIN")
    page.save()
    assert TopicTag.objects.count() == before
    assert TaggedArticle.objects.filter(content_object=page, tag__slug="back-pain").exists()


def test_admin_refuses_a_name_that_differs_only_in_case(admin_client, demo_site):
    response = admin_client.post(
        reverse("wagtailsnippets_articles_topictag:add"), {"name": "back PAIN", "slug": ""}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert TopicTag.objects.filter(name__iexact="back pain").count() == 1


def test_rename_moves_the_topic_page_and_redirects_the_old_url(admin_client, demo_site):
    tag = TopicTag.objects.get(slug="back-pain")
    response = admin_client.post(
        reverse("wagtailsnippets_articles_topictag:edit", args=(tag.pk,)),
        {
            "name": "Lower back pain",
            "slug": "back-pain",
            "search_description": "",
            "intro": rich_text(""),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    tag.refresh_from_db()
    assert tag.slug == "lower-back-pain"
    assert admin_client.get(topic_url("lower-back-pain")).status_code == 200
    old = admin_client.get(topic_url("back-pain"))
    assert old.status_code == 301
    assert old["Location"].endswith(topic_url("lower-back-pain"))


def test_merge_moves_every_tagged_item_and_leaves_a_redirect(admin_client, demo_site):
    target = TopicTag.objects.get(slug="pain-relief")
    source = TopicTag.objects.get(slug="back-pain")
    extra = TopicTag.objects.create(name="Pain Relief!", slug="pain-relief-2")
    technique = TechniquePage.objects.get(slug="swedish-massage")
    technique.tags.add(extra)
    technique.save()
    articles_before = set(
        TaggedArticle.objects.filter(tag__in=[target, source]).values_list(
            "content_object", flat=True
        )
    )
    techniques_before = set(
        TaggedTechnique.objects.filter(tag__in=[target, extra]).values_list(
            "content_object", flat=True
        )
    )

    confirm = admin_client.get(bulk_url("merge", target, source, extra))
    assert confirm.status_code == 200
    assert "Back Spasm" in confirm.content.decode()  # affected items are listed

    response = admin_client.post(bulk_url("merge", target, source, extra), {"target": target.pk})
    assert response.status_code == 302
    assert not TopicTag.objects.filter(pk__in=[source.pk, extra.pk]).exists()
    assert (
        set(TaggedArticle.objects.filter(tag=target).values_list("content_object", flat=True))
        == articles_before
    )
    assert (
        set(TaggedTechnique.objects.filter(tag=target).values_list("content_object", flat=True))
        == techniques_before
    )
    # no duplicates when an item had both tags
    assert TaggedTechnique.objects.filter(tag=target, content_object=technique).count() == 1
    for slug in ("back-pain", "pain-relief-2"):
        redirect = admin_client.get(topic_url(slug))
        assert redirect.status_code == 301
        assert redirect["Location"].endswith(topic_url("pain-relief"))
    assert Redirect.objects.filter(old_path=topic_url("back-pain").rstrip("/")).exists()


def test_merge_updates_drafts_so_publishing_them_does_not_restore_the_old_tag(demo_site):
    target = TopicTag.objects.get(slug="pain-relief")
    source = TopicTag.objects.get(slug="back-pain")
    page = ConditionArticlePage.objects.get(slug="back-spasm")
    page.subtitle = "Draft change"
    page.save_revision()
    topics.merge_topics(target, [source])
    page.refresh_from_db()
    page.get_latest_revision().publish()
    tags = set(ConditionArticlePage.objects.get(pk=page.pk).tags.values_list("slug", flat=True))
    assert "back-pain" not in tags
    assert "pain-relief" in tags


def test_merge_needs_two_topics(admin_client, demo_site):
    tag = TopicTag.objects.get(slug="back-pain")
    response = admin_client.post(bulk_url("merge", tag), {"target": tag.pk})
    assert response.status_code == 200
    assert "at least two" in response.content.decode()
    assert TopicTag.objects.filter(pk=tag.pk).exists()


def test_delete_confirmation_lists_affected_items(admin_client, demo_site):
    tag = TopicTag.objects.get(slug="relaxation")
    response = admin_client.get(reverse("wagtailsnippets_articles_topictag:delete", args=(tag.pk,)))
    content = response.content.decode()
    assert "Back Spasm" in content and "Swedish Massage" in content
    bulk = admin_client.get(bulk_url("delete", tag))
    assert "Swedish Massage" in bulk.content.decode()
    admin_client.post(reverse("wagtailsnippets_articles_topictag:delete", args=(tag.pk,)))
    assert not TopicTag.objects.filter(pk=tag.pk).exists()


def test_duplicate_groups_find_case_variants(demo_site):
    TopicTag.objects.create(name="MUSCLE SPASMS", slug="muscle-spasms-2")
    groups = topics.duplicate_groups()
    assert [sorted(t.slug for t in group) for group in groups] == [
        ["muscle-spasms", "muscle-spasms-2"]
    ]
