import os
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.support.manage import run_manage


def test_ensure_admin_creates_one_superuser_once(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin", stdout=StringIO())
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    admin = get_user_model().objects.get(is_superuser=True)
    assert admin.username == "admin" and admin.check_password("changeme")
    assert "nothing changed" in out.getvalue()


def test_ensure_admin_refuses_a_default_password_without_debug(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_ADMIN_PASSWORD"):
        call_command("ensure_admin")
    assert not get_user_model().objects.exists()


def test_production_settings_refuse_to_start_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(DJANGO_SETTINGS_MODULE="moonlight.settings.production", ALLOWED_HOSTS="spa.example")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Configuration error: The environment variable SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_check_deploy_with_zero_warnings():
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a
    # deployment never has it, and check --deploy rightly refuses it.
    skip = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        DJANGO_SETTINGS_MODULE="moonlight.settings.production",
        SECRET_KEY="x" * 20 + "-production-test-key-with-enough-entropy-9f8e7d6c5b4a",
        ALLOWED_HOSTS="spa.example.com",
    )
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_time_zone_is_long_beach(settings):
    assert settings.TIME_ZONE == "America/Los_Angeles"
