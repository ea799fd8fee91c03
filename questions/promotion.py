"""Promoting an answered question into its article's FAQ block, as a new draft revision.

The draft then goes through the Medical review workflow like any body change (it is
submitted when no review of the page is in progress); nothing is published here. Once the
article is published again its FAQ carries the question, so the selectors stop listing it
among the readers' questions (``selectors.published_for``).
"""

import uuid

from django.utils import timezone
from django.utils.html import escape

from articles.models import ConditionArticlePage

from .models import Question

FAQ_ITEM_QUESTION_MAX = 250


class PromotionError(Exception):
    pass


def can_promote(question):
    return (
        issubclass(question.page.specific_class or type(None), ConditionArticlePage)
        and question.status in (Question.Status.ANSWERED, Question.Status.PUBLISHED)
        and bool(question.answer.strip())
    )


def faq_item(question):
    paragraphs = [" ".join(p.split()) for p in question.answer.split("\n\n")]
    text = " ".join(question.question.split())
    if len(text) > FAQ_ITEM_QUESTION_MAX:
        text = text[: FAQ_ITEM_QUESTION_MAX - 1].rstrip() + "…"
    return {
        "type": "item",
        "value": {
            "question": text,
            "answer": "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p),
        },
        "id": str(uuid.uuid4()),
    }


def _with_item(raw_body, item):
    """The body's raw data with ``item`` added to its first FAQ block (a new one if none,
    placed before the sources)."""
    body = list(raw_body)
    for block in body:
        if block["type"] == "faq":
            block["value"]["items"] = [*block["value"].get("items", []), item]
            return body
    faq = {
        "type": "faq",
        "value": {"heading": "Frequently asked questions", "intro": "", "items": [item]},
        "id": str(uuid.uuid4()),
    }
    at = next((i for i, b in enumerate(body) if b["type"] == "sources"), len(body))
    return [*body[:at], faq, *body[at:]]


def promote(question, user):
    """Add the question to a new draft of its article; returns (revision, submitted)."""
    if not can_promote(question):
        raise PromotionError("Only an answered question on a condition article can join its FAQ.")
    page = question.page.specific
    draft = page.get_latest_revision_as_object()
    stream_block = draft._meta.get_field("body").stream_block
    raw = stream_block.get_prep_value(draft.body)
    draft.body = _with_item(raw, faq_item(question))
    revision = draft.save_revision(user=user, log_action=True)
    submitted = False
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)
        submitted = True
    question.promoted_at = timezone.now()
    question.save(update_fields=["promoted_at"])
    return revision, submitted
