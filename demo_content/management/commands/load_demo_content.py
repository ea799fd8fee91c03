from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo_content.loader import DemoLoader
from demo_content.source import DEFAULT_SOURCE, DemoContentError, DemoSource


class Command(BaseCommand):
    help = (
        "Build the demo site (articles, techniques, team, location, services, topics) "
        "from the spa's seed articles. Safe to run again: existing records are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=str(DEFAULT_SOURCE),
            help="Folder holding the demo data files and seeds/ (default: %(default)s).",
        )

    def handle(self, *args, **options):
        try:
            source = DemoSource.load(options["source"])
            with transaction.atomic():
                created = DemoLoader(source).run()
        except DemoContentError as exc:
            raise CommandError(f"Demo content not loaded: {exc}") from None
        if not created:
            self.stdout.write("Demo content already loaded: nothing changed.")
            return
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: created {summary}."))
