"""Submit → request changes / approve → published with a stamp; re-review after a body edit."""

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, WorkflowState

from articles.models import ConditionArticlePage, TechniquePage
from editorial.models import MedicalReview, ReviewerProfile

from .forms import article_form, location_form, technique_form

NEW_BODY = (("Causes", "Overuse, stress and dehydration."),)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action(client, page, action, comment=""):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


def live(page):
    return type(page).objects.get(pk=page.pk)


def submit_article(client, article, sections=NEW_BODY, **fields):
    response = client.post(edit_url(article), article_form(article, sections, "submit", **fields))
    assert response.status_code == 302, response.content.decode()[:3000]


def approve_article_change(login, users, article, sections=NEW_BODY):
    submit_article(login(users["editor"]), article, sections)
    assert workflow_action(login(users["reviewer"]), article, "approve").status_code == 302


def test_approval_stamps_reviewer_and_date_and_publishes(site, users, login, client):
    article = site["article"]
    submit_article(login(users["editor"]), article)
    state = Page.objects.get(pk=article.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "dehydration" not in client.get(article.url).content.decode()

    response = workflow_action(login(users["reviewer"]), article, "approve")

    assert response.status_code == 302
    article = live(article)
    assert article.medical_reviewer == site["reviewer_profile"]
    assert article.last_reviewed == timezone.localdate()
    assert "dehydration" in str(article.body)
    review = MedicalReview.objects.get(page=article)
    assert review.reviewer == users["reviewer"]
    client.logout()
    html = client.get(article.url).content.decode()
    assert "Medically reviewed by" in html and "Dr Ada Reviewer" in html
    assert timezone.localdate().strftime("%B") in html


def test_history_shows_who_submitted_approved_and_published(site, users, login):
    article = site["article"]
    approve_article_change(login, users, article)
    entries = {
        (entry.action, entry.user.username)
        for entry in PageLogEntry.objects.filter(page=article).select_related("user")
        if entry.user
    }
    assert ("wagtail.workflow.start", "editor") in entries
    assert ("wagtail.workflow.approve", "reviewer") in entries
    assert ("wagtail.publish", "reviewer") in entries
    assert ("editorial.review_stamp", "reviewer") in entries
    history = login(users["admin"]).get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "Medical review stamped on the page" in history.content.decode()


def test_request_changes_with_comment_then_resubmit_and_approve(site, users, login):
    article = site["article"]
    editor = login(users["editor"])
    submit_article(editor, article)
    reviewer = login(users["reviewer"])
    assert workflow_action(reviewer, article, "reject", "Please cite a source.").status_code == 302
    state = Page.objects.get(pk=article.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    editor = login(users["editor"])
    editor_page = editor.get(edit_url(article)).content.decode()
    assert "Please cite a source." in editor_page
    submit_article(editor, article, NEW_BODY + (("Sources", "A review in a journal."),))
    assert (
        Page.objects.get(pk=article.pk).current_workflow_state.status
        == WorkflowState.STATUS_IN_PROGRESS
    )

    assert workflow_action(login(users["reviewer"]), article, "approve").status_code == 302
    assert "A review in a journal." in str(live(article).body)


def test_body_edit_after_approval_needs_a_new_review_even_for_a_superuser(site, users, login):
    article = site["article"]
    approve_article_change(login, users, article)
    admin = login(users["admin"])

    changed = (("Causes", "Overuse, stress, dehydration and cold."),)
    response = admin.post(edit_url(article), article_form(article, changed, "publish"))

    assert response.status_code == 302
    assert "cold" not in str(live(article).body)
    assert "cold" in str(live(article).get_latest_revision_as_object().body)
    messages = [str(m) for m in admin.get(edit_url(article)).context["messages"]]
    assert any("Submit to Medical review" in m for m in messages)

    submit_article(admin, article, changed)
    assert workflow_action(login(users["reviewer"]), article, "approve").status_code == 302
    assert "cold" in str(live(article).body)
    assert MedicalReview.objects.filter(page=article).count() == 2


def test_seo_team_publishes_search_settings_but_not_the_body(site, users, login):
    article = site["article"]
    seo = login(users["seo"])

    response = seo.post(
        edit_url(article), article_form(article, action="publish", seo_title="Back spasm relief")
    )
    assert response.status_code == 302
    assert live(article).seo_title == "Back spasm relief"

    response = seo.post(edit_url(article), article_form(article, NEW_BODY, "publish"))
    assert response.status_code == 302
    assert "dehydration" not in str(live(article).body)

    location = site["location"]
    seo.post(edit_url(location), location_form(location, "Now open Sundays.", "publish"))
    assert "Sundays" not in live(location).description
    seo.post(edit_url(location), location_form(location, action="publish", seo_title="Spa"))
    assert live(location).seo_title == "Spa"


def test_marketing_editor_publishes_locations_but_techniques_need_review(site, users, login):
    editor = login(users["editor"])
    location = site["location"]
    editor.post(edit_url(location), location_form(location, "Now open Sundays.", "publish"))
    assert "Sundays" in live(location).description

    technique = site["technique"]
    editor.post(
        edit_url(technique), technique_form(technique, "Cures everything.", action="publish")
    )
    assert "Cures" not in live(technique).how_it_works
    # A change outside the reviewed body (the card summary) publishes straight away. (Search
    # fields belong to the SEO team: marketing editors do not see them.)
    editor.post(edit_url(technique), technique_form(technique, action="publish", summary="TPT"))
    assert live(technique).summary == "TPT"

    editor.post(edit_url(technique), technique_form(technique, "Presses on knots.", "submit"))
    assert workflow_action(login(users["reviewer"]), technique, "approve").status_code == 302
    technique = TechniquePage.objects.get(pk=technique.pk)
    assert "knots" in technique.how_it_works
    review = technique.medical_reviews.get()
    assert review.reviewer_profile == site["reviewer_profile"]
    review_tab = login(users["editor"]).get(edit_url(technique)).content.decode()
    assert "Medically reviewed" in review_tab and "Dr Ada Reviewer" in review_tab
    public = login(users["front_desk"]).get(technique.url).content.decode()
    assert "Medically reviewed by" in public and "Dr Ada Reviewer" in public


def test_medical_reviewer_cannot_publish_on_their_own(site, users, login):
    article = site["article"]
    reviewer = login(users["reviewer"])
    reviewer.post(edit_url(article), article_form(article, NEW_BODY, "publish"))
    assert "dehydration" not in str(live(article).body)


def test_reviewer_without_a_profile_link_can_only_request_changes(site, users, login):
    ReviewerProfile.objects.filter(user=users["reviewer"]).delete()
    article = site["article"]
    submit_article(login(users["editor"]), article)
    reviewer = login(users["reviewer"])

    workflow_action(reviewer, article, "approve")
    assert "dehydration" not in str(live(article).body)
    assert live(article).workflow_in_progress
    assert "not linked to a profile" in reviewer.get(reverse("wagtailadmin_home")).content.decode()
    assert workflow_action(reviewer, article, "reject", "Not yet.").status_code == 302


def test_new_article_stays_private_until_approved(site, users, login, client):
    add_url = reverse(
        "wagtailadmin_pages:add",
        args=["articles", "conditionarticlepage", site["articles"].pk],
    )
    draft = ConditionArticlePage(title="Neck Spasm", slug="neck-spasm", condition_name="Neck")
    response = login(users["editor"]).post(add_url, article_form(draft, NEW_BODY, "submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ConditionArticlePage.objects.get(slug="neck-spasm")
    assert article.workflow_in_progress and not article.live
    client.logout()
    assert client.get("/conditions/neck-spasm/").status_code == 404

    assert workflow_action(login(users["reviewer"]), article, "approve").status_code == 302
    client.logout()
    assert client.get("/conditions/neck-spasm/").status_code == 200


def test_new_technique_cannot_be_published_without_review(site, users, login, client):
    """Marketing editors may publish technique pages, but not unreviewed health claims."""
    add_url = reverse(
        "wagtailadmin_pages:add", args=["articles", "techniquepage", site["techniques"].pk]
    )
    draft = TechniquePage(title="Cupping", slug="cupping", pressure_level="gentle")
    login(users["editor"]).post(add_url, technique_form(draft, "Suction cups.", "publish"))
    technique = TechniquePage.objects.get(slug="cupping")
    assert not technique.live
    client.logout()
    assert client.get("/techniques/cupping/").status_code == 404


def test_seo_team_cannot_delete_or_unpublish(site, users, login):
    seo = login(users["seo"])
    location = site["location"]
    seo.post(reverse("wagtailadmin_pages:delete", args=[location.pk]))
    seo.post(reverse("wagtailadmin_pages:unpublish", args=[location.pk]))
    assert live(location).live
    # The footer's action menu drops "Unpublish" for them (the header menu is Wagtail's own).
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[location.pk])
    seo_links = seo.get(edit_url(location)).content.decode().count(unpublish_url)
    editor_links = login(users["editor"]).get(edit_url(location)).content.decode()
    assert seo_links == editor_links.count(unpublish_url) - 1


def test_copies_of_reviewed_pages_are_not_published_unreviewed(site, users, login):
    technique = site["technique"]
    editor = login(users["editor"])
    copy_url = reverse("wagtailadmin_pages:copy", args=[technique.pk])
    form = {
        "new_title": "Trigger Point Therapy (copy)",
        "new_slug": "trigger-point-copy",
        "new_parent_page": site["techniques"].pk,
    }
    response = editor.post(copy_url, {**form, "publish_copies": "on"}, follow=True)
    assert not TechniquePage.objects.filter(slug="trigger-point-copy").exists()
    assert any("needs its own review" in str(m) for m in response.context["messages"])

    editor.post(copy_url, form)
    assert not TechniquePage.objects.get(slug="trigger-point-copy").live


def test_bulk_publish_refuses_an_unreviewed_body_change(site, users, login):
    article = site["article"]
    admin = login(users["admin"])
    admin.post(edit_url(article), article_form(article, NEW_BODY))  # save a draft
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={article.pk}&next=/admin/"
    )
    response = admin.post(url, {"include_descendants": ""})
    assert response.status_code == 302
    assert "dehydration" not in str(live(article).body)
