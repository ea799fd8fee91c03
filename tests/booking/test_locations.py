"""Several locations: each with its own team, hours and prices; a therapist is in one place
at a time; "any therapist" never leaves the chosen location."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from booking import availability, operations
from booking.models import Booking
from services.models import Closure, Service
from tests.factories import ServiceVariantFactory

from .utils import add_location, give_hours, local, request_for

pytestmark = pytest.mark.django_db

TEN_AM = local(2026, 3, 3, 10)


def test_any_therapist_stays_within_the_chosen_location(world):
    bixby, (cleo,) = add_location(world)
    team = availability.bookable_therapists(world.service, bixby)
    assert team == [cleo]
    booking, _ = operations.create_booking(request_for(world, TEN_AM, location=bixby))
    assert booking.therapist == cleo and booking.location == bixby
    # Long Beach's team is untouched by a Bixby booking; Bixby's only therapist is now busy.
    with pytest.raises(operations.SlotTaken):
        operations.create_booking(request_for(world, TEN_AM, location=bixby, email="b@x.org"))
    other, _ = operations.create_booking(request_for(world, TEN_AM, email="c@x.org"))
    assert other.location == world.location and other.therapist in world.therapists


def test_a_therapist_booked_at_one_location_is_busy_at_the_other(world):
    bixby, _ = add_location(world)
    give_hours(world.ann, bixby)  # Ann has hours in both places
    operations.create_booking(request_for(world, TEN_AM, world.ann))
    day = TEN_AM.date()
    there = availability.compute(world.service, 60, day, day, {world.ann.pk}, location=bixby)
    assert TEN_AM not in there.starts_for(world.ann.pk)
    assert local(2026, 3, 3, 12) in there.starts_for(world.ann.pk)
    with pytest.raises(operations.SlotTaken):
        operations.create_booking(
            request_for(world, TEN_AM, world.ann, location=bixby, email="z@x.org")
        )


def test_each_location_has_its_own_hours_and_closures(world):
    bixby, (cleo,) = add_location(world, ranges=(("12:00", "14:00"),))
    Closure.objects.create(location=bixby, date=dt.date(2026, 3, 4))
    result = availability.compute(
        world.service, 60, dt.date(2026, 3, 3), dt.date(2026, 3, 4), location=bixby
    )
    starts = [s.astimezone(local(2026, 3, 3, 0).tzinfo) for s in result.starts_for(cleo.pk)]
    assert {s.date() for s in starts} == {dt.date(2026, 3, 3)}
    assert min(starts).hour == 12 and max(starts).hour == 13
    with pytest.raises(operations.BookingError):  # not her hours at Long Beach
        operations.create_booking(request_for(world, TEN_AM, cleo))


def test_a_location_with_its_own_prices_offers_only_those(world):
    bixby, _ = add_location(world)
    own = ServiceVariantFactory(
        service=world.service, duration_minutes=75, price="140.00", location=bixby
    )
    service = Service.objects.bookable().get(pk=world.service.pk)
    assert service.variants_at(bixby) == [own]
    assert {v.pk for v in service.variants_at(world.location)} == {world.short.pk, world.long.pk}
    with pytest.raises(operations.BookingError) as refused:
        operations.create_booking(request_for(world, TEN_AM, location=bixby, service=service))
    assert refused.value.field == "variant"
    booking, _ = operations.create_booking(
        request_for(world, TEN_AM, location=bixby, service=service, variant=own)
    )
    assert (booking.duration_minutes, booking.price) == (75, own.price)


def test_a_location_that_does_not_offer_the_service_is_refused(world):
    from tests.factories import LocationPageFactory

    elsewhere = LocationPageFactory(parent=world.location.get_parent(), slug="elsewhere")
    with pytest.raises(operations.BookingError) as refused:
        operations.create_booking(request_for(world, TEN_AM, location=elsewhere))
    assert refused.value.field == "location"


def bixby_time_step(world, client, **extra):
    """The time step for ``world``'s service at the Bixby location, any therapist."""
    params = {"service": world.service.slug, "location": "bixby", "variant": world.short.pk}
    return client.get(
        reverse("booking:start"), {**params, "therapist": "any", **extra}
    ).content.decode()


def test_the_flow_asks_where_when_a_service_is_offered_at_several(world, client):
    bixby, (cleo,) = add_location(world)
    html = client.get(reverse("booking:start"), {"service": world.service.slug}).content.decode()
    assert "<legend><h2>Where?</h2></legend>" in html
    assert 'value="bixby"' in html and 'value="long-beach"' in html
    html = client.get(
        reverse("booking:start"),
        {"service": world.service.slug, "location": "bixby", "variant": world.short.pk},
    ).content.decode()
    assert cleo.title in html and world.ann.title not in html  # the team there
    html = bixby_time_step(world, client, date="2026-03-03")
    links = [u.replace("&amp;", "&") for u in re.findall(r'href="(/book/details/\?[^"]+)"', html)]
    assert links and all("location=bixby" in u for u in links)
    details = client.get(links[0]).content.decode()
    assert '<input type="hidden" name="location" value="bixby">' in details
    assert "Bixby" in details


def test_an_unknown_location_in_the_link_asks_again(world, client):
    add_location(world)
    response = client.get(
        reverse("booking:start"), {"service": world.service.slug, "location": "nowhere"}
    )
    assert response.status_code == 400
    assert "We could not find that location" in response.content.decode()


def test_the_api_takes_an_optional_location(world, client):
    bixby, (cleo,) = add_location(world)
    answer = client.get(
        "/api/content/booking/availability/",
        {"service": world.service.slug, "days": 1, "start": "2026-03-03", "location": "bixby"},
    )
    assert answer.status_code == 200
    assert {t for slot in answer.json()["slots"] for t in slot["therapists"]} == {cleo.slug}
    unknown = client.get(
        "/api/content/booking/availability/", {"service": world.service.slug, "location": "nowhere"}
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_location"
    assert Booking.objects.count() == 0


def test_a_bad_choice_on_the_details_link_lists_every_bookable_service(world, client):
    """The step reads only the named service; the error page still offers all of them."""
    from tests.factories import ServiceFactory

    other = ServiceFactory(name="Hot stone massage", slug="hot-stone", location=world.location)
    ServiceVariantFactory(service=other, duration_minutes=45, price="80.00")
    response = client.get(
        reverse("booking:details"),
        {"service": world.service.slug, "location": "nowhere", "variant": world.short.pk},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "We could not find that location" in html
    assert 'value="hot-stone"' in html and f'value="{world.service.slug}"' in html


def test_a_closure_at_the_chosen_location_hides_that_day_on_the_time_step(world, client):
    """The step computes from the request's public locations (their prefetched closures)."""
    bixby, _ = add_location(world)
    Closure.objects.create(location=bixby, date=dt.date(2026, 3, 4), reason="Holiday")
    html = bixby_time_step(world, client)
    assert "date=2026-03-03" in html and "date=2026-03-05" in html
    assert "date=2026-03-04" not in html
