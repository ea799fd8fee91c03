import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from booking import clock, conf, operations
from booking.models import Booking, BookingEmail


class Command(BaseCommand):
    help = (
        "Email a reminder for confirmed appointments starting within the next "
        "BOOKING_REMINDER_HOURS hours (default 24). Each appointment gets exactly one "
        "reminder, however often (or however concurrently) this runs: run it hourly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=None,
            help="Look-ahead window in hours (default: the BOOKING_REMINDER_HOURS setting).",
        )

    def handle(self, *args, hours=None, **options):
        if hours is None:
            hours = conf.get("BOOKING_REMINDER_HOURS")
        if not isinstance(hours, int) or not 1 <= hours <= 24 * 14:
            raise CommandError(f"The look-ahead must be between 1 and 336 hours, not {hours!r}.")
        now = clock.now()
        due = (
            Booking.objects.confirmed()
            .filter(starts_at__gt=now, starts_at__lte=now + dt.timedelta(hours=hours))
            .exclude(emails__kind=BookingEmail.Kind.REMINDER)
            .values_list("pk", "sequence")
        )
        queued = skipped = 0
        for booking_id, sequence in list(due):
            try:
                with transaction.atomic():
                    # The one-reminder-per-booking constraint is the "exactly once" guarantee.
                    email = BookingEmail.objects.create(
                        booking_id=booking_id, kind=BookingEmail.Kind.REMINDER, sequence=sequence
                    )
            except IntegrityError:
                skipped += 1
                continue
            operations.enqueue_email(email.pk)
            queued += 1
        self.stdout.write(f"Reminders: {queued} queued, {skipped} already handled by another run.")
