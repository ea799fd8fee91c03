"""The release id (spa_site/release.py): it hashes the code that builds answers, the spa apps
and the project's own, and nothing else installed beside them."""

from pathlib import Path

import wagtail

from spa_site import release

ROOT = Path(__file__).resolve().parents[2]


def test_the_apps_settings_and_urls_are_hashed_and_installed_packages_are_not():
    roots = release.hashed_roots()
    for app in ("spa_site", "articles", "booking", "author_profiles", "moonlight"):
        assert ROOT / app in roots
    assert ROOT / "tests" not in roots
    wagtail_root = Path(wagtail.__file__).resolve().parent
    assert not any(root == wagtail_root or wagtail_root in root.parents for root in roots)


def test_installed_from_the_distribution_only_its_apps_count(monkeypatch):
    """As a plugin, every app sits in site-packages: the spa apps count, the rest do not."""
    monkeypatch.setattr(release, "_installed", lambda path: True)
    monkeypatch.setattr(
        release,
        "packages_distributions",
        lambda: {"spa_site": ["wagtail-spa"], "articles": ["wagtail-spa"], "wagtail": ["wagtail"]},
    )
    assert release.hashed_roots() == [ROOT / "articles", ROOT / "spa_site"]


def test_the_id_follows_templates_and_code_not_caches(monkeypatch, tmp_path):
    app = tmp_path / "app"
    (app / "templates").mkdir(parents=True)
    template = app / "templates" / "page.html"
    template.write_text("<h1>{{ title }}</h1>")
    monkeypatch.setattr(release, "hashed_roots", lambda: [app])
    first = release.fingerprint()
    (app / "__pycache__").mkdir()
    (app / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (app / "notes.md").write_text("not code")
    assert release.fingerprint() == first
    template.write_text("<h2>{{ title }}</h2>")
    assert release.fingerprint() != first
