"""Admin wiring for the editorial workflow: publish rules, expiry, reports, dashboard, listings."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, WorkflowState

from .claims import review_claims
from .components import ReviewsDuePanel
from .findings import describe
from .publishing import can_remove_content, publish_refusal
from .review import needs_medical_review
from .views import ReviewsDueView
from .viewsets import (
    ConditionArticlePageViewSet,
    EditorialPageViewSet,
    ReviewerProfileViewSet,
    TechniquePageViewSet,
)

REMOVAL_REFUSAL = (
    "Your role can change titles and search settings, but not unpublish or delete pages. "
    "Ask a marketing editor."
)


def _back_to_editor(request, page, message):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def check_publish_rules(request, page):
    """Runs after the draft revision is saved and before it is published (edit, create, revert)."""
    refusal = publish_refusal(request.user, page)
    if refusal:
        if page.live and not page.live_revision_id:
            # The create view saves a new page as live before publishing it: keep it a draft.
            Page.objects.filter(pk=page.pk).update(live=False)
        return _back_to_editor(request, page, refusal)
    return None


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    """Put the reviewer's comment where the editor looks: at the top of the editor."""
    state = page.current_workflow_state if request.method == "GET" else None
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = state.current_task_state.specific if state.current_task_state else None
    if task_state is None:
        return
    reviewer = task_state.finished_by
    name = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else "A reviewer"
    if task_state.comment:
        messages.warning(request, f"Changes requested by {name}: “{task_state.comment}”")
    for line in describe(getattr(task_state, "resolutions", [])):
        messages.warning(request, f"{name} asks: {line}")


@hooks.register("before_bulk_action")
def check_bulk_publish_rules(request, action_type, objects, action_class_instance):
    if action_class_instance.model is not Page and not issubclass(
        action_class_instance.model, Page
    ):
        return None
    if action_type in {"unpublish", "delete"} and not can_remove_content(request.user):
        messages.error(request, REMOVAL_REFUSAL)
        return redirect(action_class_instance.next_url)
    if action_type == "publish":
        for page in objects:
            revision = page.get_latest_revision()
            candidate = revision.as_object() if revision else page.specific
            refusal = publish_refusal(request.user, candidate)
            if refusal:
                messages.error(request, refusal)
                return redirect(action_class_instance.next_url)
    return None


@hooks.register("before_delete_page")
@hooks.register("before_unpublish_page")
def check_content_removal(request, page):
    if not can_remove_content(request.user):
        return _back_to_editor(request, page, REMOVAL_REFUSAL)
    return None


@hooks.register("construct_page_action_menu")
def hide_unpublish_from_title_only_publishers(menu_items, request, context):
    if not can_remove_content(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


@hooks.register("before_copy_page")
def refuse_publishing_unreviewed_copies(request, page):
    """A copy is a new page: it goes live only through its own medical review."""
    if (
        request.method == "POST"
        and request.POST.get("publish_copies")
        and needs_medical_review(page.specific)
    ):
        return _back_to_editor(
            request,
            page,
            "A copy of a medically reviewed page needs its own review: copy it without "
            "publishing, then submit the copy to Medical review.",
        )
    return None


@hooks.register("register_log_actions")
def register_review_stamp_action(actions):
    actions.register_action(
        "editorial.review_stamp", "Stamp medical review", "Medical review stamped on the page"
    )


@hooks.register("register_review_claims")
def provide_review_claims():
    return review_claims


@hooks.register("construct_homepage_panels")
def add_reviews_due_panel(request, panels):
    if request.user.has_perm("editorial.view_reviews_due"):
        panels.append(ReviewsDuePanel(request.user))


@hooks.register("register_admin_urls")
def register_editorial_urls():
    urls = [
        path("reviews-due/", ReviewsDueView.as_view(), name="reviews_due"),
        path(
            "reviews-due/results/",
            ReviewsDueView.as_view(results_only=True),
            name="reviews_due_results",
        ),
    ]
    return [path("editorial/", include((urls, "editorial"), namespace="editorial"))]


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("editorial.view_reviews_due")


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(
        "Medical reviews due",
        reverse("editorial:reviews_due"),
        icon_name="time",
        name="medical-reviews-due",
        order=150,
    )


@hooks.register("register_admin_viewset")
def register_reviewer_profiles():
    return ReviewerProfileViewSet("reviewer_profiles")


@hooks.register("register_admin_viewset")
def register_page_listings():
    return [EditorialPageViewSet(), ConditionArticlePageViewSet(), TechniquePageViewSet()]
