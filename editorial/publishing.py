"""Who may publish which version of a page, beyond Wagtail's page permissions.

Two rules, checked on every publish from the admin (edit, create, revert, bulk):

1. Medically reviewed page types: the body about to go live must be the body a medical reviewer
   approved (or the body already live). Any other body goes through the "Medical review"
   workflow, whose approval publishes it. This binds everyone, superusers included.
2. Users without ``editorial.publish_body_changes`` (the SEO team) may publish changes to titles,
   slugs and search settings, but not to any page's body, and may not unpublish or delete.
"""

from .fingerprints import body_fingerprint
from .review import approved_fingerprint, live_fingerprint, needs_medical_review

PUBLISH_BODY_PERMISSION = "editorial.publish_body_changes"


def medical_review_refusal(page):
    """Why this version of ``page`` cannot be published without a medical review, or None."""
    if not needs_medical_review(page):
        return None
    fingerprint = body_fingerprint(page)
    if fingerprint in {approved_fingerprint(page), live_fingerprint(page)}:
        return None
    return (
        f"“{page.get_admin_display_title()}” has medical content that no medical reviewer has "
        "approved yet. Your changes are saved as a draft: choose “Submit to Medical review” "
        "so a reviewer can approve and publish them."
    )


def body_change_refusal(user, page):
    """Why ``user`` may not publish this body change, or None."""
    if user.has_perm(PUBLISH_BODY_PERMISSION):
        return None
    if live_fingerprint(page) == body_fingerprint(page):
        return None
    return (
        f"You can publish changes to the title and search settings of "
        f"“{page.get_admin_display_title()}”, but not to its body text. Your changes are saved "
        "as a draft; a marketing editor can publish them."
    )


def publish_refusal(user, page):
    """The first reason ``user`` may not publish this version of ``page``, or None."""
    return medical_review_refusal(page) or body_change_refusal(user, page)


def can_remove_content(user):
    """Unpublishing and deleting take content away: only body publishers may do it."""
    return user.has_perm(PUBLISH_BODY_PERMISSION)
