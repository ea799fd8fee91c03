"""Small wording helpers shared by templates and metadata (no invented copy)."""

from django.utils.translation import gettext as _


def join_and(items):
    """``["neck", "back", "legs"]`` → ``neck, back and legs``."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def listing_sentence(heading, titles):
    """``Our team: Mara Swick.``: a description made of what a listing holds (no invented copy)."""
    titles = list(titles)
    return f"{heading}: {join_and(titles)}." if titles else ""
