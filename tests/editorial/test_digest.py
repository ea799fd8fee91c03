"""The daily review digest: what is due goes to the right reviewer, once per review cycle."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import ConditionArticlePage
from editorial.models import ReviewReminder
from tests.support.reviews import approve


def set_last_reviewed(article, when, reviewer=None):
    """A real approval by ``reviewer`` (a user; default a reviewer of its own), dated ``when``."""
    return approve(article, reviewer, days_ago=(timezone.localdate() - when).days)


def test_digest_run_twice_sends_once(site, mailoutbox):
    call_command("send_review_digest", verbosity=0)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["reviewer@example.com"]
    assert "Back Spasm" in message.body and "never reviewed" in message.body
    assert "/admin/pages/" in message.body

    call_command("send_review_digest", verbosity=0)
    assert len(mailoutbox) == 1
    assert ReviewReminder.objects.count() == 2  # the article and the technique, once each


def test_digest_lists_only_stale_reviews_and_routes_them_to_the_named_reviewer(
    site, users, django_user_model, mailoutbox, settings
):
    settings.MEDICAL_REVIEW_MAX_AGE_DAYS = 365
    other = django_user_model.objects.create_user("other", "other@example.com", "pw")
    other.groups.add(users["reviewer"].groups.get())
    today = timezone.localdate()
    set_last_reviewed(site["article"], today - datetime.timedelta(days=400), users["reviewer"])
    fresh = ConditionArticlePage.objects.get(pk=site["article"].pk)
    assert fresh.last_reviewed < today

    call_command("send_review_digest", verbosity=0)

    by_recipient = {m.to[0]: m.body for m in digests(mailoutbox)}
    assert "Back Spasm" in by_recipient["reviewer@example.com"]
    assert "Back Spasm" not in by_recipient.get("other@example.com", "")
    assert "Trigger Point Therapy" in by_recipient["other@example.com"]  # nobody owns it


def digests(mailoutbox):
    """The digest e-mails (the workflow also notifies reviewers of each submission)."""
    return [m for m in mailoutbox if m.subject.startswith("Medical review due")]


def test_recent_review_is_not_due_and_a_new_cycle_reports_again(site, users, mailoutbox):
    today = timezone.localdate()
    reviewer = users["reviewer"]
    set_last_reviewed(site["article"], today - datetime.timedelta(days=30), reviewer)
    call_command("send_review_digest", verbosity=0)
    assert all("Back Spasm" not in m.body for m in digests(mailoutbox))

    set_last_reviewed(site["article"], today - datetime.timedelta(days=366), reviewer)
    call_command("send_review_digest", verbosity=0)
    assert "Back Spasm" in digests(mailoutbox)[-1].body
    sent = len(digests(mailoutbox))
    set_last_reviewed(site["article"], today - datetime.timedelta(days=500), reviewer)
    call_command("send_review_digest", verbosity=0)
    assert len(digests(mailoutbox)) == sent + 1  # another cycle, another reminder


def test_dry_run_sends_and_records_nothing(site, mailoutbox, capsys):
    call_command("send_review_digest", "--dry-run")
    assert mailoutbox == []
    assert not ReviewReminder.objects.exists()
    assert "Would send reviewer@example.com 2 page(s)" in capsys.readouterr().out


def test_no_reviewer_to_tell_is_a_readable_error(site, users, mailoutbox):
    users["reviewer"].groups.clear()
    with pytest.raises(CommandError, match="no active member of “Medical reviewers”"):
        call_command("send_review_digest")
    assert mailoutbox == []


def test_failed_send_records_nothing_so_the_next_run_retries(site, mailoutbox, monkeypatch):
    from editorial.management.commands import send_review_digest

    def broken(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(send_review_digest, "send_mail", broken)
    with pytest.raises(CommandError, match="Could not e-mail reviewer@example.com"):
        call_command("send_review_digest", verbosity=0)
    assert not ReviewReminder.objects.exists()
    monkeypatch.undo()
    call_command("send_review_digest", verbosity=0)
    assert len(mailoutbox) == 1
