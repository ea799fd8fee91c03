"""The reference front end (frontend/, Node + TypeScript) against a live API server: an
article with the head the Django page has, headless preview with a signed token, and a
booking end to end, all rendered from the API alone."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from articles.models import ConditionArticlePage
from booking.models import Booking
from tests.e2e.conftest import DESKTOP, PHONE

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def frontend_build():
    """``npm ci`` when the packages are missing, then ``tsc`` (a few seconds)."""
    npm = shutil.which("npm")
    assert npm, "Node.js and npm are needed for the reference front end"
    if not (FRONTEND / "node_modules" / ".bin" / "tsc").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True)
    subprocess.run([str(FRONTEND / "node_modules/.bin/tsc")], cwd=FRONTEND, check=True)
    return FRONTEND / "dist" / "server.js"


@pytest.fixture
def frontend(frontend_build, demo_live_server):
    port = _free_port()
    env = {**os.environ, "API_BASE_URL": demo_live_server.url, "PORT": str(port)}
    process = subprocess.Popen(
        ["node", str(frontend_build)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the front end did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def head_of(html):
    head = BeautifulSoup(html, "html.parser").head
    return {
        "title": head.title.string,
        "canonical": head.find("link", rel="canonical")["href"],
        "robots": head.find("meta", attrs={"name": "robots"})["content"],
        "og": [(m["property"], m["content"]) for m in head.find_all("meta", property=True)],
        "jsonld": json.loads(head.find("script", type="application/ld+json").string),
    }


def test_an_article_from_the_api_has_the_django_pages_head(
    page, frontend, demo_live_server, artifacts_dir
):
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(frontend + "/conditions/back-spasm/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Back Spasm")
        expect(page.get_by_role("heading", name="Causes of Muscle Spasms")).to_be_visible()
        page.screenshot(path=artifacts_dir / f"frontend-article-{name}.png", full_page=True)
    django = urllib.request.urlopen(demo_live_server.url + "/conditions/back-spasm/").read()
    assert head_of(page.content()) == head_of(django)
    page.get_by_role("link", name="Mara Swick").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mara Swick")
    expect(page.locator(".bio")).to_contain_text("Mara Swick is a seasoned")
    page.goto(frontend + "/techniques/deep-tissue-massage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deep Tissue Massage")
    page.goto(frontend + "/")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Conditions")


def test_headless_preview_with_a_signed_token(page, frontend, settings):
    settings.HEADLESS_PREVIEW_URL = frontend + "/preview/"
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.title = "Back Spasm, edited in the admin"
    location = article.make_preview_request()["Location"]
    assert location.startswith(frontend + "/preview/?token=")
    page.goto(location)
    expect(page.get_by_role("heading", level=1)).to_have_text("Back Spasm, edited in the admin")
    expect(page.get_by_role("status")).to_have_text("Preview: not published")
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    page.goto(frontend + "/preview/?token=tampered")
    expect(page.get_by_role("alert")).to_be_visible()


def test_a_visitor_books_through_the_front_end(page, frontend, artifacts_dir):
    page.set_viewport_size(PHONE)
    page.goto(frontend + "/book/")
    page.get_by_role("link", name="Deep tissue massage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time")
    page.locator('input[name="starts_at"]').nth(3).check()
    page.screenshot(path=artifacts_dir / "frontend-booking-times-phone.png", full_page=True)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    page.get_by_label("Name").fill("Jamie Rivera")
    page.get_by_label("Email").fill("jamie@example.com")
    page.get_by_label("Phone").fill("(562) 555-0142")
    page.get_by_label("I accept the cancellation policy").check()
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are booked")
    page.screenshot(path=artifacts_dir / "frontend-booking-done-phone.png", full_page=True)
    booking = Booking.objects.get()
    assert page.locator("#reference").inner_text() == booking.reference
    assert booking.customer_name == "Jamie Rivera" and booking.is_confirmed
    assert booking.service.slug == "deep-tissue-massage"
    # Back to the details step (a fresh form) and book the same time again: the slot is taken,
    # the API's problem is shown with what the visitor typed, and nothing is booked twice.
    page.go_back()
    page.get_by_label("Name").fill("Jamie Rivera")
    page.get_by_label("Email").fill("jamie@example.com")
    page.get_by_label("Phone").fill("(562) 555-0142")
    page.get_by_label("I accept the cancellation policy").check()
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Jamie Rivera")
    expect(page.get_by_role("link", name="Choose another time")).to_be_visible()
    assert Booking.objects.count() == 1
