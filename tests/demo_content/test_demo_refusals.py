"""The demo loader refuses a broken source with a clear error and writes nothing, and it loads
beside a project's own home page. These start from an empty site, not the demo."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from demo_content.source import DEFAULT_SOURCE
from tests.demo_content.tables import table_counts
from tests.support.manage import run_manage


def test_missing_source_folder_is_a_clear_error_and_writes_nothing(db, tmp_path):
    before = table_counts()
    with pytest.raises(CommandError, match="not found"):
        call_command("load_demo_content", source=str(tmp_path / "nowhere"))
    assert table_counts() == before


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda seed: seed.unlink(), "back-spasm.txt"),
        (lambda seed: seed.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3"), "Cannot read"),
    ],
    ids=["missing", "not-utf-8"],
)
def test_a_missing_or_unreadable_seed_is_a_clear_error_and_writes_nothing(
    db, tmp_path, spoil, message
):
    source = tmp_path / "content"
    shutil.copytree(DEFAULT_SOURCE, source)
    spoil(source / "seeds" / "back-spasm.txt")
    before = table_counts()
    with pytest.raises(CommandError, match=message):
        call_command("load_demo_content", source=str(source))
    assert table_counts() == before


def test_demo_text_that_is_not_in_the_seeds_is_refused(db, tmp_path):
    source = tmp_path / "content"
    shutil.copytree(DEFAULT_SOURCE, source)
    articles = source / "articles.yaml"
    articles.write_text(
        articles.read_text(encoding="utf-8").replace(
            "Overuse/Strain Injuries are one", "Overuse injuries are always cured by one", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="not in the seed articles"):
        call_command("load_demo_content", source=str(source))
    assert Page.objects.count() == 2  # Wagtail's root and welcome page only


def test_command_line_exits_non_zero_with_a_readable_message(tmp_path):
    result = run_manage("load_demo_content", "--source", str(tmp_path / "missing"))
    assert result.returncode != 0
    assert "Demo content not loaded" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_projects_own_home_page_stays_and_the_demo_takes_the_site_root(db, client):
    """A ``wagtail start`` project has its own page at ``/home/`` under the tree root: the demo
    loads beside it (the plugin check, scripts/check-plugin.sh, does this in a real project)."""
    from wagtail.models import Site

    from articles.models import TechniqueIndexPage

    root = Page.get_first_root_node()
    Page.objects.child_of(root).delete()
    # Any page type of the project's own (Wagtail's plain "Welcome" page is replaced instead).
    own = root.add_child(instance=TechniqueIndexPage(title="Their home", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=own, is_default_site=True)
    call_command("load_demo_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert site.root_page.slug == "spa-home"
    assert Page.objects.filter(pk=own.pk, slug="home").exists()
    assert client.get("/conditions/back-spasm/").status_code == 200
