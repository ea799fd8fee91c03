"""The design as a visitor meets it in a real browser: booking in reach at every scroll
position on a phone (without covering the footer, by keyboard, without motion for those who
ask), a compact header, and a light article."""

import gzip

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE

READING_PAGES = [
    "/conditions/back-spasm/",
    "/techniques/trigger-point-therapy/",
    "/team/mara-swick/",
    "/locations/long-beach/",
]
WEIGHT_LIMIT = 60 * 1000  # bytes, gzip, everything the article loads


def settle(page):
    """Wait for the bar's slide-in to end (boxes are measured with their transform)."""
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished)).then(() => true)")


def scroll_to(page, y):
    page.evaluate(f"window.scrollTo({{top: {y}, behavior: 'instant'}})")


def in_viewport(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height + 0.5


@pytest.mark.parametrize("path", READING_PAGES)
def test_booking_bar_is_in_reach_at_every_scroll_position(page, demo_live_server, path):
    page.set_viewport_size(PHONE)
    page.goto(demo_live_server.url + path)
    settle(page)
    bar = page.locator("aside.booking-bar")
    button = bar.get_by_role("link")
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, PHONE["height"] // 2):
        scroll_to(page, y)
        assert in_viewport(page, button), (path, y)
    scroll_to(page, height)
    footer = page.locator("footer.site-footer").bounding_box()
    assert bar.bounding_box()["y"] >= footer["y"] + footer["height"] - 0.5  # below, not over it
    assert bar.bounding_box()["height"] <= 90  # slim


def test_booking_bar_is_reachable_by_keyboard_and_focus_stays_visible(page, demo_live_server):
    page.set_viewport_size(PHONE)
    page.goto(demo_live_server.url + "/conditions/back-spasm/")
    settle(page)
    button = page.locator("aside.booking-bar a")
    for _ in range(400):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
        # Whatever has focus is never hidden behind the bar (WCAG 2.4.11).
        focused = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " const bar = document.querySelector('.booking-bar').getBoundingClientRect();"
            " return r.height === 0 || r.top < bar.top })()"
        )
        assert focused, page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    else:
        pytest.fail("the booking bar's link was never focused")
    assert in_viewport(page, button)
    assert button.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_booking_bar_honours_reduced_motion(browser, demo_live_server):
    for motion, moves in (("reduce", False), ("no-preference", True)):
        context = browser.new_context(viewport=PHONE, reduced_motion=motion)
        page = context.new_page()
        page.goto(demo_live_server.url + "/conditions/back-spasm/")
        animation = page.locator("aside.booking-bar").evaluate(
            "el => getComputedStyle(el).animationName"
        )
        assert (animation != "none") is moves, motion
        context.close()


def test_header_is_compact_on_a_phone_and_one_row_at_1280(page, demo_live_server):
    page.set_viewport_size(PHONE)
    page.goto(demo_live_server.url + "/conditions/back-spasm/")
    assert page.locator(".site-header").bounding_box()["height"] <= 110
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    expect(page.locator(".site-header").get_by_role("link", name="Book")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.goto(demo_live_server.url + "/conditions/back-spasm/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 80
    assert page.evaluate("document.documentElement.scrollWidth") == DESKTOP["width"]
    tops = {
        name: page.locator(selector).bounding_box()
        for name, selector in {
            "brand": ".brand",
            "nav": ".main-nav ul",
            "search": ".header-search-link:visible",
            "book": ".header-book",
        }.items()
    }
    for name, box in tops.items():  # every part within the one row
        assert (
            box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
        ), name
    assert tops["brand"]["x"] + tops["brand"]["width"] <= tops["nav"]["x"]


HEADER_PARTS = ".brand, .main-nav a, .lang-switch, .header-search-link, .header-book"


@pytest.mark.parametrize("width", [320, 375, 414, 768, 1024, 1280, 1366, 1440, 1920])
def test_header_parts_never_overlap(page, demo_live_server, width):
    """Each visible part of the header (brand, every section link, the language switch,
    search, Book) has its own room in its row: text that spills out of its box counts too.
    On a phone the sections scroll sideways in a row of their own, so only they may pass
    the window's edge."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_live_server.url + "/locations/long-beach/")
    boxes = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.getClientRects().length && getComputedStyle(el).display !== "none")
            .map((el) => {
                const box = el.getBoundingClientRect();
                // Text that spills out of its box: the brand's, a section's, the switch's.
                let ink = box;
                if (el.matches(".brand, .main-nav a, .lang-switch")) {
                    const range = document.createRange();
                    range.selectNodeContents(el);
                    ink = range.getBoundingClientRect();
                }
                let left = Math.min(box.left, ink.left), right = Math.max(box.right, ink.right);
                const section = el.matches(".main-nav a");
                if (section) {  // what the sideways-scrolling row shows of it
                    const row = el.closest(".main-nav").getBoundingClientRect();
                    left = Math.max(left, row.left);
                    right = Math.min(right, row.right);
                }
                return {name: el.className || el.textContent.trim(), section,
                        top: box.top, bottom: box.bottom, left, right};
            })
            .filter((part) => part.right > part.left)""",
        HEADER_PARTS,
    )
    assert len(boxes) >= 5, boxes
    for number, one in enumerate(boxes):
        for other in boxes[number + 1 :]:
            same_row = one["top"] < other["bottom"] and other["top"] < one["bottom"]
            apart = one["right"] <= other["left"] + 0.5 or other["right"] <= one["left"] + 0.5
            assert not same_row or apart, (width, one, other)
    assert max(b["right"] for b in boxes if not b["section"]) <= width


def test_back_spasm_article_weighs_at_most_60_kb_gzip(page, demo_live_server, artifacts_dir):
    """Everything the browser loads for the article, each body gzip-compressed as a server
    or CDN would send it: HTML, stylesheet, icons, images (inline drawings are in the HTML)."""
    loaded = {}

    def record(response):
        if response.request.method == "GET" and response.status == 200:
            loaded[response.url] = len(gzip.compress(response.body(), compresslevel=6))

    page.on("response", record)
    page.set_viewport_size(PHONE)
    page.goto(demo_live_server.url + "/conditions/back-spasm/", wait_until="networkidle")
    scroll_to(page, page.evaluate("document.documentElement.scrollHeight"))
    page.wait_for_load_state("networkidle")
    total = sum(loaded.values())
    lines = [f"{size:>7} {url}" for url, size in sorted(loaded.items(), key=lambda i: -i[1])]
    (artifacts_dir / "back-spasm-weight.txt").write_text("\n".join(lines) + f"\n{total:>7} total\n")
    print(f"\nBack Spasm page weight (gzip): {total} bytes\n" + "\n".join(lines))
    assert any(url.endswith(".css") for url in loaded)
    assert total <= WEIGHT_LIMIT, "\n".join(lines)
