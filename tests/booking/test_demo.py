"""`load_demo_content` gives the demo therapist working hours, once, so `make run` can book."""

import datetime as dt

import pytest
from django.core.management import call_command

from booking import availability
from booking.models import Schedule, WorkingHours
from services.models import Service

pytestmark = pytest.mark.django_db


def test_demo_therapist_gets_the_location_hours_once(demo_site):
    schedule = Schedule.objects.get(therapist__slug="mara-swick")
    hours = {(h.weekday, h.starts, h.ends) for h in schedule.hours.all()}
    opening = {(h.weekday, h.opens, h.closes) for h in schedule.location.opening_hours.all()}
    assert hours == opening and len(hours) == 7
    call_command("load_demo_content", verbosity=0)
    assert Schedule.objects.count() == 1 and WorkingHours.objects.count() == 7


def test_demo_service_offers_slots(demo_site):
    service = Service.objects.get(slug="deep-tissue-massage")
    result = availability.compute(service, 60, dt.date(2026, 3, 3), dt.date(2026, 3, 9))
    assert len(result.any_therapist()) > 100
