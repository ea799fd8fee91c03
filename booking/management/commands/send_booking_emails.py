from django.core.management.base import BaseCommand

from booking import conf, emails
from booking.models import BookingEmail


class Command(BaseCommand):
    help = (
        "Send booking emails still pending in the outbox (e.g. after the mail server was down). "
        "Each email is sent at most once; run it every few minutes from cron."
    )

    def handle(self, *args, **options):
        pending = BookingEmail.objects.filter(
            status=BookingEmail.Status.PENDING,
            attempts__lt=conf.get("BOOKING_EMAIL_MAX_ATTEMPTS"),
        ).values_list("pk", flat=True)
        sent = failed = 0
        for email_id in list(pending):
            try:
                sent += bool(emails.deliver(email_id))
            except Exception:  # noqa: BLE001 - recorded on the row by deliver(); carry on
                failed += 1
        self.stdout.write(f"Booking emails: {sent} sent, {failed} failed (will retry).")
