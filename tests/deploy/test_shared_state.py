"""State the workers share: preview drafts, rate-limit counters and the task queue."""

import concurrent.futures
import json
import time

from .shapes import RATELIMIT_BOOKING_API


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
    """Writes from one client, spread over both workers, are counted together."""
    extra = RATELIMIT_BOOKING_API + 4
    since = shape.log_offset()

    def post(_):
        return shape.request(
            "POST",
            "/api/content/booking/bookings",
            body="{}",
            headers={"Content-Type": "application/json", "X-Real-IP": "203.0.113.77"},
        ).status

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        statuses = list(pool.map(post, range(extra)))
    time.sleep(0.2)
    assert len(shape.workers_seen(since)) == 2
    assert statuses.count(429) == extra - RATELIMIT_BOOKING_API, statuses


def _book(shape, email):
    services = shape.get("/api/content/booking/services").json()
    service = services[0]
    slots = shape.get(
        f"/api/content/booking/availability?service={service['slug']}&days=14"
    ).json()["slots"]
    body = {
        "service": service["slug"],
        "variant_id": service["variants"][0]["id"],
        "therapist": "any",
        "starts_at": slots[0]["starts_at"],
        "name": "Deploy Probe",
        "email": email,
        "phone": "5625550100",
        "accept_policy": True,
        "health": {
            "pregnant": False,
            "blood_clots": False,
            "cancer_treatment": False,
            "recent_surgery": False,
        },
    }
    response = shape.request(
        "POST",
        "/api/content/booking/bookings",
        body=json.dumps(body),
        headers={"Content-Type": "application/json", "X-Real-IP": "203.0.113.78"},
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
