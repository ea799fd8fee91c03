"""Which approval stands behind the content a page shows: the source of every review claim.

A page claims "Medically reviewed by … on …" only when a ``MedicalReview`` recorded by an
approved step of the Medical review workflow has the fingerprint of the body being shown (the
live page, a draft or a preview alike). Edit the body after approval and the claim is gone
from that version until a reviewer approves it; a title or search-setting change keeps it.
The reviewer's profile must be public, since the claim names and links that person.

Condition articles keep a copy of the claim in ``medical_reviewer`` / ``last_reviewed`` for
listings, filters and ordering; ``sync_review_stamp`` makes that copy agree with the record on
every publish, whatever published the page (admin, workflow, scheduler, API or script).
"""

from django.utils import timezone
from wagtail.models import TaskState

from author_profiles.models import ProfilePage
from spa_site import visibility
from spa_site.review_claims import ReviewClaim

from .fingerprints import body_fingerprint
from .models import MedicalReview
from .review import needs_medical_review


def _fingerprints(pages):
    return {
        page.pk: body_fingerprint(page) for page in pages if page.pk and needs_medical_review(page)
    }


def current_reviews(pages, public_profiles_only=True, fingerprints=None):
    """{page pk: the latest approved MedicalReview of exactly the body each page has}."""
    wanted = _fingerprints(pages) if fingerprints is None else fingerprints
    if not wanted:
        return {}
    reviews = MedicalReview.objects.filter(
        page_id__in=wanted,
        body_fingerprint__in=set(wanted.values()),
        task_state__status=TaskState.STATUS_APPROVED,
        reviewer_profile__isnull=False,
    )
    if public_profiles_only:
        # Only a reviewer visitors may see can be named (``spa_site.visibility``).
        reviews = reviews.filter(
            reviewer_profile__in=visibility.current().pages(ProfilePage).values("pk")
        )
    found = {}
    for review in reviews.select_related("reviewer_profile").order_by("-reviewed_at", "-pk"):
        if wanted[review.page_id] == review.body_fingerprint:
            found.setdefault(review.page_id, review)
    return found


MEMO = "_review_claim_memo"


def review_claims(pages):
    """The provider behind ``spa_site.review_claims`` (registered in wagtail_hooks.py).

    The answer is kept on each page object with the fingerprint it was given for, so the
    template and the JSON-LD of one page view ask the database once.
    """
    fingerprints = _fingerprints(pages)
    claims, asked = {}, []
    for page in pages:
        if page.pk not in fingerprints:
            continue
        memo = page.__dict__.get(MEMO)
        if memo and memo[0] == fingerprints[page.pk]:
            if memo[1] is not None:
                claims[page.pk] = memo[1]
        else:
            asked.append(page)
    found = current_reviews(asked, fingerprints={page.pk: fingerprints[page.pk] for page in asked})
    for page in asked:
        review = found.get(page.pk)
        claim = (
            ReviewClaim(review.reviewer_profile, timezone.localdate(review.reviewed_at))
            if review
            else None
        )
        page.__dict__[MEMO] = (fingerprints[page.pk], claim)
        if claim is not None:
            claims[page.pk] = claim
    return claims


def sync_review_stamp(instance, **kwargs):
    """``page_published``: the page's stamp fields say what its approval record says, or nothing."""
    page = instance
    if not (hasattr(page, "medical_reviewer_id") and hasattr(page, "last_reviewed")):
        return
    review = current_reviews([page], public_profiles_only=False).get(page.pk)
    stamp = (
        (review.reviewer_profile_id, timezone.localdate(review.reviewed_at))
        if review
        else (None, None)
    )
    if (page.medical_reviewer_id, page.last_reviewed) != stamp:
        type(page).objects.filter(pk=page.pk).update(
            medical_reviewer_id=stamp[0], last_reviewed=stamp[1]
        )
        page.medical_reviewer_id, page.last_reviewed = stamp
