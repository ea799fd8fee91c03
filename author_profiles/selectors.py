"""What a profile page shows and the API serves about a person, read once for both.

Articles written and reviewed are reverse relations from the articles app (above this one),
so they are reached through ``related_name`` without an import; only public pages are
listed (``spa_site.visibility``).
"""


def articles_written(profile, audience):
    if profile.pk is None:
        return []
    return list(audience.filter(profile.articles_written.all()).order_by("title"))


def articles_reviewed(profile, audience):
    if profile.pk is None:
        return []
    return list(audience.filter(profile.articles_reviewed.all()).order_by("title"))


def services_performed(profile, audience):
    """Bookable services this person performs, at a public location."""
    if profile.pk is None:
        return []
    return list(profile.services.bookable(audience))


def locations(profile, audience):
    if profile.pk is None:
        return []
    return list(audience.filter(profile.locations.all()).order_by("title"))
