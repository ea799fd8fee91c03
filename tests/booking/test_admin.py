"""Front-desk staff in the Wagtail admin: listings, filters, export, cancel and move, and
health-screen answers only for users holding the dedicated permission."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from booking import operations
from booking.models import Booking, Schedule

from .utils import HEALTH_MARKER, local, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def bookings(world):
    first, _ = operations.create_booking(
        request_for(
            world,
            local(2026, 3, 3, 10),
            world.ann,
            name="Quinn Health",
            health={"recent_surgery": True},
            health_notes=HEALTH_MARKER,
        )
    )
    second, _ = operations.create_booking(
        request_for(
            world, local(2026, 3, 4, 12), world.ben, name="Robin Other", email="r@example.com"
        )
    )
    return first, second


@pytest.fixture
def front_desk(client, django_user_model):
    user = django_user_model.objects.create_user("desk", "desk@example.com", "pw")
    user.groups.add(Group.objects.get(name="Front-desk staff"))
    client.force_login(user)
    return user


def grant_health(user):
    user.user_permissions.add(Permission.objects.get(codename="view_health_screen"))


def test_front_desk_group_has_booking_permissions_but_not_health():
    group = Group.objects.get(name="Front-desk staff")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_booking", "change_booking", "add_schedule", "change_timeoff"} <= codenames
    assert "access_admin" in codenames
    assert "view_health_screen" not in codenames


def test_listing_by_day_and_therapist_with_search(bookings, client, front_desk, world):
    url = reverse("booking_admin:index")
    html = client.get(url).content.decode()
    assert "Quinn Health" in html and "Robin Other" in html
    assert "Tue 2026-03-03 10:00 PST" in html
    by_day = client.get(url, {"day": "2026-03-04"}).content.decode()
    assert "Robin Other" in by_day and "Quinn Health" not in by_day
    by_therapist = client.get(url, {"therapist": world.ann.pk}).content.decode()
    assert "Quinn Health" in by_therapist and "Robin Other" not in by_therapist
    searched = client.get(url, {"q": "robin"}).content.decode()
    assert "Robin Other" in searched and "Quinn Health" not in searched
    past = client.get(url, {"when": "past"}).content.decode()
    assert "Quinn Health" not in past


def test_export_csv(bookings, client, front_desk):
    response = client.get(reverse("booking_admin:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Starts (local time)" in body and "Robin Other" in body
    assert HEALTH_MARKER not in body and "surgery" not in body.lower()


def test_health_answers_hidden_without_the_permission(bookings, client, front_desk):
    first, _ = bookings
    listing = client.get(reverse("booking_admin:index")).content.decode()
    inspect = client.get(reverse("booking_admin:inspect", args=[first.pk])).content.decode()
    for html in (listing, inspect):
        assert HEALTH_MARKER not in html
        assert "Call before visit" not in html
        assert "Health screen" not in html
        assert "surgery" not in html.lower()


def test_health_answers_shown_with_the_permission(bookings, client, front_desk):
    grant_health(front_desk)
    first, _ = bookings
    listing = client.get(reverse("booking_admin:index")).content.decode()
    assert "Call before visit" in listing
    inspect = client.get(reverse("booking_admin:inspect", args=[first.pk])).content.decode()
    assert HEALTH_MARKER in inspect
    assert "Have you had surgery in the last three months?" in inspect


def test_staff_cancel_goes_through_the_guarded_path(bookings, client, front_desk, frozen_now):
    first, _ = bookings
    frozen_now(local(2026, 3, 3, 9))  # inside the customer's cut-off: staff may still cancel
    url = reverse("booking_admin:cancel", args=[first.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Booking.Status.CANCELLED and first.cancelled_by == "staff"
    assert first.claims.count() == 0


def test_staff_move_refuses_a_taken_slot_and_accepts_a_free_one(
    bookings, client, front_desk, world
):
    first, second = bookings
    url = reverse("booking_admin:move", args=[first.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Next free times" in page.content.decode()
    clash = client.post(url, {"therapist": world.ben.pk, "starts_at": "2026-03-04 12:30"})
    assert clash.status_code == 200
    assert "just taken" in clash.content.decode()
    first.refresh_from_db()
    assert first.starts_at == local(2026, 3, 3, 10)
    moved = client.post(url, {"therapist": world.ben.pk, "starts_at": "2026-03-05 15:00"})
    assert moved.status_code == 302
    first.refresh_from_db()
    assert first.therapist == world.ben and first.starts_at == local(2026, 3, 5, 15)


def test_no_add_or_delete_for_bookings(bookings, client, front_desk, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("booking_admin:add")).status_code in (302, 403)
    first, _ = bookings
    assert client.get(reverse("booking_admin:delete", args=[first.pk])).status_code in (302, 403)
    assert Booking.objects.count() == 2


def test_user_without_booking_permissions_is_refused(bookings, client, django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    first, _ = bookings
    assert client.get(reverse("booking_admin:index")).status_code in (302, 403)
    assert client.post(reverse("booking_admin:cancel", args=[first.pk])).status_code in (302, 403)
    first.refresh_from_db()
    assert first.is_confirmed


def test_front_desk_edits_working_hours_in_the_admin(world, client, front_desk):
    """Replace Ann's hours with a split Monday: the old rows are deleted, two added."""
    schedule = Schedule.objects.get(therapist=world.ann)
    url = reverse("booking_schedule:edit", args=[schedule.pk])
    assert client.get(url).status_code == 200
    existing = list(schedule.hours.all())
    rows = [
        {"id": row.pk, "weekday": row.weekday, "starts": "09:00", "ends": "17:00", "DELETE": "on"}
        for row in existing
    ] + [
        {"weekday": 0, "starts": "09:00", "ends": "12:00"},
        {"weekday": 0, "starts": "13:00", "ends": "18:00"},
    ]
    data = {
        "therapist": world.ann.pk,
        "location": world.location.pk,
        "hours-TOTAL_FORMS": len(rows),
        "hours-INITIAL_FORMS": len(existing),
        "hours-MIN_NUM_FORMS": 0,
        "hours-MAX_NUM_FORMS": 1000,
    }
    for n, row in enumerate(rows):
        data.update({f"hours-{n}-{key}": value for key, value in row.items()})
        data[f"hours-{n}-ORDER"] = n
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert sorted((h.starts.hour, h.ends.hour) for h in schedule.hours.all()) == [(9, 12), (13, 18)]


def test_time_off_admin_lists_and_creates(world, client, front_desk):
    url = reverse("booking_timeoff:add")
    response = client.post(
        url,
        {
            "therapist": world.ann.pk,
            "starts_at": "2026-03-10 09:00",
            "ends_at": "2026-03-10 08:00",
            "reason": "Training",
        },
    )
    assert response.status_code == 200  # re-rendered: ends before it starts
    assert "must end after it starts" in response.content.decode()
    ok = client.post(
        url,
        {
            "therapist": world.ann.pk,
            "starts_at": "2026-03-10 09:00",
            "ends_at": "2026-03-10 18:00",
            "reason": "Training",
        },
    )
    assert ok.status_code == 302
    assert client.get(reverse("booking_timeoff:index")).status_code == 200


def test_front_desk_edits_contact_details_and_notes_only(bookings, client, front_desk):
    first, _ = bookings
    url = reverse("booking_admin:edit", args=[first.pk])
    page = client.get(url).content.decode()
    assert 'name="staff_notes"' in page and 'name="starts_at"' not in page
    response = client.post(
        url,
        {
            "customer_name": "Quinn Health",
            "customer_email": "quinn@example.com",
            "customer_phone": "(562) 555-0100",
            "staff_notes": "Prefers a quiet room",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.staff_notes == "Prefers a quiet room"
    assert first.starts_at == local(2026, 3, 3, 10)


def test_listing_query_count_does_not_grow_with_bookings(
    world, client, front_desk, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grant_health(front_desk)

    def book(n):
        start = local(2026, 3, 10 + n % 6, 9 + 2 * (n // 6))
        operations.create_booking(
            request_for(world, start, world.therapists[n % 2], email=f"q{n}@example.com")
        )

    def listing_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("booking_admin:index"))
        return response, len(queries)

    for n in range(2):
        book(n)
    _, few = listing_queries()
    for n in range(2, 12):
        book(n)
    with django_assert_max_num_queries(25):
        response, many = listing_queries()
    assert response.content.decode().count("Pat Lee") == 12
    assert many == few


FORMULAS = {
    "customer_name": '=HYPERLINK("https://evil.example","Refund")',
    "staff_notes": "+1+cmd|' /C calc'!A0",
}


def test_export_neutralises_formulas(world, client, front_desk):
    """A customer's text starting with = + - @ (or tab, CR) is text in the CSV, not a formula."""
    booking, _ = operations.create_booking(
        request_for(world, local(2026, 3, 3, 10), world.ann, name=FORMULAS["customer_name"])
    )
    Booking.objects.filter(pk=booking.pk).update(staff_notes=FORMULAS["staff_notes"])
    response = client.get(reverse("booking_admin:index"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Name"] == "'" + FORMULAS["customer_name"]
    assert rows[0]["Staff notes"] == "'" + FORMULAS["staff_notes"]
    assert rows[0]["Reference"] == booking.reference  # ordinary cells are untouched
    xlsx = client.get(reverse("booking_admin:index"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    name_cell = sheet[2][headings.index("Name")]
    assert name_cell.data_type == "s" and name_cell.value == FORMULAS["customer_name"]
