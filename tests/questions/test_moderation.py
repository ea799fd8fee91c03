"""The moderation queue in the admin: who sees it, filters, answering, publishing, bulk
reject, promoting into the FAQ as a draft for medical review, and the asker's address hidden."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from editorial.roles import FRONT_DESK, MARKETING_EDITORS, MEDICAL_REVIEWERS, SEO_TEAM
from questions.models import Question

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_questions_question:list"
EDIT = "wagtailsnippets_questions_question:edit"
PROMOTE = "wagtailsnippets_questions_question:promote"


@pytest.fixture
def staff(django_user_model):
    made = {}
    for name, group in [
        ("editor", MARKETING_EDITORS),
        ("reviewer", MEDICAL_REVIEWERS),
        ("seo", SEO_TEAM),
        ("frontdesk", FRONT_DESK),
    ]:
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        made[name] = user
    return made


@pytest.fixture
def questions(article):
    def make(text, status=Question.Status.NEW, **kwargs):
        return Question.objects.create(
            page=article, question=text, first_name="Pat", status=status, **kwargs
        )

    return {
        "new": make(
            "Is a warm bath good for a spasm?", email="pat@example.com", reply_consent=True
        ),
        "rejected": make("Spam spam spam spam", Question.Status.REJECTED),
    }


def edit_data(question, **overrides):
    data = {
        "question": question.question,
        "first_name": question.first_name,
        "answer": "",
        "answered_by": "",
        "status": question.status,
    }
    data.update(overrides)
    return data


def test_queue_for_editors_and_reviewers_only(client, staff, questions):
    url = reverse(LIST)
    for name in ("editor", "reviewer"):
        client.force_login(staff[name])
        html = client.get(url).content.decode()
        assert "Is a warm bath good for a spasm?" in html, name
    for name in ("seo", "frontdesk"):
        client.force_login(staff[name])
        assert client.get(url).status_code in (302, 403), name


def test_queue_filters_by_status(client, staff, questions):
    client.force_login(staff["editor"])
    html = client.get(reverse(LIST), {"status": "rejected"}).content.decode()
    assert "Spam spam" in html and "warm bath" not in html
    html = client.get(reverse(LIST), {"status": "new"}).content.decode()
    assert "warm bath" in html and "Spam spam" not in html


def test_the_address_is_never_shown_in_the_admin(client, staff, questions):
    client.force_login(staff["editor"])
    question = questions["new"]
    for url in (reverse(LIST), reverse(EDIT, args=[question.pk])):
        html = client.get(url).content.decode()
        assert "pat@example.com" not in html
    assert (
        "publishing sends it once" in client.get(reverse(EDIT, args=[question.pk])).content.decode()
    )


def test_reviewer_answers_and_editor_publishes(client, staff, questions, therapist):
    question = questions["new"]
    client.force_login(staff["reviewer"])
    answer = "A warm bath relaxes many people's muscles. If it hurts more, stop."
    response = client.post(
        reverse(EDIT, args=[question.pk]),
        edit_data(question, answer=answer, answered_by=therapist.pk),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.answered_by == therapist
    client.force_login(staff["editor"])
    response = client.post(
        reverse(EDIT, args=[question.pk]),
        edit_data(question, answer=answer, answered_by=therapist.pk, status="published"),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_published and question.published_at


def test_publishing_a_health_claim_is_refused_with_the_reason(client, staff, questions, therapist):
    question = questions["new"]
    client.force_login(staff["editor"])
    response = client.post(
        reverse(EDIT, args=[question.pk]),
        edit_data(
            question,
            answer="Massage cures back spasms.",
            answered_by=therapist.pk,
            status="published",
        ),
    )
    assert response.status_code == 200
    assert "reads as a health claim" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.NEW


def test_bulk_reject(client, staff, questions, article):
    extra = Question.objects.create(
        page=article, question="Another question here?", first_name="Al"
    )
    client.force_login(staff["editor"])
    url = reverse("wagtail_bulk_action", args=["questions", "question", "reject"])
    ids = [questions["new"].pk, extra.pk]
    confirm = client.get(url, {"id": ids})
    assert confirm.status_code == 200 and "Yes, reject" in confirm.content.decode()
    query = "&".join(f"id={pk}" for pk in ids)
    response = client.post(f"{url}?{query}", {"next": reverse(LIST)})
    assert response.status_code == 302
    assert set(Question.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"rejected"}


def test_promote_makes_a_draft_for_medical_review(client, staff, questions, article, therapist):
    question = questions["new"]
    question.answer = "Many people find warm water soothing.\n\nStop if it hurts."
    question.answered_by = therapist
    question.status = Question.Status.PUBLISHED
    question.save()
    live_body = list(article.body.raw_data)
    client.force_login(staff["editor"])
    assert "Add to the article" in client.get(reverse(EDIT, args=[question.pk])).content.decode()
    assert client.get(reverse(PROMOTE, args=[question.pk])).status_code == 200
    response = client.post(reverse(PROMOTE, args=[question.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert list(article.body.raw_data) == live_body  # nothing published
    assert article.has_unpublished_changes
    draft = article.get_latest_revision_as_object()
    faq = next(block for block in draft.body if block.block_type == "faq")
    item = faq.value["items"][-1]
    assert item["question"] == question.question
    assert "<p>Many people find warm water soothing.</p>" in item["answer"].source
    assert article.workflow_in_progress  # submitted to the Medical review workflow
    question.refresh_from_db()
    assert question.promoted_at is not None


def test_promoted_question_leaves_the_list_once_the_article_is_published(
    client, questions, article, therapist
):
    from questions import promotion

    question = questions["new"]
    question.answer, question.answered_by = "Warm water helps many.", therapist
    question.status = Question.Status.PUBLISHED
    question.save()
    promotion.promote(question, None)
    assert "Is a warm bath good" in client.get(article.url).content.decode()
    article.get_latest_revision().publish()
    html = client.get(article.url).content.decode()
    assert "<summary>Is a warm bath good for a spasm?</summary>" in html  # in the FAQ now
    assert 'id="question-' not in html  # and no longer among the readers' questions


def test_technique_questions_cannot_be_promoted(client, staff, technique, therapist):
    question = Question.objects.create(
        page=technique,
        question="How firm is it?",
        first_name="Al",
        answer="Moderate.",
        answered_by=therapist,
        status="published",
    )
    client.force_login(staff["editor"])
    response = client.post(reverse(PROMOTE, args=[question.pk]))
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).promoted_at is None


def test_nobody_adds_a_question_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.com", "pw"))
    add_url = reverse("wagtailsnippets_questions_question:add")
    assert client.get(add_url).status_code in (302, 403)
    assert f'href="{add_url}"' not in client.get(reverse(LIST)).content.decode()
