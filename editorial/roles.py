"""The four editorial groups, their permissions and the medical review workflow, as data.

``ensure_roles`` and ``attach_to_tree`` are idempotent and take an app registry, so the data
migration runs them on historical models and code can run them on the live ones (after a test
database flush, or when the index pages they attach to are first created).

Permissions that attach to pages need the pages: on a fresh install the migration runs before
the demo content exists, so ``attach_to_tree`` runs again from a signal when an index page is
created (see ``signals.py``).
"""

from django.apps import apps as global_apps

MARKETING_EDITORS = "Marketing editors"
MEDICAL_REVIEWERS = "Medical reviewers"
SEO_TEAM = "SEO team"
FRONT_DESK = "Front-desk staff"
GROUPS = [MARKETING_EDITORS, MEDICAL_REVIEWERS, SEO_TEAM, FRONT_DESK]

WORKFLOW_NAME = "Medical review"
TASK_NAME = "Medical review"
#: Wagtail's initial migrations create these; they would grant more than the roles above.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

#: Permissions that are not Django's add/change/delete/view: "app.codename" -> (model, name).
NAMED_PERMISSIONS = {
    "wagtailadmin.access_admin": ("admin", "Can access Wagtail admin"),
    "editorial.publish_body_changes": (
        "medicalreview",
        "Can publish, unpublish and delete page content (not only titles and search settings)",
    ),
    "editorial.view_reviews_due": (
        "medicalreview",
        "Can see which pages are due for medical review",
    ),
    "attribution.view_bookings_by_content": (
        "dailypageviews",
        "Can see the Bookings by content report",
    ),
}

MODEL_PERMISSIONS = {
    MARKETING_EDITORS: [
        "wagtailadmin.access_admin",
        "services.add_service",
        "services.change_service",
        "editorial.publish_body_changes",
        "editorial.view_reviews_due",
        "attribution.view_bookings_by_content",
    ],
    MEDICAL_REVIEWERS: [
        "wagtailadmin.access_admin",
        "editorial.view_reviews_due",
    ],
    SEO_TEAM: [
        "wagtailadmin.access_admin",
        "articles.add_topictag",
        "articles.change_topictag",
        "articles.delete_topictag",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "editorial.view_reviews_due",
        "attribution.view_bookings_by_content",
    ],
    # Booking permissions are added to this group by the booking app.
    FRONT_DESK: ["wagtailadmin.access_admin"],
}

#: Image permissions on the root collection.
COLLECTION_PERMISSIONS = {
    MARKETING_EDITORS: ["wagtailimages.add_image", "wagtailimages.choose_image"],
    SEO_TEAM: ["wagtailimages.choose_image"],
}

#: Page permissions: group -> [(where, permission types)]; "root" is the whole tree, otherwise
#: the subtree under every page of that index model.
#: Page types renamed since the first data migration that names them ran.
FORMER_NAMES = {"author_profiles.ProfileIndexPage": "author_profiles.TeamIndexPage"}

PAGE_PERMISSIONS = {
    MARKETING_EDITORS: [
        ("root", ["add", "change"]),
        ("articles.TechniqueIndexPage", ["publish"]),
        ("author_profiles.ProfileIndexPage", ["publish"]),
        ("services.LocationIndexPage", ["publish"]),
    ],
    MEDICAL_REVIEWERS: [
        ("articles.ArticleIndexPage", ["change"]),
        ("articles.TechniqueIndexPage", ["change"]),
    ],
    SEO_TEAM: [("root", ["change", "publish"])],
}

#: The medical review workflow covers every page below these index pages.
WORKFLOW_INDEXES = ["articles.ArticleIndexPage", "articles.TechniqueIndexPage"]


def _permission(apps, label):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, codename = label.split(".")
    if label in NAMED_PERMISSIONS:
        model_name, name = NAMED_PERMISSIONS[label]
    else:
        action, model_name = codename.split("_", 1)
        model = apps.get_model(app_label, model_name)
        name = f"Can {action} {model._meta.verbose_name_raw}"
    # Permissions are normally created after migrate; create them now so groups can hold them.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _page_permission(apps, permission_type):
    Page = apps.get_model("wagtailcore", "Page")
    verbose = Page._meta.verbose_name_raw
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{permission_type}_page",
        defaults={"name": f"Can {permission_type} {verbose}"},
    )
    return permission


def ensure_roles(apps=global_apps):
    """Create the groups with their model and image permissions, and the review workflow."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUPS}
    for name, labels in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(_permission(apps, label) for label in labels))
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, labels in COLLECTION_PERMISSIONS.items():
            for label in labels:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=_permission(apps, label),
                )
    _ensure_workflow(apps, groups[MEDICAL_REVIEWERS])
    _retire_wagtail_defaults(apps)
    attach_to_tree(apps)


def _ensure_workflow(apps, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    MedicalReviewTask = apps.get_model("editorial", "MedicalReviewTask")
    task = MedicalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="editorial", model="medicalreviewtask"
        )
        task = MedicalReviewTask.objects.create(
            name=TASK_NAME, active=True, content_type=content_type
        )
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def _retire_wagtail_defaults(apps):
    """Unassign Wagtail's starter "Moderators approval" workflow and drop its empty groups."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowPage.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


def attach_to_tree(apps=global_apps):
    """Grant the subtree page permissions and assign the workflow, where the pages exist."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    def pages(where):
        if where == "root":
            return Page.objects.filter(depth=1)
        try:
            return apps.get_model(where).objects.all()
        except LookupError:  # a migration before the model's rename sees its old name
            return apps.get_model(FORMER_NAMES[where]).objects.all()

    for name, grants in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for where, permission_types in grants:
            for page in pages(where):
                for permission_type in permission_types:
                    GroupPagePermission.objects.get_or_create(
                        group=group,
                        page_id=page.pk,
                        permission=_page_permission(apps, permission_type),
                    )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        for label in WORKFLOW_INDEXES:
            for page in pages(label):
                WorkflowPage.objects.update_or_create(
                    page_id=page.pk, defaults={"workflow": workflow}
                )
