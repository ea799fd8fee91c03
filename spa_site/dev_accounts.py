"""Local development accounts: the one password ``make run`` prints, and the guard keeping
such accounts out of production (where ``DEBUG`` is off)."""

from django.conf import settings
from django.core.management.base import CommandError

DEV_PASSWORD = "changeme"  # noqa: S105 - only used when DEBUG is on; README documents it


def require_development(what):
    """Refuse, with a readable message, unless running with development settings."""
    if not settings.DEBUG:
        raise CommandError(
            f"{what} are for local development only, and DEBUG is off (production settings): "
            "nothing was created."
        )
