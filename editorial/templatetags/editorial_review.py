"""Template tags for the medical review step's modal (templates/editorial/workflow/)."""

from django import template
from django.utils import timezone

from editorial.models import ReviewerProfile

register = template.Library()


@register.simple_tag
def review_action_form(form, task_state):
    """The action's form with its finding fields: Wagtail renders the modal with an unbound form
    that cannot know its task state, so build it here (a bound form already has it)."""
    if form.is_bound or getattr(form, "task_state", None) is not None:
        return form
    return type(form)(task_state=task_state)


@register.simple_tag
def reviewer_stamp(user):
    """(profile, today) the user's approval would put on the page; profile None if unlinked."""
    link = ReviewerProfile.objects.filter(user=user).select_related("profile").first()
    return {"profile": link.profile if link else None, "date": timezone.localdate()}
