"""The medical review step makes the reviewer face the health-claims check, and a page claims a
review only when a recorded approval stands behind the content it shows."""

import json

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.rich_text import RichText

from articles.models import ConditionArticlePage
from editorial.models import MedicalReview, MedicalReviewTaskState, ReviewerProfile
from spa_site.review_claims import review_claim

from .forms import article_form
from .test_review_workflow import edit_url, live, submit_article

CLAIM = (("Relief", "Massage is a guaranteed cure for back spasms."),)
FIXED = (("Relief", "Massage may ease back spasms. It treats tight shoulders too."),)
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def task_state_of(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def action_url(page, action, name="workflow_action"):
    return reverse(f"wagtailadmin_pages:{name}", args=[page.pk, action, task_state_of(page).pk])


def modal(client, page, action):
    """The action's modal as the browser gets it (HTML inside Wagtail's modal JSON)."""
    response = client.get(action_url(page, action), **XHR)
    assert response.status_code == 200
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


def finding_fields(soup):
    return [field["name"] for field in soup.select("[name^=finding_]")]


def post_action(client, page, action, data, **extra):
    return client.post(
        action_url(page, action), {"task_state": task_state_of(page).pk, **data}, **extra
    )


def test_approve_lists_each_finding_and_refuses_until_each_is_resolved(site, users, login):
    article = site["article"]
    submit_article(login(users["editor"]), article, CLAIM)
    reviewer = login(users["reviewer"])

    soup = modal(reviewer, article, "approve")
    text = soup.get_text(" ", strip=True)
    assert "1 sentence to resolve" in text
    assert "Massage is a guaranteed cure for back spasms." in text
    assert "“guaranteed”, “cure”" in text
    assert "Medically reviewed by Dr Ada Reviewer on" in text
    [field] = finding_fields(soup)

    response = post_action(reviewer, article, "approve", {field: "  "}, **XHR)
    assert "Accept this finding with a note" in json.loads(response.content)["html"]
    assert live(article).workflow_in_progress
    assert "guaranteed" not in str(live(article).body)

    # Without the form (a hand-made request), the task refuses too: nothing is approved.
    response = reviewer.post(action_url(article, "approve"), {"comment": "fine"}, **XHR)
    assert response.status_code == 403
    assert live(article).workflow_in_progress and not MedicalReview.objects.exists()

    note = "Quoted from a client testimonial; kept for context."
    assert post_action(reviewer, article, "approve", {field: note}).status_code == 302
    article = live(article)
    assert "guaranteed cure" in str(article.body)
    [review] = MedicalReview.objects.filter(page=article)
    assert [(r["phrases"], r["decision"], r["note"]) for r in review.resolutions] == [
        (["guaranteed", "cure"], "accepted", note)
    ]
    state = MedicalReviewTaskState.objects.get(pk=review.task_state_id)
    assert state.status == "approved" and state.resolutions == review.resolutions
    history = login(users["admin"]).get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert note in history.content.decode()


def test_request_changes_sends_the_findings_to_the_editor(site, users, login):
    article = site["article"]
    submit_article(login(users["editor"]), article, CLAIM)
    reviewer = login(users["reviewer"])
    soup = modal(reviewer, article, "reject")
    [field] = finding_fields(soup)
    assert soup.find("input", attrs={"name": field}).has_attr("checked")

    # Neither a ticked finding nor a comment: the reviewer is asked to say what to change.
    response = post_action(reviewer, article, "reject", {"comment": ""}, **XHR)
    assert "Say what needs changing" in json.loads(response.content)["html"]

    post_action(reviewer, article, "reject", {field: "on", "comment": "Too strong."})
    state = Page.objects.get(pk=article.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [r["decision"] for r in state.current_task_state.specific.resolutions] == [
        "change_requested"
    ]
    page = login(users["editor"]).get(edit_url(article))
    messages = [str(m) for m in page.context["messages"]]
    assert any("Too strong." in m for m in messages)
    assert any(
        "“guaranteed”, “cure”" in m and "Massage is a guaranteed cure" in m for m in messages
    )
    rejected = PageLogEntry.objects.get(page=article, action="wagtail.workflow.reject")
    assert "Massage is a guaranteed cure" in rejected.comment


def test_the_review_tab_shows_the_findings_to_the_editor(site, users, login):
    article = site["article"]
    editor = login(users["editor"])
    editor.post(edit_url(article), article_form(article, CLAIM))  # a draft
    html = editor.get(edit_url(article)).content.decode()
    assert "the medical reviewer must resolve before approving" in html
    assert "Massage is a guaranteed cure for back spasms." in html


def test_reviewer_fields_are_not_in_the_editor_and_cannot_be_posted(site, users, login):
    article = site["article"]
    reviewer = login(users["reviewer"])
    html = reviewer.get(edit_url(article)).content.decode()
    assert 'name="medical_reviewer"' not in html and 'name="last_reviewed"' not in html
    data = article_form(
        article,
        medical_reviewer=site["reviewer_profile"].pk,
        last_reviewed="2026-01-01",
    )
    login(users["editor"]).post(edit_url(article), data)
    draft = ConditionArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.medical_reviewer_id is None and draft.last_reviewed is None


def approve(login, users, article, sections):
    submit_article(login(users["editor"]), article, sections)
    assert post_action(login(users["reviewer"]), article, "approve", {}).status_code == 302
    return live(article)


def public_html(client, page):
    client.logout()
    return client.get(page.url).content.decode()


def jsonld_webpage(html):
    soup = BeautifulSoup(html, "html.parser")
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    return next(node for node in graph if node["@type"] == "MedicalWebPage")


def test_the_claim_belongs_to_the_reviewed_content_only(site, users, login, client):
    article = site["article"]
    html = public_html(client, article)
    assert "This article has not been medically reviewed yet." in html
    assert "reviewedBy" not in jsonld_webpage(html) and "lastReviewed" not in jsonld_webpage(html)
    assert review_claim(article) is None

    article = approve(login, users, article, (("Causes", "Overuse and cold."),))
    today = timezone.localdate()
    html = public_html(client, article)
    assert 'Medically reviewed by <a href="/team/ada-reviewer/">Dr Ada Reviewer</a> on' in html
    webpage = jsonld_webpage(html)
    assert webpage["lastReviewed"] == today.isoformat()
    assert webpage["reviewedBy"]["@id"].endswith("/team/ada-reviewer/#person")
    api = client.get(f"/api/content/articles/{article.slug}/").json()
    assert (api["reviewer"]["title"], api["last_reviewed"]) == ("Dr Ada Reviewer", str(today))

    # A body edit after approval: the draft makes no claim; the live page keeps its own.
    editor = login(users["editor"])
    editor.post(edit_url(article), article_form(article, (("Causes", "Overuse, cold, stress."),)))
    draft = ConditionArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert review_claim(draft) is None and review_claim(live(article)) is not None
    preview = editor.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert "This article has not been medically reviewed yet." in preview.content.decode()
    assert "reviewedBy" not in jsonld_webpage(preview.content.decode())

    # A title change is not a body change: the claim stays.
    title_only = article_form(article, (("Causes", "Overuse and cold."),), title="Back spasms")
    login(users["admin"]).post(edit_url(article), {**title_only, "action-publish": "1"})
    assert live(article).title == "Back spasms"
    assert review_claim(live(article)).reviewer == site["reviewer_profile"]


def test_publishing_unreviewed_content_by_any_route_clears_the_stamp(site, users, login, client):
    article = approve(login, users, site["article"], (("Causes", "Overuse and cold."),))
    assert article.medical_reviewer == site["reviewer_profile"]
    # A script (not the admin) publishes a body nobody approved.
    article.body = [("section", {"heading": "Causes", "body": RichText("<p>Cures all.</p>")})]
    article.save_revision().publish()
    article = live(article)
    assert (article.medical_reviewer, article.last_reviewed) == (None, None)
    assert "This article has not been medically reviewed yet." in public_html(client, article)
    api = client.get(f"/api/content/articles/{article.slug}/").json()
    assert (api["reviewer"], api["last_reviewed"]) == (None, None)


def test_only_a_linked_reviewer_can_approve(site, users, login):
    article = site["article"]
    submit_article(login(users["editor"]), article)
    ReviewerProfile.objects.filter(user=users["reviewer"]).delete()
    reviewer = login(users["reviewer"])
    text = modal(reviewer, article, "approve").get_text(" ", strip=True)
    assert "You cannot approve yet" in text and "Settings › Reviewer profiles" in text
    assert post_action(reviewer, article, "approve", {}, **XHR).status_code == 403
    # A superuser outside the reviewers' group may send it back but not approve.
    admin = login(users["admin"])
    assert admin.get(action_url(article, "approve"), **XHR).status_code == 403
    assert live(article).workflow_in_progress and not MedicalReview.objects.exists()
    assert post_action(admin, article, "reject", {"comment": "Not yet."}).status_code == 302


def test_approving_from_the_editor_carries_the_resolutions(site, users, login):
    """The editor's footer collects the modal's data, then posts the edit form with it."""
    article = site["article"]
    submit_article(login(users["editor"]), article, CLAIM)
    reviewer = login(users["reviewer"])
    url = action_url(article, "approve", name="collect_workflow_action_data")
    [field] = finding_fields(
        BeautifulSoup(json.loads(reviewer.get(url, **XHR).content)["html"], "html.parser")
    )
    response = reviewer.post(
        url, {"task_state": task_state_of(article).pk, field: "Figure of speech."}, **XHR
    )
    cleaned = json.loads(response.content)["cleaned_data"]
    assert [r["note"] for r in cleaned["resolutions"]] == ["Figure of speech."]
    form = article_form(article, CLAIM)
    form.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps(cleaned),
        }
    )
    assert reviewer.post(edit_url(article), form).status_code == 302
    article = live(article)
    assert "guaranteed cure" in str(article.body)
    assert MedicalReview.objects.get(page=article).resolutions[0]["note"] == "Figure of speech."
