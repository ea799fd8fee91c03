"""Background work (django-tasks). See README "Booking" for the backend choice."""

from django_tasks import task

from . import emails


@task()
def send_booking_email(email_id):
    """Send one outbox email; a failure is recorded on the row and re-raised for the backend."""
    emails.deliver(email_id)
