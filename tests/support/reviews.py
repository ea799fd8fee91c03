"""Real medical reviews for tests: the workflow's own approval, never a typed stamp.

A page claims "Medically reviewed by … on …" only from a recorded approval, so tests that need
a reviewed page run the Medical review workflow the way the admin does (start, then the task's
``on_action`` with every health-claim finding accepted), optionally backdated.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from author_profiles.models import ProfileIndexPage, ProfilePage
from editorial.claims import sync_review_stamp
from editorial.findings import ACCEPTED, findings_under_review, resolution
from editorial.models import MedicalReview, ReviewerProfile
from editorial.roles import MEDICAL_REVIEWERS


def reviewer_account(profile=None, username="test-reviewer"):
    """A member of the Medical reviewers group linked to ``profile`` (made if not given)."""
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com"}
    )
    user.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
    link = ReviewerProfile.objects.filter(user=user).first()
    if link is None:
        if profile is None:
            profile = ProfilePage.objects.filter(slug=username).first()
        if profile is None:
            profile = ProfilePage(title="Dr Test Reviewer", slug=username, job_title="MD")
            ProfileIndexPage.objects.first().add_child(instance=profile)
            profile.save_revision().publish()
        link = ReviewerProfile.objects.create(user=user, profile=profile)
    return user


def approve(page, reviewer=None, days_ago=0, note="Checked against the sources."):
    """Approve the latest revision of ``page`` in the Medical review workflow (which publishes
    it), accepting every finding with ``note``; the review is dated ``days_ago`` days back."""
    reviewer = reviewer or reviewer_account()
    page = type(page.specific).objects.get(pk=page.pk)
    if page.get_latest_revision() is None:
        page.save_revision(user=reviewer)
    state = page.current_workflow_state or page.get_workflow().start(page, reviewer)
    task_state = state.current_task_state.specific
    accepted = [resolution(f, ACCEPTED, note) for f in findings_under_review(task_state)]
    task_state.task.specific.on_action(task_state, reviewer, "approve", resolutions=accepted)
    if days_ago:
        # Noon local time, ``days_ago`` calendar days back: 24-hour steps across a DST change
        # would land on the day before between midnight and 1 a.m.
        day = timezone.localdate() - datetime.timedelta(days=days_ago)
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        reviews = MedicalReview.objects.filter(page_id=page.pk)
        latest = reviews.order_by("-pk").first()
        # Earlier reviews stay earlier than this one, as they would have been.
        reviews.filter(reviewed_at__gte=when).exclude(pk=latest.pk).update(
            reviewed_at=when - datetime.timedelta(days=1)
        )
        reviews.filter(pk=latest.pk).update(reviewed_at=when)
        sync_review_stamp(instance=type(page).objects.get(pk=page.pk))
    return type(page).objects.get(pk=page.pk)
