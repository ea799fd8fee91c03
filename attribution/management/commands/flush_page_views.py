from django.core.management.base import BaseCommand

from attribution import counter


class Command(BaseCommand):
    help = (
        "Move the page-view counts from the shared cache into the database "
        "(run from cron every few minutes, at least daily)."
    )

    def handle(self, *args, **options):
        rows, views = counter.flush()
        self.stdout.write(f"Flushed {views} view(s) into {rows} page-day row(s).")
