"""Medical review: which pages need it, the stamp an approval writes, and how fresh reviews are."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowState

from .fingerprints import body_fingerprint
from .models import MedicalReview

REVIEWED_PAGE_MODELS = ("articles.ConditionArticlePage", "articles.TechniquePage")
DEFAULT_MAX_AGE_DAYS = 365

REVIEW_STATES = [
    ("never", "Never reviewed"),
    ("due", "Review due"),
    ("current", "Reviewed recently"),
    ("in_review", "In medical review"),
    ("changes_requested", "Changes requested"),
]


def reviewed_models():
    return tuple(apps.get_model(label) for label in REVIEWED_PAGE_MODELS)


def needs_medical_review(page):
    return isinstance(page, reviewed_models())


def max_review_age():
    """How old a review may get before the page is due again (``MEDICAL_REVIEW_MAX_AGE_DAYS``)."""
    return datetime.timedelta(
        days=getattr(settings, "MEDICAL_REVIEW_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
    )


def due_cutoff(today=None):
    """Reviews on or before this date are stale."""
    return (today or timezone.localdate()) - max_review_age()


def record_approval(page, user, profile, task_state=None, resolutions=()):
    """Stamp the latest revision with the reviewer and today's date, and record the approval.

    The ``MedicalReview`` row (with the body fingerprint, the workflow step and the reviewer's
    resolutions of the health-claims findings) is what every public review claim comes from;
    condition articles also get the stamp in their own ``medical_reviewer`` / ``last_reviewed``
    fields (a new revision, which the workflow then publishes) for listings and filters.
    """
    page = page.specific
    revision = page.get_latest_revision()
    draft = revision.as_object()
    today = timezone.localdate()
    if hasattr(draft, "medical_reviewer") and hasattr(draft, "last_reviewed"):
        draft.medical_reviewer = profile
        draft.last_reviewed = today
        revision = draft.save_revision(user=user, clean=False)
    log(
        instance=draft,
        action="editorial.review_stamp",
        user=user,
        revision=revision,
        data={"reviewer": profile.title, "date": today.isoformat()},
    )
    return MedicalReview.objects.create(
        page_id=page.pk,
        revision=revision,
        reviewer=user,
        reviewer_profile=profile,
        body_fingerprint=body_fingerprint(draft),
        task_state=task_state,
        resolutions=list(resolutions),
    )


def approved_fingerprint(page):
    return (
        MedicalReview.objects.filter(page_id=page.pk)
        .values_list("body_fingerprint", flat=True)
        .first()
    )


def live_fingerprint(page):
    """Fingerprint of the version visitors see now, or None if the page is not live."""
    if not page.pk:
        return None
    # A page being created with "Publish" is already saved with live=True but not yet published.
    live = type(page).objects.filter(pk=page.pk, live=True, live_revision__isnull=False).first()
    return body_fingerprint(live) if live else None


def _workflow_status(status):
    return models.Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(models.OuterRef("pk"), models.CharField()),
            status=status,
        )
    )


def with_last_review(queryset):
    """Annotate pages with ``last_review`` (date), ``last_reviewer_id`` (profile) and workflow flags.

    Articles keep the public stamp in their own fields; other reviewed types fall back to their
    latest ``MedicalReview``.
    """
    latest = MedicalReview.objects.filter(page_id=models.OuterRef("pk"))
    return queryset.annotate(
        last_review=Coalesce(
            models.F("conditionarticlepage__last_reviewed"),
            models.Subquery(
                latest.annotate(day=TruncDate("reviewed_at")).values("day")[:1],
                output_field=models.DateField(),
            ),
        ),
        last_reviewer_id=Coalesce(
            models.F("conditionarticlepage__medical_reviewer_id"),
            models.Subquery(latest.values("reviewer_profile_id")[:1]),
            output_field=models.IntegerField(),
        ),
        in_review=_workflow_status(WorkflowState.STATUS_IN_PROGRESS),
        changes_requested=_workflow_status(WorkflowState.STATUS_NEEDS_CHANGES),
    )


def reviewed_pages(queryset=None):
    """Pages of the medically reviewed types, annotated by ``with_last_review``."""
    queryset = Page.objects.all() if queryset is None else queryset
    return with_last_review(queryset.type(*reviewed_models()))


def filter_review_state(queryset, state, today=None):
    """Reviewed pages in one of ``REVIEW_STATES`` (all reviewed pages for an unknown state)."""
    queryset = reviewed_pages(queryset)
    cutoff = due_cutoff(today)
    if state == "never":
        return queryset.filter(last_review__isnull=True)
    if state == "due":
        return queryset.filter(
            models.Q(last_review__isnull=True) | models.Q(last_review__lte=cutoff)
        )
    if state == "current":
        return queryset.filter(last_review__gt=cutoff)
    if state == "in_review":
        return queryset.filter(in_review=True)
    if state == "changes_requested":
        return queryset.filter(changes_requested=True)
    return queryset


def pages_due_for_review(today=None):
    """Live reviewed pages whose last review is missing or older than the configured age."""
    return (
        filter_review_state(Page.objects.live(), "due", today)
        .order_by(models.F("last_review").asc(nulls_first=True), "title")
        .specific()
    )


def review_cycle(page):
    """A key for the page's current review cycle: its last review date, or "never"."""
    return page.last_review.isoformat() if page.last_review else "never"
