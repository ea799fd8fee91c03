"""Dashboard panel: what is due for medical review, and whether the reader can approve."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .models import ReviewerProfile
from .review import max_review_age, pages_due_for_review
from .roles import MEDICAL_REVIEWERS

SHOWN = 5


class ReviewsDuePanel(Component):
    name = "medical_reviews_due"
    order = 110
    template_name = "editorial/reviews_due_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        due = pages_due_for_review()
        is_reviewer = self.user.groups.filter(name=MEDICAL_REVIEWERS).exists()
        return {
            "pages": due[:SHOWN],
            "total": due.count(),
            "max_age_days": max_review_age().days,
            "report_url": reverse("editorial:reviews_due"),
            "missing_profile_link": is_reviewer
            and not ReviewerProfile.objects.filter(user=self.user).exists(),
        }
