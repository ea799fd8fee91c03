"""``manage.py set_site_url``: point the default Wagtail Site at ``PUBLIC_BASE_URL``."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from spa_site import public_url


class Command(BaseCommand):
    help = "Make the default Wagtail Site answer at PUBLIC_BASE_URL (migrate does this too)."

    def handle(self, *args, **options):
        from wagtail.models import Site

        if not Site.objects.filter(is_default_site=True).exists():
            raise CommandError("There is no default site yet: create one (or load the demo).")
        try:
            changed = public_url.sync_default_site(stdout=self.stdout)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if not changed:
            self.stdout.write(f"The default site already answers at {public_url.base_url()}.")
