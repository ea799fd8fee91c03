"""“Medically reviewed by … on …”: the one question every reader of a page's review asks.

The page template, the JSON-LD graph and the delivery API all show a review claim, and none of
them may make it up: the claim exists only when a recorded approval stands behind the content
being shown. The app that keeps approvals (``editorial``) answers through the
``register_review_claims`` hook, returning a function ``pages -> {page pk: ReviewClaim}``; core
and content apps cannot import it (imports flow one way). Without a provider no page claims a
review at all.
"""

import datetime
from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class ReviewClaim:
    reviewer: object  #: the reviewer's public profile page
    reviewed_on: datetime.date


def review_claims(pages):
    """{page pk: ReviewClaim} for those of ``pages`` whose shown content a review stands behind."""
    pages = [page for page in pages if page is not None and page.pk]
    providers = hooks.get_hooks("register_review_claims")
    if not pages or not providers:
        return {}
    return providers[-1]()(pages)


def review_claim(page):
    """The ReviewClaim for ``page`` as it is (live, draft or preview), or None."""
    if page is None or not page.pk:
        return None
    return review_claims([page]).get(page.pk)
