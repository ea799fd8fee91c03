"""`make run` gives every role an account in development, and production never gets them."""

import os
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from editorial.models import MedicalReviewTask, ReviewerProfile
from editorial.roles import FRONT_DESK, MARKETING_EDITORS, MEDICAL_REVIEWERS, SEO_TEAM
from spa_site.dev_accounts import DEV_PASSWORD
from tests.support.manage import ROOT, run_manage


def test_one_account_per_group_printed_with_the_shared_password(demo_site, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    User = get_user_model()
    groups = {
        user.username: [g.name for g in user.groups.all()]
        for user in User.objects.filter(is_superuser=False)
    }
    assert groups == {
        "editor": [MARKETING_EDITORS],
        "reviewer": [MEDICAL_REVIEWERS],
        "seo": [SEO_TEAM],
        "frontdesk": [FRONT_DESK],
    }
    assert all(User.objects.get(username=name).check_password(DEV_PASSWORD) for name in groups)
    printed = out.getvalue()
    assert f"password “{DEV_PASSWORD}”" in printed
    assert all(f"  {name} " in printed for name in groups)

    # The reviewer can approve without any setup: linked to a public, sample-data profile.
    reviewer = User.objects.get(username="reviewer")
    profile = ReviewerProfile.objects.get(user=reviewer).profile
    assert profile.live and profile.contains_sample_data and profile.noindex
    from articles.models import ConditionArticlePage

    article = ConditionArticlePage.objects.get(slug="back-spasm")
    actions = MedicalReviewTask.objects.get().get_actions(article, reviewer)
    assert "approve" in [name for name, _, _ in actions]


def test_a_second_run_leaves_existing_accounts_alone(demo_site, settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO())
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("my-own")
    editor.save()
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    assert get_user_model().objects.get(username="editor").check_password("my-own")
    assert "already existed" in out.getvalue()
    assert ReviewerProfile.objects.count() == 1


def test_without_debug_nothing_is_created(demo_site, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()
    assert not ReviewerProfile.objects.exists()


def test_production_settings_refuse_before_touching_the_database(tmp_path):
    database = tmp_path / "production.sqlite3"
    skip = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        DJANGO_SETTINGS_MODULE="moonlight.settings.production",
        SECRET_KEY="x" * 20 + "-production-test-key-with-enough-entropy-9f8e7d6c5b4a",
        ALLOWED_HOSTS="spa.example.com",
        DATABASE_URL=f"sqlite:///{database}",
    )
    result = run_manage("create_demo_accounts", env=env)
    assert result.returncode != 0
    assert "local development only" in result.stderr and "Traceback" not in result.stderr
    assert not database.exists()  # not even a connection was made


def test_make_run_creates_the_accounts():
    makefile = (ROOT / "Makefile").read_text()
    demo_target = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py create_demo_accounts" in demo_target
