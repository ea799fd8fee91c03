"""`load_demo_content` gives the demo therapist working hours, once, so `make run` can book."""

import datetime as dt

import pytest
from django.core.management import call_command

from booking import availability
from booking.models import Schedule, WorkingHours
from services.models import Service

pytestmark = pytest.mark.django_db


def test_demo_therapist_gets_the_location_hours_once(demo_site):
    schedule = Schedule.objects.get(therapist__slug="mara-swick", location__slug="long-beach")
    hours = {(h.weekday, h.starts, h.ends) for h in schedule.hours.all()}
    opening = {(h.weekday, h.opens, h.closes) for h in schedule.location.opening_hours.all()}
    assert hours == opening and len(hours) == 7
    count = WorkingHours.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Schedule.objects.count() == 2 and WorkingHours.objects.count() == count


def test_at_the_sample_second_location_she_works_only_when_free_of_the_first(demo_site):
    """One therapist, two locations: her hours there are its opening hours minus the hours she
    works at Long Beach, so she is never scheduled in two places at once."""
    second = Schedule.objects.get(
        therapist__slug="mara-swick", location__slug="bixby-knolls-sample"
    )
    assert second.location.contains_sample_data
    first = Schedule.objects.get(therapist__slug="mara-swick", location__slug="long-beach")
    mine = [(h.weekday, h.starts, h.ends) for h in second.hours.all()]
    assert (0, dt.time(8), dt.time(10)) in mine and (0, dt.time(19), dt.time(20)) in mine
    for weekday, starts, ends in mine:
        for other in first.hours.filter(weekday=weekday):
            assert ends <= other.starts or other.ends <= starts


def test_demo_service_offers_slots(demo_site):
    service = Service.objects.get(slug="deep-tissue-massage")
    result = availability.compute(service, 60, dt.date(2026, 3, 3), dt.date(2026, 3, 9))
    assert len(result.any_therapist()) > 100
