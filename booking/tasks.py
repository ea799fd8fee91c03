"""Background work (django-tasks): a worker in production, in-process in development.

Production uses django-tasks-db's database backend with ``manage.py db_worker`` (README,
docs/deployment.md); `make run` and the tests keep the immediate backend, which runs a task
when it is enqueued. A failed send is retried by the queue itself where the backend can
run a task later (``supports_defer``), with a doubling wait; ``send_booking_emails`` from
cron remains the safety net for the immediate backend. The outbox row's claim
(``emails.deliver``) means an email is sent at most once, however often it is enqueued.
"""

import datetime as dt

from django_tasks import default_task_backend, task

from . import clock, conf, emails
from .models import BookingEmail


def _retry_later(email_id):
    email = BookingEmail.objects.filter(pk=email_id, status=BookingEmail.Status.PENDING).first()
    if email is None or not default_task_backend.supports_defer:
        return
    wait = conf.get("BOOKING_EMAIL_RETRY_SECONDS") * 2 ** max(email.attempts - 1, 0)
    send_booking_email.using(run_after=clock.now() + dt.timedelta(seconds=wait)).enqueue(email_id)


@task()
def send_booking_email(email_id):
    """Send one outbox email; a failure is recorded on the row, retried later, and re-raised
    so the task result shows it."""
    try:
        emails.deliver(email_id)
    except Exception:
        _retry_later(email_id)
        raise
