import time

import pytest
from django.core import mail

from questions import guards
from questions.models import Question
from tests.factories import (
    ConditionArticlePageFactory,
    ProfilePageFactory,
    TechniquePageFactory,
)

SECONDS_AGO = 30


DOCTOR_BLOCK = {
    "type": "see_a_doctor",
    "value": {
        "heading": "When to see a doctor",
        "threshold": "If the spasm is severe and lasts more than 72 hours",
        "red_flags": ["numbness"],
        "body": "",
    },
}


@pytest.fixture
def article(site_tree):
    """A small article in the demo's shape (factories: the demo loader costs seconds)."""
    return ConditionArticlePageFactory(
        parent=site_tree["articles"], title="Back Spasm", slug="back-spasm", body=[DOCTOR_BLOCK]
    )


@pytest.fixture
def technique(site_tree):
    return TechniquePageFactory(parent=site_tree["techniques"], slug="trigger-point-therapy")


@pytest.fixture
def therapist(site_tree):
    return ProfilePageFactory(parent=site_tree["team"], title="Mara Swick", slug="mara-swick")


def form_data(page, **overrides):
    """A valid submission whose form was rendered half a minute ago."""
    data = {
        "token": guards.issue_token(page.pk, now=time.time() - SECONDS_AGO),
        "question": "How often should I come in for a massage after a back spasm?",
        "first_name": "Pat",
        "email": "",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def ask_url(page):
    return f"/questions/ask/{page.pk}/"


@pytest.fixture
def ask(client):
    def post(page, **overrides):
        return client.post(ask_url(page), form_data(page, **overrides))

    return post


def publish(question, person, answer="Every week or two at first, then as you need it."):
    question.answer = answer
    question.answered_by = person
    question.status = Question.Status.PUBLISHED
    question.full_clean()
    question.save()
    return question


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
