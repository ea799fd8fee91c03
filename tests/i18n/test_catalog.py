"""The Spanish interface catalog: every string translated, placeholders kept, and the
committed .mo compiled from the committed .po (no gettext tools needed: polib)."""

import re
from pathlib import Path

import polib
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "spa_site" / "locale" / "es" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_every_interface_string_is_translated():
    po = polib.pofile(str(CATALOG / "django.po"))
    assert len(po) > 200
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    for entry in po:
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )


def test_the_committed_mo_is_compiled_from_the_po():
    po = polib.pofile(str(CATALOG / "django.po"))
    mo = polib.mofile(str(CATALOG / "django.mo"))
    key = lambda e: (e.msgctxt or "", e.msgid)  # noqa: E731
    compiled = {key(e): (e.msgstr, dict(e.msgstr_plural)) for e in mo if e.msgid}
    source = {key(e): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()}) for e in po}
    assert compiled == source, "run `make messages` and commit spa_site/locale/"
