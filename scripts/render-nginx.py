"""Write deploy/nginx.conf with its placeholders filled, for `make serve` and tests/deploy.

    python scripts/render-nginx.py PREFIX LISTEN UPSTREAM

PREFIX is a folder for nginx's pid, logs and buffers (created), LISTEN what nginx listens on
(e.g. 127.0.0.1:8000), UPSTREAM where gunicorn listens (e.g. unix:/path/gunicorn.sock or
127.0.0.1:8001). Prints the path of the rendered file; start it with
``nginx -p PREFIX -c PREFIX/nginx.conf -g 'daemon off;'``.
"""

import os
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf"


def render(prefix, listen, upstream):
    prefix = Path(prefix).resolve()
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / name).mkdir(parents=True, exist_ok=True)
    # Started as root (a container, CI), nginx's workers stay root so they can use PREFIX.
    user = "user root;" if os.geteuid() == 0 else ""
    text = TEMPLATE.read_text()
    for key, value in {
        "user": user,
        "prefix": str(prefix),
        "listen": listen,
        "upstream": upstream,
    }.items():
        text = text.replace("{" + key + "}", value)
    target = prefix / "nginx.conf"
    target.write_text(text)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    print(render(*sys.argv[1:]))
