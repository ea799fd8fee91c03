"""Medical review records, the reviewer ↔ profile link, the review task and digest bookkeeping.

Nothing here adds a field to a content model: a page's review history lives in ``MedicalReview``
(reachable as ``page.medical_reviews``), and the public stamp is written into the page's own
``medical_reviewer`` / ``last_reviewed`` fields when a reviewer approves.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask


class ReviewerProfile(models.Model):
    """Links a user account to the author profile named on pages that person reviews.

    A medical reviewer without a link can request changes but cannot approve: the approval has
    to put a real, public name on the page.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        help_text="The account the reviewer logs in with.",
    )
    profile = models.OneToOneField(
        "author_profiles.AuthorProfilePage",
        on_delete=models.CASCADE,
        related_name="reviewer_account",
        verbose_name="author profile",
        help_text="The profile shown as “Medically reviewed by …” on pages this person approves.",
    )

    panels = [FieldPanel("user"), FieldPanel("profile")]

    class Meta:
        verbose_name = "reviewer profile link"

    def __str__(self):
        return f"{self.user.get_username()} → {self.profile.title}"


class MedicalReview(models.Model):
    """One approval in the medical review step: who, when, and a fingerprint of what they saw."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="medical_reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    reviewer_profile = models.ForeignKey(
        "author_profiles.AuthorProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    body_fingerprint = models.CharField(
        max_length=64, help_text="SHA-256 of the reviewed body text at approval."
    )

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = "reviewed_at"
        permissions = [
            ("change_review_fields", "Can edit a page's medical reviewer and review date"),
            (
                "publish_body_changes",
                "Can publish, unpublish and delete page content (not only titles and search settings)",
            ),
            ("view_reviews_due", "Can see which pages are due for medical review"),
        ]

    def __str__(self):
        return f"{self.page} reviewed {self.reviewed_at:%Y-%m-%d}"


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Group approval that stamps the page with the approver's profile and today's date."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and not ReviewerProfile.objects.filter(user=user).exists():
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from .review import record_approval

            profile = ReviewerProfile.objects.filter(user=user).select_related("profile").first()
            if profile is None:
                raise PermissionDenied("Link your account to an author profile before approving.")
            record_approval(task_state.workflow_state.content_object, user, profile.profile)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve health claims; approval stamps the page "
            "with the reviewer's profile and the date."
        )

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"


class ReviewReminder(models.Model):
    """A due page already sent to a reviewer in a digest, once per review cycle.

    ``cycle`` is the page's last review date (or "never"): a new review starts a new cycle,
    so the page is reported again when it next falls due, and never twice in one cycle.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    cycle = models.CharField(max_length=10)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "page", "cycle"], name="one_reminder_per_review_cycle"
            )
        ]

    def __str__(self):
        return f"{self.page} to {self.recipient} ({self.cycle})"
