import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from booking import clock, conf
from booking.models import HealthScreen


class Command(BaseCommand):
    help = (
        "Delete health-screen answers once the appointment ended (or was cancelled) more than "
        "BOOKING_HEALTH_RETENTION_DAYS days ago. The booking itself is kept. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: the BOOKING_HEALTH_RETENTION_DAYS setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be purged, delete nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = conf.get("BOOKING_HEALTH_RETENTION_DAYS")
        if not isinstance(days, int) or days < 0:
            raise CommandError(f"The retention must be 0 days or more, not {days!r}.")
        cutoff = clock.now() - dt.timedelta(days=days)
        expired = HealthScreen.objects.filter(
            Q(booking__ends_at__lt=cutoff) | Q(booking__cancelled_at__lt=cutoff)
        )
        if dry_run:
            self.stdout.write(
                f"Would purge health-screen answers of {expired.count()} booking(s) "
                f"older than {days} day(s)."
            )
            return
        count, _ = expired.delete()
        self.stdout.write(
            f"Purged health-screen answers of {count} booking(s) older than {days} day(s)."
        )
