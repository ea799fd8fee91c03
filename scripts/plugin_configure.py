"""Configure a fresh ``wagtail start`` project with the README's "Add to your project" blocks:
the settings block is appended to ``<project>/settings/base.py`` and the URL block becomes
``<project>/urls.py``. Usage: plugin_configure.py README.md <project folder>."""

import re
import sys
from pathlib import Path


def block(readme, marker):
    match = re.search(rf"<!-- {marker} -->\s*```python\n(.*?)```", readme, re.S)
    if not match:
        raise SystemExit(f"README.md has no ```python block after <!-- {marker} -->")
    return match.group(1)


def main(readme_path, folder):
    readme = Path(readme_path).read_text()
    folder = Path(folder)
    package = next(p.parent.parent for p in folder.glob("*/settings/base.py"))
    base = package / "settings" / "base.py"
    base.write_text(
        base.read_text()
        + "\n# wagtail-spa (README: Add to your project)\n"
        + block(readme, "plugin-settings")
    )
    (package / "urls.py").write_text(block(readme, "plugin-urls"))
    print(f"configured {base} and {package / 'urls.py'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
