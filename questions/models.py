"""A visitor's question on an article or technique page, and the answer a therapist gives.

Nothing a visitor types is public until an editor sets the status to *published*, which needs
an answer and the profile of the therapist or reviewer who gave it. The asker's e-mail address
is kept only to send that answer (when they ticked the box), is never shown in the admin, the
pages or the API, and is blanked once sent or when its retention ends (``purge_questions``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from spa_site.health_claims import check_text
from spa_site.text import multi_line, single_line

QUESTION_MIN_LENGTH = 10
QUESTION_MAX_LENGTH = 1000
FIRST_NAME_MAX_LENGTH = 40
ANSWER_MAX_LENGTH = 3000


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)


class Question(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        ANSWERED = "answered", "Answered (not yet on the page)"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="visitor_questions",
        help_text="The article or technique page it was asked on.",
    )
    question = models.TextField(
        max_length=QUESTION_MAX_LENGTH,
        validators=[multi_line],
        help_text="What the visitor asked. Correct a typo if you must; never change the meaning.",
    )
    first_name = models.CharField(
        max_length=FIRST_NAME_MAX_LENGTH,
        validators=[single_line],
        help_text="Shown with the question.",
    )
    # Never shown or exported: used once to send the answer, then blanked.
    email = models.EmailField(blank=True, editable=False)
    reply_consent = models.BooleanField(
        "wants the answer by e-mail",
        default=False,
        editable=False,
        help_text="The visitor agreed to receive the answer by e-mail (sent once on publishing).",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        help_text="Only published questions appear on the page, with their answer.",
    )
    answer = models.TextField(
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[multi_line],
        help_text="Plain text; a blank line starts a new paragraph. No promises of a cure.",
    )
    answered_by = models.ForeignKey(
        "author_profiles.ProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions_answered",
        help_text="The therapist or reviewer who gave the answer: their name and profile link "
        "appear with it (if the profile is deleted later, the answer stays, from “our team”).",
    )
    created_at = models.DateTimeField("asked", default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    reply_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    promoted_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was copied into a draft of the page's FAQ.",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "status", "published_at"])]
        constraints = [
            models.CheckConstraint(
                name="published_question_has_answer",
                condition=~models.Q(status="published") | ~models.Q(answer=""),
            )
        ]

    def __str__(self):
        return Truncator(" ".join(self.question.split())).chars(80)

    def save(self, *args, **kwargs):
        # Browsers send CRLF from a textarea; store one kind of line break.
        self.question = self.question.replace("\r\n", "\n").replace("\r", "\n")
        self.answer = self.answer.replace("\r\n", "\n").replace("\r", "\n")
        now = timezone.now()
        if self.status == self.Status.NEW and self.answer.strip() and self.answered_by_id:
            self.status = self.Status.ANSWERED
        if self.status in (self.Status.ANSWERED, self.Status.PUBLISHED) and not self.answered_at:
            self.answered_at = now
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = now
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def will_email_answer(self):
        """For the admin: whether publishing sends the answer (the address itself stays hidden)."""
        return bool(self.reply_consent and self.email and not self.reply_sent_at)

    @property
    def can_join_faq(self):
        """Answered, on a condition article (technique pages have no FAQ)."""
        from .promotion import can_promote

        return can_promote(self)

    def clean(self):
        errors = {}
        if self.status in (self.Status.ANSWERED, self.Status.PUBLISHED):
            if not self.answer.strip():
                errors["answer"] = "Write the answer first."
            if self.answered_by_id is None:
                errors["answered_by"] = "Choose the therapist or reviewer who gave the answer."
        if self.status == self.Status.PUBLISHED and self.answer.strip():
            findings = check_text(self.answer)
            if findings:
                phrases = "; ".join(f"{f.phrases} ({f.labels})" for f in findings)
                errors.setdefault(
                    "answer",
                    f"Reword before publishing, this reads as a health claim: {phrases}.",
                )
        if errors:
            raise ValidationError(errors)
