"""The permission matrix: what each group can and cannot do, one row per capability."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowPage
from wagtail.permissions import policy_registry

from editorial.models import MedicalReviewTask
from editorial.publishing import can_remove_content
from editorial.roles import (
    FRONT_DESK,
    GROUPS,
    MARKETING_EDITORS,
    MEDICAL_REVIEWERS,
    MODEL_PERMISSIONS,
    SEO_TEAM,
    attach_to_tree,
    ensure_roles,
)

ROLES = ["editor", "reviewer", "seo", "front_desk"]


def image_permission(user, action):
    return policy_registry.get_by_type(get_image_model()).user_has_permission(user, action)


def perms_for(user, page):
    return page.specific.permissions_for_user(user)


CAPABILITIES = {
    "create a condition article": lambda u, s: perms_for(u, s["articles"]).can_add_subpage(),
    "edit a condition article": lambda u, s: perms_for(u, s["article"]).can_edit(),
    "publish a condition article without review": lambda u, s: (
        perms_for(u, s["article"]).can_publish() and u.has_perm("editorial.publish_body_changes")
    ),
    "publish title/search changes to an article": lambda u, s: perms_for(
        u, s["article"]
    ).can_publish(),
    "edit a technique page": lambda u, s: perms_for(u, s["technique"]).can_edit(),
    "publish a technique page": lambda u, s: perms_for(u, s["technique"]).can_publish(),
    "edit a team profile": lambda u, s: perms_for(u, s["author"]).can_edit(),
    "publish a team profile": lambda u, s: perms_for(u, s["author"]).can_publish(),
    "publish a location page": lambda u, s: perms_for(u, s["location"]).can_publish(),
    "delete a live technique page": lambda u, s: (
        perms_for(u, s["technique"]).can_delete() and can_remove_content(u)
    ),
    "unpublish a location page": lambda u, s: (
        perms_for(u, s["location"]).can_unpublish() and can_remove_content(u)
    ),
    "approve a medical review": lambda u, s: (
        "approve" in [a[0] for a in MedicalReviewTask.objects.get().get_actions(s["article"], u)]
    ),
    "request changes in a medical review": lambda u, s: (
        "reject" in [a[0] for a in MedicalReviewTask.objects.get().get_actions(s["article"], u)]
    ),
    # Nobody types them: an approval sets them (the fields are in no editor form).
    "type the medical reviewer or review date": lambda u, s: bool(
        {"medical_reviewer", "last_reviewed"}
        & set(type(s["article"]).get_edit_handler().get_form_class().base_fields)
    ),
    "upload images": lambda u, s: image_permission(u, "add"),
    "choose images": lambda u, s: image_permission(u, "choose"),
    "manage topic tags": lambda u, s: (
        u.has_perm("articles.change_topictag") and u.has_perm("articles.delete_topictag")
    ),
    "manage redirects": lambda u, s: u.has_perm("wagtailredirects.change_redirect"),
    "edit bookable services": lambda u, s: u.has_perm("services.change_service"),
    "see which reviews are due": lambda u, s: u.has_perm("editorial.view_reviews_due"),
    "open the Wagtail admin": lambda u, s: u.has_perm("wagtailadmin.access_admin"),
}

#: capability -> (editor, reviewer, seo, front_desk)
MATRIX = {
    "create a condition article": (True, False, False, False),
    "edit a condition article": (True, True, True, False),
    "publish a condition article without review": (False, False, False, False),
    "publish title/search changes to an article": (False, False, True, False),
    "edit a technique page": (True, True, True, False),
    "publish a technique page": (True, False, True, False),
    "edit a team profile": (True, False, True, False),
    "publish a team profile": (True, False, True, False),
    "publish a location page": (True, False, True, False),
    "delete a live technique page": (True, False, False, False),
    "unpublish a location page": (True, False, False, False),
    "approve a medical review": (False, True, False, False),
    "request changes in a medical review": (False, True, False, False),
    "type the medical reviewer or review date": (False, False, False, False),
    "upload images": (True, False, False, False),
    "choose images": (True, False, True, False),
    "manage topic tags": (False, False, True, False),
    "manage redirects": (False, False, True, False),
    "edit bookable services": (True, False, False, False),
    "see which reviews are due": (True, True, True, False),
    "open the Wagtail admin": (True, True, True, True),
}


def test_permission_matrix(site, users, subtests):
    """Each capability for each group, as a subtest per row of the matrix."""
    for capability, expected in MATRIX.items():
        with subtests.test(capability=capability):
            check = CAPABILITIES[capability]
            actual = tuple(bool(check(users[role], site)) for role in ROLES)
            assert actual == expected, dict(zip(ROLES, actual, strict=True))


#: Model permissions no member of the group may hold (other apps may add permissions to these
#: groups, e.g. bookings for the front desk, but never these).
FORBIDDEN = {
    MARKETING_EDITORS: {"articles.delete_topictag"},
    MEDICAL_REVIEWERS: {"editorial.publish_body_changes", "wagtailimages.add_image"},
    SEO_TEAM: {"editorial.publish_body_changes"},
    FRONT_DESK: {"editorial.publish_body_changes", "editorial.view_reviews_due"},
}


def test_groups_hold_the_declared_model_permissions_and_none_of_the_forbidden(db):
    for name in GROUPS:
        group = Group.objects.get(name=name)
        held = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert set(MODEL_PERMISSIONS[name]) <= held, name
        assert not held & FORBIDDEN[name], name


def test_only_declared_groups_hold_page_permissions(site):
    from wagtail.models import GroupPagePermission

    holders = set(GroupPagePermission.objects.values_list("group__name", flat=True))
    assert holders == {MARKETING_EDITORS, MEDICAL_REVIEWERS, SEO_TEAM}
    removal = GroupPagePermission.objects.filter(
        permission__codename__in=["bulk_delete_page", "unlock_page"]
    )
    assert not removal.exists()


def test_nobody_is_in_a_group_by_default_and_wagtail_starter_groups_are_gone(db):
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUPS)
    assert not Group.objects.filter(user__isnull=False).exists()


def test_front_desk_cannot_open_page_editing_at_all(site, users, login):
    client = login(users["front_desk"])
    for page in (site["article"], site["location"], site["home"]):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/" in response["Location"]
    explorer = client.get(reverse("wagtailadmin_explore", args=[site["home"].pk]))
    assert explorer.status_code in (302, 403)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Medical reviews due" not in dashboard.content.decode()


def test_workflow_covers_articles_and_techniques_only(site):
    assert site["article"].get_workflow().name == "Medical review"
    assert site["technique"].get_workflow().name == "Medical review"
    assert site["author"].get_workflow() is None
    assert site["location"].get_workflow() is None


def test_setup_is_idempotent(site):
    counts = (Group.objects.count(), WorkflowPage.objects.count(), Page.objects.count())
    ensure_roles()
    attach_to_tree()
    assert (Group.objects.count(), WorkflowPage.objects.count(), Page.objects.count()) == counts
    assert MedicalReviewTask.objects.count() == 1
