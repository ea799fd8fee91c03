"""Medical review records, the reviewer ↔ profile link, the review task and digest bookkeeping.

Nothing here adds a field to a content model: a page's review history lives in ``MedicalReview``
(reachable as ``page.medical_reviews``). Every public "Medically reviewed by … on …" comes from
one of those records (``claims.py``); condition articles also carry a copy in their
``medical_reviewer`` / ``last_reviewed`` fields for listings and filters, written only by an
approval and corrected on every publish.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask, TaskState


class ReviewerProfile(models.Model):
    """Links a user account to the profile named on pages that person reviews.

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
        "author_profiles.ProfilePage",
        on_delete=models.CASCADE,
        related_name="reviewer_account",
        verbose_name="profile",
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
        "author_profiles.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    body_fingerprint = models.CharField(
        max_length=64, help_text="SHA-256 of the reviewed body text at approval."
    )
    task_state = models.ForeignKey(
        TaskState,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The approved step of the Medical review workflow this record comes from.",
    )
    resolutions = models.JSONField(
        default=list, blank=True, help_text="How the reviewer resolved each health-claim finding."
    )

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = "reviewed_at"
        permissions = [
            (
                "publish_body_changes",
                "Can publish, unpublish and delete page content (not only titles and search settings)",
            ),
            ("view_reviews_due", "Can see which pages are due for medical review"),
        ]

    def __str__(self):
        return f"{self.page} reviewed {self.reviewed_at:%Y-%m-%d}"


class MedicalReviewTaskState(TaskState):
    """One medical review step, with the reviewer's resolution of each health-claim finding."""

    resolutions = models.JSONField(
        default=list,
        blank=True,
        help_text="Each finding of the health-claims check: accepted with a note, or sent back.",
    )

    def get_comment(self):
        """Shown in the page history and the workflow history: comment plus resolutions."""
        from .findings import describe

        return "\n".join(filter(None, [self.comment, *describe(self.resolutions)]))

    class Meta:
        verbose_name = "medical review task state"


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Group approval in which the reviewer faces the health-claims check before approving.

    Approve is a form (``forms.ApproveForm``): every finding on the version to be published
    must be accepted with a note, and the approver must be a member of the task's groups with
    a linked public profile, because the approval puts that name on the page. Request changes
    names the findings the editor must change. Approval records a ``MedicalReview`` and stamps
    the page; the workflow's finish action then publishes it.
    """

    task_state_class = MedicalReviewTaskState

    def get_actions(self, obj, user):
        if self._user_in_groups(user):
            # Approve always opens its form: it shows the findings and the name it will stamp.
            return [("reject", "Request changes", True), ("approve", "Approve", True)]
        if user.is_superuser:
            return [("reject", "Request changes", True)]
        return []

    def get_form_for_action(self, action):
        from .forms import ApproveForm, RequestChangesForm

        return ApproveForm if action == "approve" else RequestChangesForm

    def get_template_for_action(self, action):
        return "editorial/workflow/review_action.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, comment="", resolutions=None, **kwargs):
        from .findings import accepted_resolutions, change_requests, findings_under_review

        task_state = task_state.specific
        findings = findings_under_review(task_state)
        if action_name == "approve":
            link = ReviewerProfile.objects.filter(user=user).select_related("profile").first()
            if not self._user_in_groups(user) or link is None:
                raise PermissionDenied(
                    "Only a medical reviewer whose account is linked to a reviewer profile "
                    "can approve."
                )
            accepted = accepted_resolutions(findings, resolutions)
            task_state.resolutions = accepted
            from .review import record_approval

            record_approval(
                task_state.workflow_state.content_object, user, link.profile, task_state, accepted
            )
        elif action_name == "reject":
            task_state.resolutions = change_requests(findings, resolutions)
        return super().on_action(task_state, user, action_name, comment=comment, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups face the health-claims check and approve; approval "
            "stamps the page with the reviewer's profile and the date."
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
