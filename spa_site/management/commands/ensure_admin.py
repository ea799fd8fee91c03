import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from spa_site.dev_accounts import DEV_PASSWORD


class Command(BaseCommand):
    help = (
        "Make sure a superuser exists. The password comes from DJANGO_ADMIN_PASSWORD; "
        f"with DEBUG on and no variable set, the local-only password is “{DEV_PASSWORD}”."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DJANGO_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--email", default=os.environ.get("DJANGO_ADMIN_EMAIL", "admin@example.com")
        )

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists: nothing changed.")
            return
        password = os.environ.get("DJANGO_ADMIN_PASSWORD")
        if not password:
            if not settings.DEBUG:
                raise CommandError("Set DJANGO_ADMIN_PASSWORD to create the first admin account.")
            password = DEV_PASSWORD
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created admin account “{username}”."))
