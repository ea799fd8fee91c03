"""One manage link, one change at a time: two changes sent at once with the same token.

Each trial books a fresh appointment, then releases two requests with its manage token
together (a barrier), with a pause injected inside the guarded transaction so both have read
the booking before either writes. Exactly one may win; the other gets 409 (API: code
``booking_changed`` or ``not_confirmed``; HTML: a page saying so), and exactly one email goes
out. Runs on whichever database the suite uses (CI: SQLite and PostgreSQL); the trials and
winners are printed and written to ``test-artifacts/races/``.
"""

import datetime as dt
import json
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from booking import operations, tokens
from booking.models import Booking, BookingEmail

from .utils import UTC, local, request_for

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = int(os.environ.get("MANAGE_RACE_TRIALS", "5"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "races"
API = "/api/content/booking/bookings/"


@pytest.fixture
def slow_change(monkeypatch, settings):
    """Both requests read the booking before the first one writes."""
    settings.RATELIMIT_ENABLE = False
    monkeypatch.setattr(operations, "pause_before_write", lambda: time.sleep(0.3))


def _together(*calls):
    """Run the calls in threads released at once; their results in call order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - a crash is a result the test reports
            results[index] = ("crash", repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _post_json(url, body=None):
    request = urllib.request.Request(url, data=json.dumps(body or {}).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _record(name, trials, capsys):
    winners = sum(1 for trial in trials if trial["winners"] == 1)
    losers = sorted({trial["loser"] for trial in trials})
    line = (
        f"[manage race {connection.vendor} {name}] {len(trials)} trials: {winners} with "
        f"exactly one winner, loser answers {losers}, "
        f"{sum(len(t['emails']) for t in trials)} emails"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"manage-{connection.vendor}-{name}.json").write_text(
        json.dumps(trials, indent=2, default=str) + "\n"
    )
    with capsys.disabled():
        print("\n" + line)


def _book(world, trial):
    day = dt.date(2026, 3, 3) + dt.timedelta(days=trial)
    start = local(day.year, day.month, day.day, 10)
    booking, _ = operations.create_booking(
        request_for(world, start, world.ann, email=f"race{trial}@example.com")
    )
    BookingEmail.objects.all().delete()  # count only what the race sends
    mail.outbox.clear()
    return booking, day


def _time(day, hour):
    return local(day.year, day.month, day.day, hour).astimezone(UTC)


API_PAIRS = {
    "reschedule+reschedule": ("reschedule", "reschedule"),
    "cancel+cancel": ("cancel", "cancel"),
    "cancel+reschedule": ("cancel", "reschedule"),
}


@pytest.mark.parametrize("pair", API_PAIRS)
def test_api_one_token_two_changes_one_winner(world, live_server, slow_change, pair, capsys):
    trials = []
    for trial in range(TRIALS):
        booking, day = _book(world, trial)
        token = tokens.make_token(booking)
        targets = [_time(day, 13), _time(day, 15)]

        def call(action, target, token=token):
            body = {"starts_at": target.isoformat()} if action == "reschedule" else {}
            return lambda: _post_json(f"{live_server.url}{API}{token}/{action}/", body)

        results = _together(*(call(a, t) for a, t in zip(API_PAIRS[pair], targets, strict=True)))
        statuses = [status for status, _ in results]
        booking.refresh_from_db()
        sent = list(BookingEmail.objects.values_list("kind", flat=True))
        assert sorted(statuses) == [200, 409], results
        winner, loser = sorted(results, key=lambda r: r[0])
        trials.append(
            {
                "trial": trial,
                "statuses": statuses,
                "winners": statuses.count(200),
                "loser": loser[1]["code"],
                "emails": sent,
            }
        )
        assert loser[1]["code"] in ("booking_changed", "not_confirmed")
        assert loser[1]["detail"] and loser[1]["status"] == 409
        assert winner[1]["status"] in ("confirmed", "cancelled")
        # The booking is what the winner was told, and one email says so.
        assert booking.status == winner[1]["status"] and booking.sequence == 1
        if winner[1]["status"] == "confirmed":
            assert booking.starts_at.isoformat() == winner[1]["starts_at"].replace("Z", "+00:00")
        assert len(sent) == 1 and len(mail.outbox) == 1
    _record(f"api-{pair}", trials, capsys)


def test_without_the_guard_both_reschedules_win(world, live_server, slow_change, monkeypatch):
    """Proves the race test can see the race: without the version check both answer 200."""
    booking, day = _book(world, 0)
    monkeypatch.setattr(operations, "GUARD_ENABLED", False)
    token = tokens.make_token(booking)
    results = _together(
        *(
            lambda target=target: _post_json(
                f"{live_server.url}{API}{token}/reschedule/", {"starts_at": target.isoformat()}
            )
            for target in (_time(day, 13), _time(day, 15))
        )
    )
    assert [status for status, _ in results] == [200, 200]
    assert BookingEmail.objects.filter(kind=BookingEmail.Kind.RESCHEDULED).count() == 2


def _html_post(url, data):
    def call():
        response = Client().post(url, data)
        return response.status_code, response.content.decode()

    return call


HTML_PAIRS = {"reschedule+reschedule": "reschedule", "cancel+cancel": "cancel"}


@pytest.mark.parametrize("pair", HTML_PAIRS)
def test_html_one_token_two_changes_one_winner(world, slow_change, pair, capsys):
    trials = []
    for trial in range(TRIALS):
        booking, day = _book(world, trial)
        token = tokens.make_token(booking)
        url = reverse(f"booking:{HTML_PAIRS[pair]}", args=[token])
        if pair == "cancel+cancel":
            forms = [{"confirm": "yes"}, {"confirm": "yes"}]
        else:
            forms = [{"start": _time(day, h).isoformat()} for h in (13, 15)]
        results = _together(*(_html_post(url, form) for form in forms))
        statuses = [status for status, _ in results]
        sent = list(BookingEmail.objects.values_list("kind", flat=True))
        assert sorted(statuses) == [302, 409], statuses
        loser_page = next(body for status, body in results if status == 409)
        trials.append(
            {
                "trial": trial,
                "statuses": statuses,
                "winners": statuses.count(302),
                "loser": "changed" if "changed a moment ago" in loser_page else "already cancelled",
                "emails": sent,
            }
        )
        assert "changed a moment ago" in loser_page or "already cancelled" in loser_page
        assert len(sent) == 1 and len(mail.outbox) == 1
        booking.refresh_from_db()
        assert booking.sequence == 1
    _record(f"html-{pair}", trials, capsys)


def test_a_change_with_an_older_link_is_409_not_404(world, client):
    booking, _ = _book(world, 0)
    old = tokens.make_token(booking)
    operations.reschedule_booking(booking, _time(dt.date(2026, 3, 3), 13))
    page = client.post(reverse("booking:reschedule", args=[old]), {"start": "x"})
    assert page.status_code == 409 and "changed a moment ago" in page.content.decode()
    assert client.get(reverse("booking:manage", args=[old])).status_code == 404
    assert Booking.objects.get().sequence == 1
