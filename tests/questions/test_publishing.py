"""A published question: on its page under the article, in the JSON-LD and the API, one
e-mail to an asker who asked for it, and never the asker's address anywhere public."""

import json
import re

import pytest
from django.core.exceptions import ValidationError

from questions.models import Question
from tests.support import frontend_cache

from .conftest import publish

pytestmark = pytest.mark.django_db

ASKED = "Should I use heat or ice on a back spasm?"
ANSWER = "Many of our clients find gentle heat comfortable.\n\nIf the pain is severe, see a doctor."


@pytest.fixture
def question(article):
    return Question.objects.create(
        page=article,
        question=ASKED,
        first_name="Robin",
        email="robin@example.com",
        reply_consent=True,
    )


def jsonld(html):
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(script)["@graph"]


def test_unpublished_questions_are_nowhere(client, article, question, therapist):
    question.answer, question.answered_by = ANSWER, therapist
    question.save()
    assert question.status == Question.Status.ANSWERED  # an answer alone is not a publish
    html = client.get(article.url).content.decode()
    assert ASKED not in html
    api = client.get("/api/content/questions/", {"page_id": article.pk}).json()
    assert api["count"] == 0


def test_publishing_needs_an_answer_an_answerer_and_no_health_claim(question, therapist):
    question.status = Question.Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert set(error.value.message_dict) == {"answer", "answered_by"}
    question.answer, question.answered_by = "Massage cures spasms for good.", therapist
    with pytest.raises(ValidationError, match="reads as a health claim"):
        question.full_clean()
    question.answer = "Massage does not cure a spasm, but it can ease the tension around it."
    question.full_clean()


def test_published_on_the_page_in_jsonld_and_api(client, article, question, therapist):
    publish(question, therapist, ANSWER)
    html = client.get(article.url).content.decode()
    section = html[html.index('id="reader-questions"') :]
    assert ASKED in section and "Robin asked" in section
    assert f'Answered by <a href="{therapist.url}">{therapist.title}</a>' in section
    assert "<p>Many of our clients find gentle heat comfortable.</p>" in section
    assert html.index('id="reader-questions"') > html.index("article__body")  # under the body

    node = next(n for n in jsonld(html) if n.get("@type") == "Question")
    assert node["text"] == ASKED and node["author"] == {"@type": "Person", "name": "Robin"}
    assert node["acceptedAnswer"]["text"] == ANSWER
    assert node["acceptedAnswer"]["author"]["@id"].endswith("/team/mara-swick/#person")
    assert node["isPartOf"]["@id"].endswith("/conditions/back-spasm/#webpage")

    body = client.get("/api/content/questions/", {"page_id": article.pk}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["question"], item["asked_by"], item["answer"]) == (ASKED, "Robin", ANSWER)
    assert item["answered_by"]["name"] == therapist.title
    assert item["answered_by"]["profile"]["slug"] == "mara-swick"
    assert item["page"]["id"] == article.pk
    for text in (html, json.dumps(body)):
        assert "robin@example.com" not in text


def test_a_hidden_answerer_is_named_without_a_link(client, article, question, therapist):
    publish(question, therapist, ANSWER)
    therapist.unpublish()
    html = client.get(article.url).content.decode()
    assert f"Answered by {therapist.title}" in html
    node = next(n for n in jsonld(html) if n.get("@type") == "Question")
    assert node["acceptedAnswer"]["author"] == {"@type": "Person", "name": therapist.title}
    item = client.get("/api/content/questions/", {"page_id": article.pk}).json()["items"][0]
    assert item["answered_by"] == {"name": therapist.title, "profile": None}


def test_a_hidden_page_shows_no_questions(client, article, question, therapist):
    publish(question, therapist, ANSWER)
    article.unpublish()
    response = client.get("/api/content/questions/", {"page_id": article.pk})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("params", [{}, {"page_id": "x"}, {"page_id": 2**63}, {"page_id": 0}])
def test_bad_api_parameters_are_4xx(client, params):
    response = client.get("/api/content/questions/", params)
    assert 400 <= response.status_code < 500


def test_the_asker_gets_one_email_then_the_address_is_gone(
    question, therapist, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(question, therapist, ANSWER)
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["robin@example.com"]
    assert "has an answer" in message.subject and ASKED in message.body and ANSWER in message.body
    assert f"/conditions/back-spasm/#question-{question.pk}" in message.body
    question.refresh_from_db()
    assert question.email == "" and question.reply_sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):  # published again: no second e-mail
        question.status = Question.Status.REJECTED
        question.save()
        question.status = Question.Status.PUBLISHED
        question.save()
    assert len(outbox) == 1


def test_no_email_without_consent(article, therapist, outbox, django_capture_on_commit_callbacks):
    question = Question.objects.create(page=article, question=ASKED, first_name="Sam")
    with django_capture_on_commit_callbacks(execute=True):
        publish(question, therapist, ANSWER)
    assert outbox == []


def test_a_failed_send_can_be_retried(question, therapist, outbox, monkeypatch):
    from questions import emails

    publish(question, therapist, ANSWER)  # callbacks not run: nothing sent yet

    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        emails.deliver(question.pk)
    question.refresh_from_db()
    assert question.reply_sent_at is None and question.email
    monkeypatch.undo()
    assert emails.deliver(question.pk) is True
    assert emails.deliver(question.pk) is False
    assert len(outbox) == 1


def test_publishing_retires_the_cache_and_purges_the_page(
    article, question, therapist, settings, django_capture_on_commit_callbacks
):
    from spa_site import content_version

    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.support.frontend_cache.RecordingBackend"}
    }
    frontend_cache.PURGED.clear()
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        publish(question, therapist, ANSWER)
    assert content_version.current() != before
    assert any(url.endswith("/conditions/back-spasm/") for url in frontend_cache.PURGED)
    frontend_cache.PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        question.status = Question.Status.REJECTED
        question.save()
    assert any(url.endswith("/conditions/back-spasm/") for url in frontend_cache.PURGED)


def test_published_questions_on_a_technique_page(client, technique, therapist):
    question = Question.objects.create(page=technique, question=ASKED, first_name="Lee")
    publish(question, therapist, ANSWER)
    html = client.get(technique.url).content.decode()
    assert ASKED in html and "Lee asked" in html
    assert any(n.get("@type") == "Question" for n in jsonld(html))


def test_deleting_the_answerer_keeps_the_answer(client, article, question, therapist):
    publish(question, therapist, ANSWER)
    therapist.delete()
    html = client.get(article.url).content.decode()
    assert "Answered by our team" in html and ASKED in html
    graph = jsonld(html)
    node = next(n for n in graph if n.get("@type") == "Question")
    business = next(n for n in graph if n.get("@type") == "DaySpa")
    assert node["acceptedAnswer"]["author"] == {"@id": business["@id"]}
    item = client.get("/api/content/questions/", {"page_id": article.pk}).json()["items"][0]
    assert item["answered_by"] == {"name": "Our team", "profile": None}
