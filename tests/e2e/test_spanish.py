"""Spanish in the browser: a visitor switches to Spanish, reads a translated page, books in
Spanish and gets a Spanish e-mail; an editor translates a technique page in wagtail-localize's
editor and publishes it."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from articles.models import TechniqueIndexPage, TechniquePage
from booking.models import Booking
from spa_site.models import HomePage
from tests.e2e.axe import run_axe
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.editorial_support import PASSWORD, log_in
from tests.support.i18n import translate


def assert_accessible(page):
    """No axe violation at all, minor ones included (the Spanish strings are new)."""
    results = run_axe(page)
    assert results.response["violations"] == [], results.generate_report()


def screenshots(page, artifacts_dir, name):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.screenshot(path=artifacts_dir / f"{name}-{size['width']}.png", full_page=True)
        assert_accessible(page)


def test_visitor_reads_and_books_in_spanish(page, demo_live_server, artifacts_dir):
    home = HomePage.objects.get(locale__language_code="en")
    translate(home, title="Masajes en Long Beach")
    translate(
        TechniqueIndexPage.objects.get(),
        title="Técnicas de masaje",
        slug="tecnicas",
        intro="<p>Técnicas que ofrecemos.</p>",
    )
    translate(
        TechniquePage.objects.get(slug="swedish-massage"),
        title="Masaje sueco",
        slug="masaje-sueco",
        summary="Un masaje suave con movimientos largos.",
    )
    server = demo_live_server.url

    page.set_viewport_size(PHONE)
    page.goto(server + "/")
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url(server + "/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masajes en Long Beach")
    page.locator(".paths").get_by_role("link", name="Técnicas de masaje").click()
    page.get_by_role("link", name="Masaje sueco").click()
    expect(page).to_have_url(server + "/es/tecnicas/masaje-sueco/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masaje sueco")
    expect(page.get_by_text("Técnica de masaje", exact=True)).to_be_visible()
    expect(page.locator('link[rel="alternate"][hreflang="en"]')).to_have_attribute(
        "href", re.compile(r"/techniques/swedish-massage/$")
    )
    screenshots(page, artifacts_dir, "spanish-technique")

    page.set_viewport_size(PHONE)
    page.goto(server + "/es/book/?service=deep-tissue-massage")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reservar una cita")
    page.locator("#location-long-beach").check()
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("60 minutos").check()
    page.get_by_role("button", name="Continuar").click()
    expect(page.get_by_role("heading", name="Elija un día y una hora")).to_be_visible()
    page.locator(".booking-days a").nth(3).click()
    page.locator("ul.times a").first.click()
    expect(page.get_by_role("heading", name="Sus datos")).to_be_visible()
    page.get_by_label("Nombre completo").fill("Ana Torres")
    page.get_by_label("Correo electrónico").fill("ana@example.com")
    page.get_by_label("Teléfono").fill("(562) 555-0177")
    for question in page.locator(".field--radio fieldset").all():
        question.get_by_label("No").check()
    page.get_by_label("Acepto la política de cancelación").check()
    screenshots(page, artifacts_dir, "spanish-booking-details")
    page.get_by_role("button", name="Reservar ahora").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Su cita está reservada")
    booking = Booking.objects.get()
    assert booking.language == "es" and booking.customer_name == "Ana Torres"
    message = mail.outbox[-1]
    assert message.subject.startswith("Su cita está confirmada: Deep tissue massage")
    assert "Hola, Ana Torres:" in message.body and "/es/book/manage/" in message.body


def translate_every_segment(page, text):
    """Fill every untranslated segment of the open translation editor (both tabs)."""
    for tab in ("Content", "Promote"):
        page.get_by_role("tab", name=tab).click()
        buttons = page.get_by_role("button", name="Translate", exact=True)
        while buttons.count():
            buttons.first.click()
            page.locator("textarea").first.fill(text())
            page.get_by_role("button", name="Save", exact=True).click()
            expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)


def test_editor_translates_a_technique_page_and_publishes_it(
    admin_page, editorial_site, artifacts_dir, browser
):
    page, server = admin_page, editorial_site.url
    get_user_model().objects.create_superuser("translator", "t@example.com", PASSWORD)
    log_in(page, editorial_site, "translator")
    technique = TechniquePage.objects.get(slug="swedish-massage")
    home = HomePage.objects.get(locale__language_code="en")
    es_home = home.get_translations().get()  # the demo's Spanish draft home page

    counter = iter(range(1, 100))
    page.goto(f"{server}/admin/pages/{es_home.pk}/edit/")
    translate_every_segment(page, lambda: f"Texto en español {next(counter)}")
    page.get_by_role("button", name="Publish in Español").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()

    page.goto(f"{server}/admin/localize/submit/page/{technique.pk}/")
    page.get_by_label("Español").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("English to Español translation").first).to_be_visible()
    page.get_by_role("button", name="Translate", exact=True).first.click()
    page.locator("textarea").first.fill("Masaje sueco")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("tab", name="Promote").click()
    page.get_by_role("button", name="Translate", exact=True).first.click()  # the slug
    page.locator("textarea").first.fill("masaje-sueco")
    page.get_by_role("button", name="Save", exact=True).click()
    translate_every_segment(page, lambda: f"Texto en español {next(counter)}")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=artifacts_dir / "localize-editor-1280.png", full_page=True)
    page.get_by_role("button", name="Publish in Español").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()

    spanish = technique.get_translations().get()
    assert spanish.live and spanish.title == "Masaje sueco"
    context = browser.new_context()
    visitor = context.new_page()
    response = visitor.goto(f"{server}{spanish.url}")
    assert response.status == 200 and spanish.url.endswith("/masaje-sueco/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Masaje sueco")
    english = visitor.goto(f"{server}/techniques/swedish-massage/")
    assert english.status == 200
    expect(visitor.locator('link[rel="alternate"][hreflang="es"]')).to_have_count(1)
    context.close()
