import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questions.models import Question


def _days(value, name):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CommandError(f"{name} must be 0 days or more, not {value!r}.")
    return value


class Command(BaseCommand):
    help = (
        "Delete askers' e-mail addresses older than QUESTIONS_EMAIL_RETENTION_DAYS (default 30) "
        "and questions never answered (new or rejected) older than "
        "QUESTIONS_UNANSWERED_RETENTION_DAYS (default 90). Run daily from cron; safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email-days", type=int, default=None)
        parser.add_argument("--unanswered-days", type=int, default=None)
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be purged, change nothing."
        )

    def handle(self, *args, email_days=None, unanswered_days=None, dry_run=False, **options):
        if email_days is None:
            email_days = getattr(settings, "QUESTIONS_EMAIL_RETENTION_DAYS", 30)
        if unanswered_days is None:
            unanswered_days = getattr(settings, "QUESTIONS_UNANSWERED_RETENTION_DAYS", 90)
        email_days = _days(email_days, "The e-mail retention")
        unanswered_days = _days(unanswered_days, "The unanswered-question retention")
        now = timezone.now()
        addresses = Question.objects.exclude(email="").filter(
            created_at__lt=now - dt.timedelta(days=email_days)
        )
        unanswered = Question.objects.filter(
            status__in=[Question.Status.NEW, Question.Status.REJECTED],
            created_at__lt=now - dt.timedelta(days=unanswered_days),
        )
        if dry_run:
            self.stdout.write(
                f"Would delete {addresses.count()} e-mail address(es) older than {email_days} "
                f"day(s) and {unanswered.count()} unanswered question(s) older than "
                f"{unanswered_days} day(s)."
            )
            return
        cleared = addresses.update(email="")
        deleted, _ = unanswered.delete()
        self.stdout.write(
            f"Deleted {cleared} e-mail address(es) older than {email_days} day(s) and "
            f"{deleted} unanswered question(s) older than {unanswered_days} day(s)."
        )
