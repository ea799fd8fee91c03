"""The published questions a page shows, read once per request for its template, its JSON-LD
and the API, in one query however many there are (the answerer comes in the same query).

Only questions of a page visitors may see are read; the answerer's profile is linked only
when visitors may see it (``spa_site.visibility``), otherwise just their name is shown.
"""

from .models import Question

#: The page and its JSON-LD show the latest ones; the API pages through all of them.
SHOWN_ON_PAGE = 50


def published_for(page):
    """Published questions of ``page``, newest first, with their answerer (one query).

    A question promoted into the article's FAQ leaves this list once the article has been
    published since: the FAQ carries it from then on."""
    queryset = (
        Question.objects.published()
        .filter(page_id=page.pk)
        .select_related("answered_by")
        .order_by("-published_at", "-pk")
    )
    if page.last_published_at is not None:
        queryset = queryset.exclude(
            promoted_at__isnull=False, promoted_at__lte=page.last_published_at
        )
    return queryset


def page_questions(page, audience):
    """The published questions ``page`` shows (none when visitors may not see the page)."""
    if page is None or page.pk is None:
        return []

    def build():
        if not audience.can_see(page):
            return []
        return list(published_for(page)[:SHOWN_ON_PAGE])

    return audience.remember(f"questions:page:{page.pk}", build)


def answerer_url(question, audience, request=None):
    """The answerer's profile URL, or None when visitors may not see the profile."""
    person = question.answered_by
    if person is None or not audience.can_see(person):
        return None
    return person.get_url(request)
