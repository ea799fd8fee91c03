"""Visitor questions end to end: a visitor asks on the Back Spasm article, a spam attempt is
refused with its text kept, the editor finds the question in the queue, a therapist's answer
is entered and published, and the page, its JSON-LD, the API and one e-mail carry it.
Screenshots of the form and of the published answer at 375 and 1280 px; axe on both."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from questions.models import Question
from questions.roles import grant_permissions
from tests.e2e.axe import run_axe
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.editorial_support import log_in, log_out

ARTICLE = "/conditions/back-spasm/"
ASKED = "Is it better to rest or to keep moving when my lower back goes into spasm?"
SPAM = "Cheap relief at best-pills.xyz, order now"
ANSWER = (
    "Gentle movement, such as short walks, is usually kinder than lying still for days.\n\n"
    "If the pain is severe or lasts, see a doctor."
)


@pytest.fixture
def questions_site(editorial_site, settings):
    grant_permissions()  # the flush after each live-server test removed the grants
    settings.QUESTIONS_MIN_FILL_SECONDS = 1
    settings.RATELIMIT_ENABLE = False
    mail.outbox.clear()
    return editorial_site


def no_axe_violations(page):
    results = run_axe(page)
    assert not results.violations_count, results.generate_report()


def shoot(page, artifacts_dir, name):
    shots = artifacts_dir / "screenshots"
    shots.mkdir(exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.locator(name[1]).scroll_into_view_if_needed()
        page.locator(name[1]).screenshot(path=str(shots / f"{name[0]}-{viewport['width']}.png"))


def fill_question(page, text):
    form = page.locator("form.ask__form")
    form.get_by_label("Your question").fill(text)
    form.get_by_label("First name").fill("Robin")
    return form


def test_ask_moderate_answer_publish(admin_page, questions_site, artifacts_dir, browser):
    server = questions_site
    page = admin_page
    page.set_viewport_size(PHONE)
    page.goto(server.url + ARTICLE)
    expect(page.get_by_role("heading", name="Ask a question")).to_be_visible()
    expect(page.get_by_text("We do not give medical advice.")).to_be_visible()
    no_axe_violations(page)
    shoot(page, artifacts_dir, ("question-form", "#ask"))

    # A spam attempt: refused, with its text kept and the reason at the top of the form.
    page.set_viewport_size(PHONE)
    form = fill_question(page, SPAM)
    page.wait_for_timeout(1100)
    form.get_by_role("button", name="Send question").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Please leave out web addresses")
    expect(page.get_by_label("Your question")).to_have_value(SPAM)
    expect(page.get_by_label("First name")).to_have_value("Robin")
    no_axe_violations(page)
    shoot(page, artifacts_dir, ("question-refused", "#ask"))
    assert not Question.objects.exists()

    # The real question, with the answer asked for by e-mail.
    form = fill_question(page, ASKED)
    form.get_by_label("E-mail (optional)").fill("robin@example.com")
    form.get_by_label(re.compile("E-mail me the answer")).check()
    page.wait_for_timeout(1100)
    form.get_by_role("button", name="Send question").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you: your question is with our team")
    expect(page.locator("#reader-questions ~ ol")).to_have_count(0)  # not shown yet
    question = Question.objects.get()
    assert question.status == "new" and question.reply_consent

    # The editor sees it in the queue (filter: new).
    log_in(page, server, "editor")
    page.goto(f"{server.url}/admin/questions/?status=new")
    expect(page.get_by_role("link", name=re.compile("Is it better to rest"))).to_be_visible()
    assert "robin@example.com" not in page.content()
    log_out(page)

    # The reviewer enters the therapist's answer and names Mara Swick as its author.
    log_in(page, server, "reviewer")
    page.goto(f"{server.url}/admin/questions/edit/{question.pk}/")
    page.get_by_role("textbox", name="Answer", exact=True).fill(ANSWER)
    page.get_by_role("button", name=re.compile("Choose a page")).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Mara Swick").click()
    expect(page.locator("[data-chooser-title]").first).to_contain_text("Mara Swick")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("updated")
    question.refresh_from_db()
    assert question.status == "answered" and question.answered_by.title == "Mara Swick"
    log_out(page)

    # The editor publishes it.
    log_in(page, server, "editor")
    page.goto(f"{server.url}/admin/questions/edit/{question.pk}/")
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("updated")
    question.refresh_from_db()
    assert question.status == "published", page.locator(".messages").text_content()
    log_out(page)

    # On the page, in its JSON-LD and the API; one e-mail to the asker. (Another visitor: this
    # browser may keep its copy of the page for the max-age the site allows browsers.)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url + ARTICLE)
    item = page.locator(f"#question-{question.pk}")
    expect(item).to_contain_text(ASKED)
    expect(item).to_contain_text("Robin asked")
    expect(item.get_by_role("link", name="Mara Swick")).to_have_attribute(
        "href", "/team/mara-swick/"
    )
    no_axe_violations(page)
    shoot(page, artifacts_dir, ("question-published", "section.questions"))
    graph = json.loads(page.locator('script[type="application/ld+json"]').text_content())["@graph"]
    node = next(n for n in graph if n.get("@type") == "Question")
    assert node["text"] == ASKED and node["acceptedAnswer"]["text"] == ANSWER
    api = page.request.get(f"{server.url}/api/content/questions/?page_id={question.page_id}")
    assert api.ok and api.json()["items"][0]["answered_by"]["name"] == "Mara Swick"
    assert "robin@example.com" not in page.content() + api.text()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["robin@example.com"]
    assert ANSWER in mail.outbox[0].body
    context.close()
