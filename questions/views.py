"""Receiving a question: ``POST /questions/ask/<page id>/`` from the form on the page.

A refusal is the page itself again, with the form holding what the visitor typed and the
reason at its top (400, or 429 over a rate limit); a question taken is answered with a
redirect to the page's thank-you state (``?asked=1#ask``), which the page cache can share
like any other URL. The form carries no CSRF token: the page around it is cached whole for
every visitor (a token would be someone else's), there is no session or account to act for,
and the signed form token, honeypot and rate limits are the guard (``guards``).
"""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import ConditionArticlePage, TechniquePage
from spa_site import visibility
from spa_site.ratelimits import RETRY_AFTER_SECONDS, over_limit

from . import guards
from .forms import AskForm

ASKING_PAGE_TYPES = (ConditionArticlePage, TechniquePage)
RATE_LIMIT_GROUPS = ("questions-ask", "questions-ask-day")
MAX_PAGE_ID = 2**31 - 1


def accepts_questions(page):
    return isinstance(page, ASKING_PAGE_TYPES)


def thanks_url(page, request):
    return f"{page.get_url(request)}?asked=1#ask"


@csrf_exempt
@require_POST
def ask(request, page_id):
    if page_id > MAX_PAGE_ID:  # no such page; and PostgreSQL would refuse the number
        raise Http404("No page here takes questions.")
    page = visibility.for_request(request).pages().filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not accepts_questions(page):
        raise Http404("No page here takes questions.")
    form = AskForm(page, request.POST)
    limited = [over_limit(request, group) for group in RATE_LIMIT_GROUPS]
    if any(limited):
        form.is_valid()  # so the fields show what was typed, and any other problem
        form.refuse(guards.RATE_LIMIT_MESSAGE)
        response = render_with_form(page, request, form, status=429)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if form.is_valid():
        form.save()
        return HttpResponseRedirect(thanks_url(page, request), status=303)
    return render_with_form(page, request, form, status=400)


def render_with_form(page, request, form, status):
    context = page.get_context(request)
    context["ask_form"] = form
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response
