"""Renaming a model in a migration: Django renames its content type, not its permissions.

Without this, a group given ``change_oldname`` before the upgrade would keep a permission
whose codename no check asks for, and ``post_migrate`` would add a second, ungranted set.
"""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(app_label, old, new):
    """A reversible ``RunPython`` giving ``old``'s permissions ``new``'s codenames."""

    def rename(apps, schema_editor, source=old, target=new):
        Permission = apps.get_model("auth", "Permission")
        for action in ACTIONS:
            Permission.objects.filter(
                content_type__app_label=app_label, codename=f"{action}_{source.lower()}"
            ).update(codename=f"{action}_{target.lower()}")

    return migrations.RunPython(
        rename, lambda apps, schema_editor: rename(apps, schema_editor, new, old)
    )
