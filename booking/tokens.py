"""Signed manage-link tokens: the booking's public id and token version, nothing else.

Rescheduling bumps the version, so a link from an older email stops working.
"""

import uuid

from django.core import signing

from .models import Booking

SALT = "booking.manage"


def _signer():
    # A plain (untimed) signer: the same booking version always gets the same link.
    return signing.Signer(salt=SALT)


def make_token(booking):
    return _signer().sign_object({"b": booking.public_id.hex, "v": booking.token_version})


def _read(token):
    """(public id, version) from a genuine token, else None."""
    try:
        data = _signer().unsign_object(token)
        public_id, version = str(data["b"]), int(data["v"])
        return uuid.UUID(public_id).hex, version
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None


def booking_for_token(token, queryset=None):
    """The booking the token names, or None when the token is forged, garbled or outdated."""
    read = _read(token)
    if read is None:
        return None
    public_id, version = read
    queryset = queryset if queryset is not None else Booking.objects.all()
    return queryset.filter(public_id=public_id, token_version=version).first()


def is_outdated(token):
    """True for a genuine token of a booking that has since moved (a newer link exists).

    A change sent with it lost a race or came from an older email: it answers 409
    ("changed meanwhile"), not 404, while reading with it stays 404."""
    read = _read(token)
    if read is None:
        return False
    public_id, version = read
    return Booking.objects.filter(public_id=public_id, token_version__gt=version).exists()
