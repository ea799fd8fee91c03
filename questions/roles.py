"""Who moderates questions: Marketing editors run the queue (view, answer, publish, reject,
delete); Medical reviewers may answer (change). Groups are the editorial app's, by name."""

from django.apps import apps as global_apps

GRANTS = {
    "Marketing editors": ["view_question", "change_question", "delete_question"],
    "Medical reviewers": ["view_question", "change_question"],
}


def grant_permissions(apps=global_apps):
    """Idempotent; takes an app registry so the data migration can run it on historical
    models (and tests after a database flush)."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("questions")
    if apps is not global_apps:
        config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    if apps is not global_apps:
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="questions", codename__in=codenames)
        )
