"""Retention (``purge_questions``) and the page's query budget with many questions."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from questions.models import Question

from .conftest import publish

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_purge_deletes_old_addresses_and_unanswered_questions(article, therapist):
    old = timezone.now() - dt.timedelta(days=100)
    recent = timezone.now() - dt.timedelta(days=5)

    def make(created, status="new", email="a@example.com"):
        q = Question.objects.create(
            page=article,
            question="What should I expect?",
            first_name="A",
            email=email,
            reply_consent=bool(email),
            created_at=created,
        )
        if status == "published":
            publish(q, therapist)
        elif status != "new":
            Question.objects.filter(pk=q.pk).update(status=status)
        return q.pk

    old_new, old_rejected = make(old), make(old, "rejected")
    old_published, recent_new = make(old, "published"), make(recent)
    call_command("purge_questions", "--dry-run")
    assert Question.objects.count() == 4
    call_command("purge_questions")
    assert set(Question.objects.values_list("pk", flat=True)) == {old_published, recent_new}
    assert Question.objects.get(pk=old_published).email == ""
    assert Question.objects.get(pk=recent_new).email == "a@example.com"
    assert not Question.objects.filter(pk__in=[old_new, old_rejected]).exists()


def test_purge_refuses_a_negative_retention():
    with pytest.raises(CommandError, match="0 days or more"):
        call_command("purge_questions", "--email-days", "-1")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_twenty_published_questions_cost_no_more_queries_than_none(
    client, article, therapist, django_assert_num_queries
):
    client.get(article.url)  # the site settings row and renditions, made once
    none = count_queries(client, article.url)
    for n in range(20):
        question = Question.objects.create(
            page=article, question=f"Question number {n} about spasms?", first_name="Pat"
        )
        publish(question, therapist)
    with django_assert_num_queries(none):
        html = client.get(article.url).content.decode()
    assert html.count('class="qa"') == 20
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "questions-query-count.txt").write_text(
        f"article view, warm: {none} queries with no published question, {none} with 20\n"
    )
