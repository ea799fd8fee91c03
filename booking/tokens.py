"""Signed manage-link tokens: the booking's public id and token version, nothing else.

Rescheduling bumps the version, so a link from an older email stops working.
"""

from django.core import signing

from .models import Booking

SALT = "booking.manage"


def _signer():
    # A plain (untimed) signer: the same booking version always gets the same link.
    return signing.Signer(salt=SALT)


def make_token(booking):
    return _signer().sign_object({"b": booking.public_id.hex, "v": booking.token_version})


def booking_for_token(token, queryset=None):
    """The booking the token names, or None when the token is forged, garbled or outdated."""
    try:
        data = _signer().unsign_object(token)
        public_id, version = data["b"], int(data["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    queryset = queryset if queryset is not None else Booking.objects.all()
    return queryset.filter(public_id=public_id, token_version=version).first()
