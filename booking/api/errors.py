"""How a refused request becomes an RFC 9457 problem answer."""

from ninja import Status

from spa_site.api.problems import problem
from spa_site.ratelimits import MESSAGE as RATE_LIMIT_MESSAGE
from spa_site.ratelimits import RETRY_AFTER_SECONDS, over_limit

from .. import operations


class ApiError(Exception):
    def __init__(self, status, detail, code, field=None):
        super().__init__(detail)
        self.status, self.detail, self.code, self.field = status, detail, code, field


def error(status, detail, code, field=None, next_free=()):
    return Status(
        status, problem(status, detail, code=code, field=field, next_free=list(next_free))
    )


def from_booking_error(exc):
    return error(exc.status, exc.message, exc.code, exc.field, getattr(exc, "next_free", ()))


def guard(call):
    try:
        return call()
    except ApiError as exc:
        return error(exc.status, exc.detail, exc.code, exc.field)
    except operations.BookingError as exc:
        return from_booking_error(exc)


def guard_write(request, response, call):
    """A write counts against the client's rate limit before it touches anything."""
    if over_limit(request, "booking-api"):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return error(429, RATE_LIMIT_MESSAGE, "rate_limited")
    return guard(call)
