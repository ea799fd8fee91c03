"""State the workers share: preview drafts, rate-limit counters and the task queue."""

import concurrent.futures
import json
import secrets
import time

from django_ratelimit.core import _get_window

from tests.support.booking_api import booking_body

from .shapes import RATELIMIT_LOGIN_PER_USERNAME


def test_a_preview_token_works_on_every_worker(shape):
    token = shape.shell(
        """
from articles.models import ConditionArticlePage
from spa_site.api.preview import make_preview_token
article = ConditionArticlePage.objects.get(slug="back-spasm")
article.title = "Unsaved preview title"
print(make_preview_token(article))
"""
    ).splitlines()[-1]
    since = shape.log_offset()
    answers = shape.many([f"/api/content/preview/?token={token}"], times=24)
    time.sleep(0.2)
    assert len(shape.workers_seen(since)) == 2
    assert [r.status for _, r in answers] == [200] * 24
    assert all("Unsaved preview title" in r.body for _, r in answers)


def test_a_rate_limit_trips_at_its_count_across_workers(shape):
    """Sign-in attempts for one username, spread over both workers, are counted together."""
    username = _username_clear_of_a_window_edge()
    attempts = RATELIMIT_LOGIN_PER_USERNAME + 4
    since = shape.log_offset()

    def attempt(_):
        login = shape.get("/admin/login/")
        csrf = next(
            c.split("=", 1)[1].split(";", 1)[0]
            for c in login.headers.get("set-cookie", [])
            if c.startswith("csrftoken=")
        )
        return shape.request(
            "POST",
            "/admin/login/",
            body={"username": username, "password": "wrong", "csrfmiddlewaretoken": csrf},
            cookies={"csrftoken": csrf},
        ).status

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        statuses = list(pool.map(attempt, range(attempts)))
    time.sleep(0.2)
    assert len(shape.workers_seen(since)) == 2
    assert statuses.count(429) == attempts - RATELIMIT_LOGIN_PER_USERNAME, statuses
    assert statuses.count(200) == RATELIMIT_LOGIN_PER_USERNAME  # the form again, with an error


def _seconds_left_in_window(key, period):
    """django-ratelimit counts in fixed windows, each starting at an offset hashed from the
    key (here the client address nginx passes, with the username for sign-ins). Attempts
    split over a window's edge are counted apart: five and four both stay under five."""
    return _get_window(key, period) - time.time()


def _username_clear_of_a_window_edge(period=60, margin=30):
    """A fresh username whose counting window has ``margin`` seconds left."""
    while True:
        username = f"probe-{secrets.token_hex(4)}"
        if _seconds_left_in_window(f"127.0.0.1|{username}", period) >= margin:
            return username


def _wait_clear_of_a_window_edge(key, period, margin=60):
    """Wait, if need be, until the window ``key`` counts in has ``margin`` seconds left."""
    left = _seconds_left_in_window(key, period)
    if left < margin:
        time.sleep(left + 1)


def _book(shape, email):
    services = shape.get("/api/content/booking/services/").json()["items"]
    service = services[0]
    slots = shape.get(
        f"/api/content/booking/availability/?service={service['slug']}&days=14"
    ).json()["slots"]
    body = booking_body(
        service["slug"], service["variants"][0]["id"], "any", slots[0]["starts_at"],
        "Deploy Probe", email,
    )  # fmt: skip
    response = shape.request(
        "POST",
        "/api/content/booking/bookings/",
        body=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 201, response.body
    return response.json()


def _messages(shape, email):
    if not shape.mail_dir.exists():
        return []
    return [
        path.read_text(errors="replace")
        for path in shape.mail_dir.glob("*.eml")
        if f"To: {email}" in path.read_text(errors="replace")
    ]


def test_the_worker_sends_a_booking_email_again_after_a_failed_attempt_and_only_once(shape):
    email = f"flaky-{shape.name}@example.com"
    _book(shape, email)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _messages(shape, email):
        time.sleep(0.5)
    time.sleep(4)  # a second copy, if any, would be sent by now (retries wait 1 s)
    messages = _messages(shape, email)
    assert len(messages) == 1
    assert "db_worker" in messages[0].splitlines()[0]  # sent by the task worker
    assert list(shape.mail_dir.glob("*.failed")), "the first attempt failed"


def test_the_question_form_limit_counts_across_workers(shape):
    """Question attempts from one address, spread over both workers, are counted together
    (``RATELIMITS["questions-ask"]``, 5 per 10 minutes), and over the limit the form comes
    back with a 429 and what was typed."""
    page_id = shape.shell(
        "from wagtail.models import Page; print(Page.objects.get(slug='back-spasm').pk)"
    ).splitlines()[-1]
    typed = f"Does a warm bath help a spasm? probe {secrets.token_hex(4)}"
    _wait_clear_of_a_window_edge("127.0.0.1", 10 * 60)
    since = shape.log_offset()

    def attempt(_):
        response = shape.request(
            "POST",
            f"/questions/ask/{page_id}/",
            body={"question": typed, "first_name": "Probe", "token": "not-signed"},
        )
        return response.status, typed in response.body

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(attempt, range(9)))
    time.sleep(0.2)
    assert len(shape.workers_seen(since)) == 2
    statuses = [status for status, _ in answers]
    assert statuses.count(400) == 5 and statuses.count(429) == 4, statuses  # refused, then limited
    assert all(kept for _, kept in answers)
