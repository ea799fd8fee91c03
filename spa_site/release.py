"""The release id of the running code, when the deploy does not set ``RELEASE_ID``.

Whole answers are cached as the bytes and headers the code built (``response_cache``); a
release that changed a template or a class must not serve what the previous release stored.
The id is a hash of the installed apps' code and templates and of the Django and Wagtail
versions, so it changes exactly when the code does, on every server alike.
"""

import hashlib
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".yaml", ".json"}
SKIPPED_PARTS = {"__pycache__", "node_modules"}


def fingerprint(root=PROJECT_ROOT):
    import django
    import wagtail

    digest = hashlib.sha256(f"{django.__version__}|{wagtail.__version__}".encode())
    for top in sorted(root.iterdir()):
        if (
            top.is_dir()
            and top.name != "tests"
            and (top.name == "templates" or (top / "__init__.py").exists())
        ):
            _hash_tree(digest, root, top)
    return digest.hexdigest()[:12]


def _hash_tree(digest, root, top):
    for directory, subdirectories, files in os.walk(top):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_PARTS)
        for name in sorted(files):
            path = Path(directory, name)
            if path.suffix in SOURCE_SUFFIXES:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
