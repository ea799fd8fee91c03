"""``{% page_questions %}``: the published questions and the ask form at the end of a page."""

from django import template
from django.urls import reverse

from spa_site import visibility

from .. import selectors
from ..forms import AskForm
from ..views import accepts_questions

register = template.Library()


@register.inclusion_tag("questions/page_questions.html", takes_context=True)
def page_questions(context, page):
    request = context.get("request")
    if not accepts_questions(page) or page.pk is None:
        return {"shown": False}
    audience = visibility.for_request(request)
    questions = selectors.page_questions(page, audience)
    return {
        "shown": True,
        "page": page,
        "request": request,
        "items": [(q, selectors.answerer_url(q, audience, request)) for q in questions],
        "form": context.get("ask_form") or AskForm(page),
        "action": reverse("questions:ask", args=[page.pk]),
        "asked": request is not None and request.GET.get("asked") == "1",
        "doctor_anchor": getattr(page, "doctor_anchor", None),
    }
