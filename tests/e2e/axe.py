"""axe-core checks for the browser tests: one instance, run once the page has settled."""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()

#: True once every short animation and transition (a fade, a slide: under 2 s) has finished.
#: Axe reads colours as drawn, so a message still fading in fails contrast; long decorative
#: loops (the admin's 25 s badge ping) are not waited for.
SETTLED = """() => document.getAnimations().every(
    (a) => a.playState !== "running" || a.effect.getComputedTiming().endTime > 2000
)"""


def run_axe(page):
    page.wait_for_function(SETTLED, timeout=5000)
    return AXE.run(page)


def assert_accessible(page):
    """No serious or critical violation."""
    results = run_axe(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()
