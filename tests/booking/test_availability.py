import datetime as dt

import pytest

from booking import availability, operations
from booking.models import TimeOff
from services.models import Closure

from .utils import UTC, build_world, local, request_for

pytestmark = pytest.mark.django_db


def day_starts(world, day, therapist=None, variant=None):
    result = availability.compute(
        world.service,
        (variant or world.short).duration_minutes,
        day,
        day,
        None if therapist is None else {therapist.pk},
    )
    if therapist is None:
        return [s.astimezone(local(2026, 1, 1, 0).tzinfo) for s in result.starts()]
    return [s.astimezone(local(2026, 1, 1, 0).tzinfo) for s in result.starts_for(therapist.pk)]


def test_working_hours_give_quarter_hour_starts_that_fit_the_treatment(world):
    starts = day_starts(world, dt.date(2026, 3, 3), world.ann)
    assert starts[0] == local(2026, 3, 3, 9, 0)
    assert starts[-1] == local(2026, 3, 3, 16, 0)  # 60 minutes must end by 17:00
    assert len(starts) == 29
    long_starts = day_starts(world, dt.date(2026, 3, 3), world.ann, world.long)
    assert long_starts[-1] == local(2026, 3, 3, 15, 30)


def test_split_day_offers_both_periods_and_nothing_between():
    world = build_world(therapist_count=1, hours=(("09:00", "12:00"), ("14:00", "18:00")))
    starts = day_starts(world, dt.date(2026, 3, 3), world.ann)
    assert local(2026, 3, 3, 11, 0) in starts
    assert local(2026, 3, 3, 11, 15) not in starts
    assert local(2026, 3, 3, 13, 0) not in starts
    assert local(2026, 3, 3, 14, 0) in starts
    assert starts[-1] == local(2026, 3, 3, 17, 0)


def test_a_booking_blocks_its_time_plus_buffer_for_that_therapist_only(world):
    operations.create_booking(request_for(world, local(2026, 3, 3, 10, 0), world.ann))
    ann = day_starts(world, dt.date(2026, 3, 3), world.ann)
    # 10:00-11:00 treatment + 15 min buffer: a 60-minute start must not overlap 10:00-11:15,
    # and its own buffer must end by the next booking's start.
    assert local(2026, 3, 3, 8, 45) not in ann
    assert local(2026, 3, 3, 9, 0) not in ann  # 9:00-10:00 + buffer runs into 10:00
    assert local(2026, 3, 3, 10, 30) not in ann
    assert local(2026, 3, 3, 11, 0) not in ann
    assert local(2026, 3, 3, 11, 15) in ann
    assert local(2026, 3, 3, 10, 0) in day_starts(world, dt.date(2026, 3, 3), world.ben)
    anyone = availability.compute(world.service, 60, dt.date(2026, 3, 3), dt.date(2026, 3, 3))
    free_at_ten = dict(anyone.any_therapist())[local(2026, 3, 3, 10, 0).astimezone(UTC)]
    assert free_at_ten == [world.ben.pk]


def test_time_off_and_location_closures_remove_slots(world):
    TimeOff.objects.create(
        therapist=world.ann, starts_at=local(2026, 3, 3, 12, 0), ends_at=local(2026, 3, 3, 14, 0)
    )
    Closure.objects.create(location=world.location, date=dt.date(2026, 3, 4), reason="Holiday")
    ann = day_starts(world, dt.date(2026, 3, 3), world.ann)
    assert local(2026, 3, 3, 11, 0) in ann
    assert local(2026, 3, 3, 11, 15) not in ann  # would run into the time off
    assert local(2026, 3, 3, 13, 45) not in ann
    assert local(2026, 3, 3, 14, 0) in ann
    assert day_starts(world, dt.date(2026, 3, 4)) == []


def test_minimum_notice_and_horizon_limit_the_window(world, settings, frozen_now):
    settings.BOOKING_MIN_NOTICE_MINUTES = 120
    settings.BOOKING_HORIZON_DAYS = 10
    frozen_now(local(2026, 3, 3, 9, 50))
    starts = day_starts(world, dt.date(2026, 3, 3), world.ann)
    assert starts[0] == local(2026, 3, 3, 12, 0)  # 9:50 + 2 h, on the quarter-hour grid
    assert day_starts(world, dt.date(2026, 3, 13), world.ann)
    assert day_starts(world, dt.date(2026, 3, 14), world.ann) == []


def test_availability_query_count_does_not_grow_with_days_or_team(django_assert_max_num_queries):
    world = build_world(therapist_count=5)
    for n, therapist in enumerate(world.therapists):
        operations.create_booking(request_for(world, local(2026, 3, 4, 9 + n), therapist))
    # 5, and 2 for the read layer outside a request (view restrictions, site roots).
    with django_assert_max_num_queries(7):
        result = availability.compute(
            world.service, 60, dt.date(2026, 3, 2), dt.date(2026, 3, 15), location=world.location
        )
    assert len(result.by_therapist) == 5
    assert all(len(starts) > 300 for starts in result.by_therapist.values())


def test_the_database_refuses_overlapping_claims_of_one_therapist(world):
    """The backstop under the lock: a second claim on a therapist's granule cannot be stored."""
    from django.db import IntegrityError, transaction

    from booking.models import SlotClaim

    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 3, 10), world.ann))
    assert booking.claims.count() == 15  # 60 min + 15 min buffer in 5-minute granules
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotClaim.objects.create(
            therapist=world.ann, granule=local(2026, 3, 3, 11, 10).astimezone(UTC), booking=booking
        )
    SlotClaim.objects.create(
        therapist=world.ben, granule=local(2026, 3, 3, 11, 10).astimezone(UTC), booking=booking
    )


def test_time_step_page_and_api_have_a_fixed_query_budget(client, django_assert_max_num_queries):
    world = build_world(therapist_count=5)
    params = {"service": world.service.slug, "variant": world.short.pk, "therapist": "any"}
    client.get("/book/", params)  # Wagtail caches its site root paths
    # 7 for the booking step (service, variants, its locations, team; working hours, time
    # off and bookings for availability), the read layer's view restrictions, the site and
    # its settings, the menu, and the public locations with their hours and closures (the
    # step, its availability and the footer share them).
    with django_assert_max_num_queries(14):
        page = client.get("/book/", params)
    assert page.status_code == 200 and page.content.decode().count("/book/details/") > 20
    with django_assert_max_num_queries(10):
        api = client.get(
            "/api/content/booking/availability/",
            {"service": world.service.slug, "days": 14},
        )
    assert len(api.json()["slots"]) > 300


def test_the_time_step_reads_only_the_chosen_service_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    """However many services, locations and therapists: the named service (with its
    variants and public locations), the team, and availability without re-reading the
    location's closures (the request's public locations carry them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ServiceFactory, ServiceVariantFactory

    from .utils import add_location

    world = build_world(therapist_count=5)
    add_location(world, people=("Fay Fox",))
    for n in range(4):
        other = ServiceFactory(name=f"Other {n}", slug=f"other-{n}", location=world.location)
        ServiceVariantFactory(service=other, duration_minutes=30, price="50.00")
    params = {
        "service": world.service.slug,
        "variant": world.short.pk,
        "therapist": "any",
        "location": world.location.slug,
    }
    client.get("/book/", params)  # Wagtail caches its site root paths
    # site, view restrictions, public locations + hours + closures (shared with the footer),
    # service + variants + its locations, team, working hours, time off, bookings, site
    # settings, menu.
    with django_assert_num_queries(14), CaptureQueriesContext(connection) as queries:
        page = client.get("/book/", params)
    assert page.status_code == 200 and page.content.decode().count("/book/details/") > 20
    services = [q["sql"] for q in queries if 'FROM "services_service"' in q["sql"]]
    assert len(services) == 1 and world.service.slug in services[0]
