"""Daily cron: e-mail medical reviewers the pages whose review is due.

Idempotent: a page is reported to a reviewer once per review cycle (its last review date), so
running the command twice, or every day, sends nothing new until something new falls due.
"""

from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from editorial.models import ReviewerProfile, ReviewReminder
from editorial.review import max_review_age, pages_due_for_review, review_cycle
from editorial.roles import MEDICAL_REVIEWERS


class Command(BaseCommand):
    help = "E-mail each medical reviewer the pages due for review (once per page and review cycle)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent; send and record nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        due = [
            page
            for page in pages_due_for_review()
            if not (page.in_review or page.changes_requested)
        ]
        if not due:
            self.stdout.write("Nothing is due for medical review.")
            return
        reviewers = list(
            get_user_model()
            .objects.filter(groups__name=MEDICAL_REVIEWERS, is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
        if not reviewers:
            raise CommandError(
                f"{len(due)} page(s) are due for medical review, but no active member of "
                f"“{MEDICAL_REVIEWERS}” has an e-mail address. Add one and run the command again."
            )
        sent = pages_sent = 0
        for reviewer, pages in self.plan(due, reviewers).items():
            if dry_run:
                new = [p for p in pages if not self.already_sent(reviewer, p)]
                if new:
                    self.stdout.write(f"Would send {reviewer.email} {len(new)} page(s).")
                continue
            try:
                count = self.send_digest(reviewer, pages)
            except (OSError, SMTPException) as error:
                raise CommandError(
                    f"Could not e-mail {reviewer.email}: {error}. Nothing was recorded for "
                    "them; the next run tries again."
                ) from error
            if count:
                sent += 1
                pages_sent += count
        if not dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Sent {sent} digest(s) listing {pages_sent} page(s).")
                if sent
                else "Every due page was already reported: nothing sent."
            )

    @staticmethod
    def plan(due, reviewers):
        """A page goes to the reviewer named on it; pages nobody owns go to every reviewer."""
        by_profile = {
            link.profile_id: link.user
            for link in ReviewerProfile.objects.filter(user__in=reviewers).select_related("user")
        }
        plan = {reviewer: [] for reviewer in reviewers}
        for page in due:
            owner = by_profile.get(page.last_reviewer_id)
            for reviewer in [owner] if owner else reviewers:
                plan[reviewer].append(page)
        return plan

    @staticmethod
    def already_sent(reviewer, page):
        return ReviewReminder.objects.filter(
            recipient=reviewer, page_id=page.pk, cycle=review_cycle(page)
        ).exists()

    def send_digest(self, reviewer, pages):
        """Claim the reminders and send in one transaction: a failed send claims nothing."""
        with transaction.atomic():
            new = [
                page
                for page in pages
                if ReviewReminder.objects.get_or_create(
                    recipient=reviewer, page_id=page.pk, cycle=review_cycle(page)
                )[1]
            ]
            if not new:
                return 0
            base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            context = {
                "reviewer": reviewer,
                "max_age_days": max_review_age().days,
                "pages": [
                    (page, base + reverse("wagtailadmin_pages:edit", args=[page.pk]))
                    for page in new
                ],
                "report_url": base + reverse("editorial:reviews_due"),
            }
            send_mail(
                subject=f"Medical review due: {len(new)} page{'s' if len(new) > 1 else ''}",
                message=render_to_string("editorial/emails/review_digest.txt", context),
                from_email=None,
                recipient_list=[reviewer.email],
            )
        return len(new)
