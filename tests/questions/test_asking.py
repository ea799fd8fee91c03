"""The ask form: a question is taken only as a new, unpublished row; every refusal shows the
page again with the visitor's text and a reason, and none is a 5xx."""

import time

import pytest
from django.test import Client

from questions import guards
from questions.models import Question

from .conftest import ask_url, form_data

pytestmark = pytest.mark.django_db

TYPED = "Is it safe to get a massage while my lower back is still in spasm?"


def test_the_form_is_on_articles_and_techniques_with_the_note(client, article, technique):
    for page in (article, technique):
        html = client.get(page.url).content.decode()
        assert 'id="ask"' in html and f'action="{ask_url(page)}#ask"' in html
        assert "We do not give medical advice." in html and "see a doctor" in html
        assert 'name="website"' in html and 'tabindex="-1"' in html  # the honeypot
        assert "csrfmiddlewaretoken" not in html  # the page stays shareable in the cache
    assert 'href="#when-to-see-a-doctor' in client.get(article.url).content.decode()


def test_a_question_is_taken_unpublished(client, article, ask):
    response = ask(article, question=TYPED, email="pat@example.com", reply_consent="on")
    assert response.status_code == 303
    assert response["Location"] == f"{article.url}?asked=1#ask"
    question = Question.objects.get()
    assert (question.page_id, question.status, question.first_name) == (article.pk, "new", "Pat")
    assert question.email == "pat@example.com" and question.reply_consent
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you: your question is with our team." in thanks
    assert TYPED not in thanks  # nothing appears before a person approves it


def test_a_question_may_ask_about_a_cure(article, ask):
    """Health claims are refused when stated, not when asked."""
    assert ask(article, question="Can massage cure a back spasm for good?").status_code == 303


def refused(response, reason, status=400):
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    assert "Your question was not sent" in html
    assert reason in html, html[html.find("error-summary") :][:600]
    return html


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"website": "http://spam.example"}, "a field people cannot see was filled in"),
        ({"token": "forged"}, "This form did not come from this page."),
        ({"token": guards.issue_token(1, now=time.time() - 60)}, "did not come from this page"),
        (
            {"token": guards.issue_token(0, now=time.time() - 2 * 24 * 3600)},
            "did not come from this page",
        ),
        ({"token": ""}, "This form did not come from this page."),
        ({"question": "See https://pills.example for help"}, "Please leave out web addresses"),
        ({"question": "Visit cheap-relief.com today for relief"}, "Please leave out web"),
        ({"question": "Write to me at pat@example.com about it"}, "Please leave out web"),
        ({"first_name": "www.spam.ru"}, "Please leave out web addresses"),
        (
            {"question": "Our miracle oil cures back spasms in one night."},
            "reads as a health claim",
        ),
        ({"question": "Too short"}, "Ensure this value has at least 10 characters"),
        ({"question": "x" * 1001}, "Ensure this value has at most 1000 characters"),
        ({"first_name": "P" * 41}, "at most 40 characters"),
        ({"first_name": ""}, "Enter your first name"),
        ({"first_name": "Pat\nLee"}, "Keep this to one line"),
        ({"question": "Does it help\x00 with spasms at all?"}, "Remove the control character"),
        ({"email": "pat@example.com"}, "Tick this box if we may e-mail you the answer"),
        ({"reply_consent": "on"}, "Enter your e-mail address, or untick the box"),
        ({"email": "not an address", "reply_consent": "on"}, "Enter a valid email address"),
    ],
)
def test_each_refusal_keeps_the_text_and_says_why(article, ask, overrides, reason):
    question = overrides.pop("question", TYPED)
    html = refused(ask(article, question=question, **overrides), reason)
    if len(question) <= 1000 and "\x00" not in question:
        from django.utils.html import escape

        assert escape(question) in html  # what the visitor typed is back in the textarea
    assert not Question.objects.exists()


def test_the_token_belongs_to_the_page(article, technique, ask):
    token = guards.issue_token(technique.pk, now=time.time() - 60)
    refused(ask(article, question=TYPED, token=token), "did not come from this page")


def test_too_fast_and_too_old(article, ask, settings):
    now = time.time()
    html = refused(
        ask(article, question=TYPED, token=guards.issue_token(article.pk, now=now)),
        "faster than anyone types",
    )
    assert TYPED in html
    settings.QUESTIONS_FORM_MAX_AGE = 3600
    old = guards.issue_token(article.pk, now=now - 3601)
    refused(ask(article, question=TYPED, token=old), "open for a long time")


def test_a_refused_form_is_timed_again_from_its_new_rendering(article, ask):
    html = refused(ask(article, question=TYPED, token="forged"), "did not come from this page")
    fresh = html.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert guards.token_problem(fresh, article.pk) == guards.TOO_FAST_MESSAGE
    assert guards.token_problem(fresh, article.pk, now=time.time() + 5) is None


def test_rate_limit_counts_every_attempt_and_keeps_the_text(article, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMITS = {**settings.RATELIMITS, "questions-ask": "3/10m"}
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.post(ask_url(article), form_data(article, question=f"{TYPED} ({n})")).status_code
        for n in range(3)
    ]
    assert statuses == [303, 303, 303]
    response = client.post(ask_url(article), form_data(article, question=TYPED))
    html = refused(response, "Many questions have come from your network", status=429)
    assert response["Retry-After"] == "60" and TYPED in html
    assert Question.objects.count() == 3
    other = Client(REMOTE_ADDR="203.0.113.10")  # someone else is not held back
    assert other.post(ask_url(article), form_data(article)).status_code == 303


def test_only_public_articles_and_techniques_take_questions(client, article):
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    assert client.post(ask_url(home), form_data(home)).status_code == 404
    assert client.get(ask_url(article)).status_code == 405
    assert client.post("/questions/ask/999999/", form_data(article)).status_code == 404
    assert client.post(f"/questions/ask/{'9' * 30}/", form_data(article)).status_code == 404
    article.unpublish()
    assert client.post(ask_url(article), form_data(article)).status_code == 404
    assert not Question.objects.exists()


def test_a_new_question_does_not_retire_the_page_cache(
    article, ask, django_capture_on_commit_callbacks
):
    from spa_site import content_version

    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(article).status_code == 303
    assert content_version.current() == before


def test_the_page_with_its_form_is_still_cached_whole(client, article, settings):
    """No CSRF token or cookie in the form: the article stays one shared cached answer."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "miss" and not first.cookies
    second = client.get(article.url)
    assert second["X-Page-Cache"] == "hit"
    assert 'name="token"' in second.content.decode()


def test_a_refusal_is_never_cached(client, article, ask, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    response = ask(article, website="filled")
    assert response.status_code == 400
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
