"""Run inside ``manage.py shell`` on a populated database: every data migration of the
project's own apps is unapplied and applied again, and what the demo holds must come out the
same. A data migration meets a database with rows only on an upgrade, which no fresh test
database shows (``services.0003`` once failed there and nowhere else)."""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL


def own_apps():
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if root in Path(config.path).resolve().parents and ".venv" not in Path(config.path).parts
    }


def data_migrations():
    """(app, migration, the app's migration before it), in dependency order."""
    loader = MigrationLoader(connection)
    ours = own_apps()
    found = []
    for key in sorted(loader.graph.nodes):
        app, name = key
        migration = loader.graph.nodes[key]
        if app not in ours or not any(
            isinstance(op, (RunPython, RunSQL)) for op in migration.operations
        ):
            continue
        before = [
            parent.key for parent in loader.graph.node_map[key].parents if parent.key[0] == app
        ]
        found.append((app, name, before[0][1] if before else "zero"))
    return found


def snapshot():
    """What the demo's data migrations touch. Going back to one location per service keeps
    one, so a service's locations are compared as "at least one of those it had"."""
    Service = apps.get_model("services", "Service")
    LocationPage = apps.get_model("services", "LocationPage")
    return {
        # A location's therapists, live and in the revision its next edit starts from.
        "locations": {
            page.title: {
                "therapists": sorted(person.title for person in page.therapists.all()),
                "latest_revision": sorted(
                    person.title for person in page.get_latest_revision_as_object().therapists.all()
                ),
            }
            for page in LocationPage.objects.all()
        },
        "services": {
            service.name: sorted(page.title for page in service.locations.all())
            for service in Service.objects.all()
        },
        "groups": {
            group.name: {
                "permissions": sorted(group.permissions.values_list("codename", flat=True)),
                "members": sorted(group.user_set.values_list("username", flat=True)),
            }
            for group in Group.objects.all()
        },
        "workflows": sorted(
            apps.get_model("wagtailcore", "Workflow").objects.values_list("name", flat=True)
        ),
        "locales": sorted(
            apps.get_model("wagtailcore", "Locale").objects.values_list("language_code", flat=True)
        ),
    }


def main():
    member, _ = get_user_model().objects.get_or_create(username="upgrade-check")
    member.groups.set(Group.objects.all())
    before = snapshot()
    checked = []
    for app, name, previous in data_migrations():
        call_command("migrate", app, previous, verbosity=0)
        call_command("migrate", verbosity=0)
        after = snapshot()
        changed = {
            key: (before[key], after[key])
            for key in before
            if key != "services" and before[key] != after[key]
        }
        if after["services"].keys() != before["services"].keys() or not all(
            locations and set(locations) <= set(before["services"][name_])
            for name_, locations in after["services"].items()
        ):
            changed["services"] = (before["services"], after["services"])
        if changed:
            raise SystemExit(f"{app}.{name} round trip changed {json.dumps(changed)}")
        checked.append(f"{app}.{name}")
    print(json.dumps({"checked": checked, "snapshot": before}))
