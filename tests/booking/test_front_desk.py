"""The front desk books a caller by phone through the guarded path, and sees the day."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from booking.forms import format_start
from booking.models import Booking, BookingEmail, HealthScreen, TimeOff
from editorial.roles import ensure_roles

from .utils import add_location, give_hours, local

pytestmark = pytest.mark.django_db

TEN_AM = local(2026, 3, 3, 10)


@pytest.fixture
def desk(client, django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("desk", "desk@example.com", "pw")
    user.groups.add(Group.objects.get(name="Front-desk staff"))
    client.force_login(user)
    return client


@pytest.fixture
def bixby(world):
    return add_location(world)


def caller(world, location, start=TEN_AM, key="k" * 32, **extra):
    data = {
        "location": location.pk,
        "treatment": world.short.pk,
        "therapist": "any",
        "date": "2026-03-03",
        "start": format_start(start),
        "name": "Caller One",
        "phone": "(562) 555-0111",
        "email": "caller@example.com",
        "policy_read": "on",
        "idempotency_key": key,
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_the_steps_offer_only_free_times_at_the_location(desk, world, bixby):
    location, (cleo,) = bixby
    page = desk.get(
        reverse("booking_admin:phone"),
        {
            "location": location.pk,
            "treatment": world.short.pk,
            "therapist": "any",
            "date": "2026-03-03",
        },
    ).content.decode()
    assert "3. Time and caller" in page
    assert cleo.title in page and world.ann.title not in page  # the team there
    times = re.findall(r'name="start" value="([^"]+)"', page)
    assert format_start(TEN_AM) in times and len(times) == 29


def test_a_phone_booking_takes_the_guarded_path_and_emails_the_caller(desk, world, bixby):
    location, (cleo,) = bixby
    response = desk.post(reverse("booking_admin:phone"), caller(world, location))
    assert response.status_code == 302 and f"location={location.pk}" in response["Location"]
    booking = Booking.objects.get()
    assert (booking.location, booking.therapist, booking.starts_at) == (location, cleo, TEN_AM)
    assert BookingEmail.objects.filter(booking=booking, kind="confirmation").exists()
    assert not HealthScreen.objects.exists()  # not asked: nothing stored
    again = desk.post(reverse("booking_admin:phone"), caller(world, location, key="z" * 32))
    assert again.status_code in (400, 409)  # the time is no longer offered: no double booking
    assert Booking.objects.count() == 1
    assert "Caller One" in again.content.decode()  # the form keeps what was typed


def test_health_answers_given_on_the_phone_are_stored_apart(desk, world, bixby):
    location, _ = bixby
    answers = {
        "pregnant": "no",
        "blood_clots": "yes",
        "cancer_treatment": "no",
        "recent_surgery": "no",
    }
    desk.post(
        reverse("booking_admin:phone"),
        caller(world, location, health_asked="on", health_notes="zq-phone-note", **answers),
    )
    screen = HealthScreen.objects.get()
    assert screen.blood_clots and screen.notes == "zq-phone-note"
    day = desk.get(reverse("booking_admin:day"), {"location": location.pk, "date": "2026-03-03"})
    assert "zq-phone-note" not in day.content.decode()


def test_a_half_answered_health_screen_is_refused_with_the_data_kept(desk, world, bixby):
    location, _ = bixby
    response = desk.post(
        reverse("booking_admin:phone"), caller(world, location, health_asked="on", pregnant="no")
    )
    assert response.status_code == 400 and not Booking.objects.exists()
    assert "Answer yes or no" in response.content.decode()
    assert 'value="Caller One"' in response.content.decode()


def test_the_day_view_shows_bookings_gaps_time_off_and_elsewhere(desk, world, bixby):
    location, (cleo,) = bixby
    give_hours(world.ann, location, (("09:00", "12:00"),), weekdays=[1])
    TimeOff.objects.create(
        therapist=cleo,
        starts_at=local(2026, 3, 3, 15),
        ends_at=local(2026, 3, 3, 16),
        reason="Training",
    )
    desk.post(reverse("booking_admin:phone"), caller(world, location))
    booking = Booking.objects.get()
    html = desk.get(
        reverse("booking_admin:day"), {"location": location.pk, "date": "2026-03-03"}
    ).content.decode()
    assert booking.reference in html and "Caller One" in html
    assert "Time off: Training" in html and "Free" in html
    assert (
        f'href="{reverse("booking_admin:phone")}?location={location.pk}&amp;therapist={cleo.pk}'
        in html
    )
    assert "At Long Beach" in html  # Ann works at Long Beach after noon that Tuesday


def test_only_the_front_desk_sees_these_pages(client, django_user_model, world):
    ensure_roles()
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Marketing editors"))
    client.force_login(user)
    for name in ("booking_admin:phone", "booking_admin:day"):
        assert client.get(reverse(name)).status_code == 302
