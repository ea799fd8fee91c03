"""The shapes people deploy, started for real: nginx in front of gunicorn with two workers
under production settings (deploy/nginx.conf), and the task worker (``manage.py
db_worker``), on

- ``embedded``: SQLite and no Redis (the README's one-server deploy);
- ``scaled``: PostgreSQL and a real Redis (several app servers share them).

Each shape gets its own folder (database file, shared cache, media, static, mail), its own
port and a fresh demo site. Changes are made the way people make them: through the admin on
one of the workers, or by ``manage.py shell`` and ``manage.py publish_scheduled`` in a
separate process. Requests go over new connections, several at a time, so both workers
answer them (the access log records the worker's pid; ``workers_seen`` reads it).
"""

import concurrent.futures
import functools
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
ACCESS_LOG_FORMAT = '%(p)s "%(r)s" %(s)s %({x-page-cache}o)s'
RATELIMIT_LOGIN_PER_USERNAME = 5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The shapes' own PostgreSQL cluster: the restart check stops it without disturbing others.
PG_CLUSTER, PG_PORT = "deploy", "5433"


def _script_env(script, **env):
    out = subprocess.run(
        ["bash", f"scripts/{script}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    ).stdout
    return dict(re.findall(r"export (\w+)=(\S+)", out))


@functools.cache
def _ensure_nginx():
    """Installs Debian's nginx when the machine lacks it (as the scripts do PostgreSQL and Redis)."""
    subprocess.run(["bash", "scripts/ensure-nginx.sh"], cwd=ROOT, check=True, capture_output=True)


def postgres(*args):
    """Run a PostgreSQL client program against the shapes' cluster as the postgres user."""
    subprocess.run(["runuser", "-u", "postgres", "--", *args, "-p", PG_PORT], check=True)


def restart_postgres():
    version = sorted(
        os.listdir("/usr/lib/postgresql"), key=lambda v: [int(p) for p in v.split(".")]
    )[-1]
    subprocess.run(["pg_ctlcluster", version, PG_CLUSTER, "restart"], check=True, timeout=60)


@dataclass
class Response:
    status: int
    headers: dict
    body: str

    def json(self):
        return json.loads(self.body)


@dataclass
class Shape:
    name: str
    workdir: Path
    env: dict
    port: int = field(default_factory=free_port)
    gunicorn_port: int = field(default_factory=free_port)
    processes: list = field(default_factory=list)
    database: str | None = None

    # Commands -------------------------------------------------------------------------

    def manage(self, *args, check=True, timeout=600):
        result = subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode:
            raise RuntimeError(
                f"manage.py {args[0]} failed ({result.returncode}):\n{result.stderr[-3000:]}"
            )
        return result

    def shell(self, code):
        """Run Python in ``manage.py shell`` (a process of its own, like an operator's)."""
        result = self.manage("shell", "-c", code)
        return result.stdout.strip()

    # Serving --------------------------------------------------------------------------

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self):
        return self.workdir / "access.log"

    @property
    def mail_dir(self):
        return self.workdir / "mail"

    def start(self, worker=True, access_log=True):
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")
        self.manage("ensure_admin")
        self.manage("collectstatic", "--noinput", "-v0")
        logging = ["--access-logfile", str(self.access_log), "--access-logformat",
                   ACCESS_LOG_FORMAT] if access_log else []  # fmt: skip
        self._spawn(
            [PY, "-m", "gunicorn", "moonlight.wsgi", "--workers", "2", "--no-control-socket",
             "--bind", f"127.0.0.1:{self.gunicorn_port}", *logging, "--log-level", "warning",
             "--graceful-timeout", "5"],
            "gunicorn",
        )  # fmt: skip
        _ensure_nginx()
        conf = subprocess.run(
            [PY, "scripts/render-nginx.py", str(self.workdir / "nginx"),
             f"127.0.0.1:{self.port}", f"127.0.0.1:{self.gunicorn_port}"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        self._spawn(
            ["nginx", "-p", str(self.workdir / "nginx"), "-c", conf, "-g", "daemon off;"], "nginx"
        )
        if worker:
            self._spawn(
                [PY, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
                "db_worker",
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name}: gunicorn did not answer within 60 s")

    def _spawn(self, cmd, label):
        log = (self.workdir / f"{label}.log").open("ab")
        process = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    # HTTP -----------------------------------------------------------------------------

    def request(self, method, path, body=None, headers=None, cookies=None, timeout=30):
        """One request on a new connection (so the two workers share them)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = dict(headers or {})
        headers.setdefault("Host", f"127.0.0.1:{self.port}")
        headers["Connection"] = "close"
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body, doseq=True)
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            raw_headers = response.getheaders()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        header_map = {}
        for name, value in raw_headers:
            header_map.setdefault(name.lower(), []).append(value)
        return Response(response.status, header_map, text)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def many(self, paths, times=1, threads=4):
        """GET every path ``times`` times, ``threads`` at a time; returns (path, response)."""
        jobs = [path for path in paths for _ in range(times)]
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            return list(zip(jobs, pool.map(self.get, jobs), strict=True))

    def log_offset(self):
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def workers_seen(self, since):
        """Distinct worker pids that answered requests logged after byte ``since``."""
        with self.access_log.open() as log:
            log.seek(since)
            return {line.split()[0] for line in log if line.strip()}


def _common_env(workdir, port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "moonlight.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "tests.support.flaky_mail.EmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "BOOKING_EMAIL_RETRY_SECONDS": "1",
        "RATELIMIT_ADMIN_LOGIN": "100/m",
        "RATELIMIT_ADMIN_LOGIN_USERNAME": f"{RATELIMIT_LOGIN_PER_USERNAME}/m",
        # nginx in front tells the client's address in X-Real-IP (deploy/nginx.conf).
        "RATELIMIT_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "DJANGO_ADMIN_PASSWORD": "deploy-shape-password",
        "PYTHONPATH": str(ROOT),
    }


def build(name, database="sqlite", redis=False, **extra_env):
    """A shape: ``database`` is "sqlite" or "postgres" (a fresh database), ``redis`` adds a
    real Redis (a database number and key prefix of its own)."""
    workdir = Path(tempfile.mkdtemp(prefix=f"spa-deploy-{name}-"))
    port = free_port()
    env = _common_env(workdir, port)
    env.pop("REDIS_URL", None)
    env["SHARED_CACHE_DIR"] = str(workdir / "cache")
    database_name = None
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    else:
        pg_url = _script_env("start-postgres.sh", PGCLUSTER_NAME=PG_CLUSTER, PGPORT=PG_PORT)[
            "DATABASE_URL"
        ]
        database_name = f"spa_deploy_{secrets.token_hex(4)}"
        postgres("createdb", "-O", "wagtail", database_name)
        env.update(DATABASE_URL=pg_url.rsplit("/", 1)[0] + f"/{database_name}", CONN_MAX_AGE="600")
    if redis:
        redis_url = _script_env("start-redis.sh")["REDIS_URL"]
        env.update(
            REDIS_URL=redis_url.rsplit("/", 1)[0] + "/7",
            CACHE_KEY_PREFIX=f"deploy-{secrets.token_hex(4)}",
        )
    env.update(extra_env)
    shape = Shape(name, workdir, env, port)
    shape.database = database_name
    return shape


def embedded():
    """The README's one-server deploy: SQLite, no Redis."""
    return build("embedded")


def scaled():
    """Several app servers' shape: PostgreSQL and Redis."""
    return build("scaled", database="postgres", redis=True)


def drop(shape):
    shape.stop()
    if shape.database:
        postgres("dropdb", "--if-exists", shape.database)
    shutil.rmtree(shape.workdir, ignore_errors=True)


class AdminSession:
    """An editor signed in to the admin of ``shape``; every request on a new connection."""

    def __init__(self, shape, username="admin", password="deploy-shape-password"):
        self.shape = shape
        self.cookies = {}
        login = shape.get("/admin/login/")
        self._keep_cookies(login)
        response = self.post(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        if "sessionid" not in self.cookies:
            raise RuntimeError(f"admin sign-in failed: {response.status} {response.body[:300]}")

    def _keep_cookies(self, response):
        for header in response.headers.get("set-cookie", []):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def get(self, path):
        response = self.shape.get(path, cookies=self.cookies)
        self._keep_cookies(response)
        return response

    def post(self, path, data):
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        response = self.shape.request(
            "POST",
            path,
            body=data,
            cookies=self.cookies,
            headers={
                "Referer": self.shape.base_url + path,
                "X-CSRFToken": data["csrfmiddlewaretoken"],
            },
        )
        self._keep_cookies(response)
        return response

    def publish(self, page_id):
        """The admin's bulk Publish action: publishes the page's latest revision."""
        path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
        self.get(path)
        return self.post(path, {})

    def unpublish(self, page_id):
        path = f"/admin/pages/{page_id}/unpublish/"
        self.get(path)
        return self.post(path, {})

    def restrict(self, page_id, restriction_type="login"):
        path = f"/admin/pages/{page_id}/privacy/"
        self.get(path)
        return self.post(path, {"restriction_type": restriction_type})
