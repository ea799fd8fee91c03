"""Helpers for the editorial browser journeys (their fixtures live in conftest.py)."""

import json
import re
import time
from contextlib import contextmanager

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from author_profiles.models import ProfilePage
from editorial.models import ReviewerProfile
from editorial.roles import (
    FRONT_DESK,
    MARKETING_EDITORS,
    MEDICAL_REVIEWERS,
    SEO_TEAM,
    ensure_roles,
)
from spa_site.seo import groups as seo_groups

PASSWORD = "correct-horse-battery"  # noqa: S105 - throwaway test accounts
ACCOUNTS = {
    "editor": ("Erin", "Editor", MARKETING_EDITORS),
    "reviewer": ("Ada", "Reviewer", MEDICAL_REVIEWERS),
    "seo": ("Sam", "Seo", SEO_TEAM),
    "frontdesk": ("Fran", "Desk", FRONT_DESK),
}
REVIEWER_NAME = "Dr Ada Reviewer"


def create_editorial_accounts():
    """The editorial groups (flushed with the database after each live-server test), one user
    per group, and the reviewer's profile linked to their account."""
    ensure_roles()
    seo_groups.apply_group_permissions(django_apps)  # the SEO team's own data migration
    User = get_user_model()
    for username, (first, last, group) in ACCOUNTS.items():
        user = User.objects.create_user(
            username, f"{username}@example.com", PASSWORD, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=group))
    team = ProfilePage.objects.get(slug="mara-swick").get_parent()
    profile = ProfilePage(title=REVIEWER_NAME, slug="ada-reviewer", job_title="Physician")
    team.add_child(instance=profile)
    profile.save_revision().publish()
    ReviewerProfile.objects.create(user=User.objects.get(username="reviewer"), profile=profile)


def log_in(page, server, username):
    page.goto(f"{server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/admin/")


def log_out(page):
    page.context.clear_cookies()


def open_more_actions(page):
    """The footer's primary button is "Save draft"; the others sit behind its toggle."""
    page.locator("footer .w-dropdown__toggle").click()


def fill_rich_text(page, hidden_input_id, text):
    """Type into a Draftail editor and wait until it has written the hidden input it saves."""
    field = page.locator(f"#{hidden_input_id}").locator("xpath=..")
    field.locator(".public-DraftEditor-content").click()
    page.keyboard.type(text)
    expect(page.locator(f"#{hidden_input_id}")).to_have_value(re.compile(re.escape(text)))


def public_status_and_text(browser, url):
    """What an anonymous visitor gets: a separate browser context without the admin session."""
    context = browser.new_context()
    try:
        visitor = context.new_page()
        response = visitor.goto(url)
        return response.status, visitor.locator("body").inner_text()
    finally:
        context.close()


def review_date_text(day=None):
    day = day or timezone.localdate()
    return f"{day:%B} {day.day}, {day.year}"


@contextmanager
def timed(name, artifacts_dir):
    """Time a journey; print it and keep it in test-artifacts/editorial-timings.json."""
    started = time.perf_counter()
    yield
    seconds = round(time.perf_counter() - started, 1)
    print(f"\n[timing] {name}: {seconds} s")  # noqa: T201
    path = artifacts_dir / "editorial-timings.json"
    timings = json.loads(path.read_text()) if path.exists() else {}
    timings[name] = seconds
    path.write_text(json.dumps(timings, indent=2))
