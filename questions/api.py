"""Published questions in the delivery API: ``GET /api/content/questions/?page_id=<id>``.

A small listing in the API's usual envelope (count, limit, offset, items), mounted by the
``register_content_api_router`` hook. The asker appears by first name only; their e-mail
address is never part of any answer. The answerer is a ``ProfileRef`` when visitors may see
their profile, else just their name.
"""

from datetime import datetime

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from author_profiles.api import ProfileRef, serialize_ref
from spa_site.api.endpoints import context, listing
from spa_site.api.links import page_link
from spa_site.api.params import ListParams
from spa_site.api.schemas import PageLink, paginated, responses

from . import selectors
from .views import accepts_questions

router = Router(tags=["questions"])


class Answerer(Schema):
    name: str
    profile: ProfileRef | None = Field(description="The answerer's profile, when it is public.")


class PublishedQuestion(Schema):
    id: int
    question: str
    asked_by: str = Field(description="The asker's first name.")
    asked_at: datetime
    answer: str = Field(description="Plain text; a blank line separates paragraphs.")
    answered_by: Answerer
    answered_at: datetime | None
    page: PageLink


QuestionList = paginated(PublishedQuestion, "QuestionList")


class QuestionParams(ListParams):
    page_id: int = Field(ge=1, le=2**31 - 1, description="Id of the article or technique page.")


def serialize_question(question, page, ctx):
    person = question.answered_by
    profile = serialize_ref(person, ctx, False) if person and ctx.visible([person.pk]) else None
    return {
        "id": question.pk,
        "question": question.question,
        "asked_by": question.first_name,
        "asked_at": question.created_at,
        "answer": question.answer,
        "answered_by": {"name": person.title if person else "Our team", "profile": profile},
        "answered_at": question.answered_at,
        "page": page_link(page, ctx),
    }


@router.get("/", response=responses(QuestionList), url_name="question_list", summary="Questions")
def list_questions(request, params: QuestionParams = Query(...)):
    """Published questions of one public article or technique page, newest first."""
    ctx = context(request)
    page = ctx.audience.pages().filter(pk=params.page_id).first()
    page = page.specific if page is not None else None
    if not accepts_questions(page):
        raise Http404(f"No public article or technique page with id {params.page_id}.")
    ctx.depends_on_page(page)

    def serialize(items, ctx):
        return [serialize_question(q, page, ctx) for q in items]

    return listing(ctx, selectors.published_for(page), params, serialize, "questions")
