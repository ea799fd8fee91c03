"""The "SEO team" group's permissions, applied by a data migration (and reusable in tests).

The SEO team manages topics, redirects, search fields and site search settings, reads the
SEO reports, and edits pages without publishing them (so they cannot publish body changes,
nor delete live pages). Marketing editors must not merge or delete topics.
"""

SEO_TEAM = "SEO team"
MARKETING_EDITORS = "Marketing editors"

SEO_TEAM_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("articles", "topictag", "add_topictag"),
    ("articles", "topictag", "change_topictag"),
    ("articles", "topictag", "delete_topictag"),
    ("articles", "topictag", "view_topictag"),
    ("spa_site", "seopermission", "edit_seo_fields"),
    ("spa_site", "seopermission", "view_seo_reports"),
    ("spa_site", "sitesettings", "change_sitesettings"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
]
SEO_TEAM_PAGE_PERMISSIONS = ["change_page"]
SEO_TEAM_IMAGE_PERMISSIONS = ["choose_image"]
#: Topic permissions marketing editors must never hold (merging needs delete).
MARKETING_FORBIDDEN = [("articles", "topictag", "delete_topictag")]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def apply_group_permissions(apps, schema_editor=None):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    seo_team, _ = Group.objects.get_or_create(name=SEO_TEAM)
    seo_team.permissions.add(*(_permission(apps, *spec) for spec in SEO_TEAM_PERMISSIONS))
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in SEO_TEAM_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=seo_team,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in SEO_TEAM_IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=seo_team,
                collection=root_collection,
                permission=_permission(apps, "wagtailimages", "image", codename),
            )

    marketing, _ = Group.objects.get_or_create(name=MARKETING_EDITORS)
    marketing.permissions.remove(*(_permission(apps, *spec) for spec in MARKETING_FORBIDDEN))


def remove_group_permissions(apps, schema_editor=None):
    """Takes back what ``apply_group_permissions`` gave. The group stays, with its members and
    what later migrations granted it (deleting it would sign everyone out of their role)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    seo_team = Group.objects.filter(name=SEO_TEAM).first()
    if seo_team is None:
        return
    seo_team.permissions.remove(*(_permission(apps, *spec) for spec in SEO_TEAM_PERMISSIONS))
    GroupPagePermission.objects.filter(
        group=seo_team, permission__codename__in=SEO_TEAM_PAGE_PERMISSIONS
    ).delete()
    GroupCollectionPermission.objects.filter(
        group=seo_team, permission__codename__in=SEO_TEAM_IMAGE_PERMISSIONS
    ).delete()
