"""Booking settings, read from Django settings with these defaults.

| setting | default | meaning |
|---|---|---|
| ``BOOKING_TIME_ZONE`` | ``"America/Los_Angeles"`` | wall clock of schedules and of every time shown |
| ``BOOKING_SLOT_STEP_MINUTES`` | 15 | distance between offered start times |
| ``BOOKING_MIN_NOTICE_MINUTES`` | 120 | earliest bookable start, counted from now |
| ``BOOKING_HORIZON_DAYS`` | 60 | how far ahead visitors may book |
| ``BOOKING_CANCELLATION_CUTOFF_HOURS`` | 24 | customers cannot cancel or move later than this before the start |
| ``BOOKING_HEALTH_RETENTION_DAYS`` | 30 | health-screen answers are purged this long after the appointment |
| ``BOOKING_REMINDER_HOURS`` | 24 | reminders go out for appointments starting within this window |
| ``BOOKING_EMAIL_MAX_ATTEMPTS`` | 5 | send attempts per email before it is marked failed |
| ``BOOKING_EMAIL_RETRY_SECONDS`` | 60 | wait before the first retry of a failed email (doubling after each attempt) |
| ``BOOKING_DISPLAY_DAYS`` | 14 | days shown at once by the date step of the booking flow |
"""

from zoneinfo import ZoneInfo

from django.conf import settings

DEFAULTS = {
    "BOOKING_TIME_ZONE": "America/Los_Angeles",
    "BOOKING_SLOT_STEP_MINUTES": 15,
    "BOOKING_MIN_NOTICE_MINUTES": 120,
    "BOOKING_HORIZON_DAYS": 60,
    "BOOKING_CANCELLATION_CUTOFF_HOURS": 24,
    "BOOKING_HEALTH_RETENTION_DAYS": 30,
    "BOOKING_REMINDER_HOURS": 24,
    "BOOKING_EMAIL_MAX_ATTEMPTS": 5,
    "BOOKING_EMAIL_RETRY_SECONDS": 60,
    "BOOKING_DISPLAY_DAYS": 14,
}

# Bookings claim fixed granules of time (see models.SlotClaim); every schedule time,
# duration and buffer is rounded outwards to it, so keep them multiples of five minutes.
GRANULE_MINUTES = 5


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def tz():
    return ZoneInfo(get("BOOKING_TIME_ZONE"))
