"""The release id of the running code, when the deploy does not set ``RELEASE_ID``.

Whole answers are cached as the bytes and headers the code built (``response_cache``); a
release that changed a template or a class must not serve what the previous release stored.
The id is a hash of the Django and Wagtail versions and of the code and templates that build
answers: the spa apps (in this repository, or installed from the ``wagtail-spa``
distribution), the project's own apps, settings and URLs, and its template folders. Other
installed packages count by their version only (Django's and Wagtail's), so the id changes
exactly when that code does, on every server alike, and computing it reads only those files.
"""

import hashlib
import importlib.util
import os
from importlib.metadata import packages_distributions
from pathlib import Path

DISTRIBUTION = "wagtail-spa"
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".yaml", ".json"}
SKIPPED_PARTS = {"__pycache__", "node_modules", "migrations"}
INSTALLED_PARTS = {"site-packages", "dist-packages"}


def fingerprint():
    import django
    import wagtail

    digest = hashlib.sha256(f"{django.__version__}|{wagtail.__version__}".encode())
    for root in hashed_roots():
        digest.update(str(root.name).encode())
        _hash_tree(digest, root)
    return digest.hexdigest()[:12]


def hashed_roots():
    """The folders whose files make up the id, in a stable order."""
    from django.apps import apps
    from django.conf import settings

    ours = {
        package
        for package, distributions in packages_distributions().items()
        if DISTRIBUTION in distributions
    }
    roots = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if config.name.split(".")[0] in ours or not _installed(path):
            roots.add(path)
    for module in (settings.SETTINGS_MODULE, settings.ROOT_URLCONF):
        spec = module and importlib.util.find_spec(module.split(".")[0])
        if spec and spec.origin and not _installed(Path(spec.origin)):
            roots.add(Path(spec.origin).resolve().parent)
    for template_options in settings.TEMPLATES:
        roots.update(Path(folder).resolve() for folder in template_options.get("DIRS", []))
    # A folder inside another one is hashed with it.
    return sorted(
        root for root in roots if root.is_dir() and not any(p in roots for p in root.parents)
    )


def _installed(path):
    return bool(INSTALLED_PARTS.intersection(path.parts))


def _hash_tree(digest, top):
    for directory, subdirectories, files in os.walk(top):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_PARTS)
        for name in sorted(files):
            path = Path(directory, name)
            if path.suffix in SOURCE_SUFFIXES:
                digest.update(str(path.relative_to(top)).encode())
                digest.update(path.read_bytes())
