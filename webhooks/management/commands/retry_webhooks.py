from django.core.management.base import BaseCommand

from webhooks.tasks import retry_due


class Command(BaseCommand):
    help = "Send webhook deliveries whose retry time has come (run from cron every minute)."

    def handle(self, *args, **options):
        count = retry_due()
        self.stdout.write(f"Enqueued {count} webhook deliver{'y' if count == 1 else 'ies'}.")
