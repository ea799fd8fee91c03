"""Every text input of every public endpoint and form, driven with arbitrary Unicode: no 5xx.

Property-based (hypothesis): for each input (a query parameter, a path segment, a form field
or a JSON field) the other inputs stay valid and this one gets arbitrary text: any Unicode
(lone surrogates too where JSON can carry them), control and format characters, punctuation
that full-text engines parse, very long values, and a list of known troublemakers (quotes,
NUL, ``<script>``, FTS operators, whitespace only, formula prefixes). Every answer must be
below 500, on whichever database the suite runs on (CI runs it on SQLite and PostgreSQL).

The API inputs are read from the OpenAPI documents, so a new parameter is fuzzed without
touching this file. Each request runs in a savepoint (a database error cannot poison the
next one). ``FUZZ_EXAMPLES`` sets the examples per input (default 15); the inputs tried per
endpoint go to ``test-artifacts/fuzz/inputs-<database>.json`` and the terminal.
"""

import datetime as dt
import json
import os
import time
import traceback
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Site

from booking import availability, clock, emails, operations, tokens
from booking.forms import parse_start
from booking.models import Booking, BookingEmail
from questions import guards
from services.models import Service

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "fuzz"

NASTY = [
    "",
    '"',
    'back "spasm',
    "'",
    "\x00",
    "back\x00spasm",
    "\x1f\x7f\x85",
    "<",
    "<script>alert(1)</script>",
    "AND",
    "back OR",
    "NOT spasm",
    "NEAR(back spasm)",
    "back*",
    "*",
    "^back",
    "title:back",
    "-spasm",
    "+",
    "()",
    "%",
    "%s%d",
    "%00",
    "\\",
    "   ",
    "\t\n\r",
    "\u2028\u2029",
    "\u202e",
    "\ufeff",
    "\u200b",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "🙂",
    "ﷺ",
    "İ",
    "ß",
    "\ufffd",
    "\U0010ffff",
    "=HYPERLINK(1)",
    "@SUM(A1)",
    "../../etc/passwd",
    "9" * 30,
    "-1",
    "1e309",
    "null",
    "x" * 1000,
]


def texts(valid="", surrogates=False):
    """Arbitrary text, some of it glued to a valid value so it gets past the first check."""
    chars = st.characters(exclude_categories=() if surrogates else ("Cs",))
    anything = st.text(chars, max_size=30)
    odd = st.text(
        st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "P", "S")), min_size=1, max_size=12
    )
    long = st.builds(lambda char, count: char * count, chars, st.integers(100, 2000))
    strategies = [st.sampled_from(NASTY), anything, odd, long]
    if valid:
        strategies.append(st.builds(lambda junk: valid + junk, st.one_of(anything, odd)))
    return st.one_of(strategies)


class Fuzzer:
    def __init__(self):
        self.client = Client()
        self.counts = defaultdict(int)
        self.errors = defaultdict(int)
        self.failures = []

    def request(self, method, url, **kwargs):
        """One request in a savepoint; returns the status (any exception fails the example)."""
        with transaction.atomic():
            response = getattr(self.client, method)(url, **kwargs)
        return response.status_code

    def run(self, endpoint, field, send, strategy):
        """Try ``EXAMPLES`` values of ``strategy`` with ``send(value) -> status``."""
        key = (endpoint, field)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        )
        @given(strategy)
        def check(value):
            self.counts[key] += 1
            try:
                status = send(value)
            except Exception:
                self.errors[key] += 1
                raise
            if status >= 500:
                self.errors[key] += 1
            assert status < 500, f"{endpoint} {field}={value!r} answered {status}"

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - collected, the test fails at the end
            where = "".join(traceback.format_exception(exc)[-6:])
            notes = "\n".join(getattr(exc, "__notes__", []))
            self.failures.append(f"{endpoint} [{field}]: {notes}\n{where}"[-4000:])

    def report(self, name, capsys):
        per_endpoint = defaultdict(lambda: {"inputs": 0, "5xx": 0, "fields": 0})
        for (endpoint, _), count in self.counts.items():
            per_endpoint[endpoint]["inputs"] += count
            per_endpoint[endpoint]["fields"] += 1
        for (endpoint, _), count in self.errors.items():
            per_endpoint[endpoint]["5xx"] += count
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"inputs-{connection.vendor}-{name}.json"
        path.write_text(json.dumps(dict(sorted(per_endpoint.items())), indent=2) + "\n")
        total = sum(v["inputs"] for v in per_endpoint.values())
        with capsys.disabled():
            print(
                f"\n[fuzz {connection.vendor} {name}] {total} values tried in "
                f"{len(self.counts)} inputs of {len(per_endpoint)} endpoints, "
                f"{sum(self.errors.values())} x 5xx ({path.name})"
            )
        assert not self.failures, "\n".join(self.failures)


@pytest.fixture
def fuzzer(settings):
    # The fuzzer exercises input handling, not the rate limiter (tested on its own).
    settings.RATELIMIT_ENABLE = False
    return Fuzzer()


def _example(name, param_schema):
    """A valid value for a required parameter the fuzzed one travels with."""
    return {
        "path": "/conditions/back-spasm/",
        "token": "not-a-token",
        "html_path": "/",
        "type_name": "wagtailcore.Page",
        "type": "wagtailcore.Page",
    }.get(name, "1" if param_schema.get("type") == "integer" else "back-spasm")


def _operations(fuzzer, schema_url, methods=("get",), skip=(), under=""):
    schema = fuzzer.client.get(schema_url).json()
    for path, operations_ in schema["paths"].items():
        if not path.startswith(under):
            continue
        for method, operation in operations_.items():
            if method in methods and not any(part in path for part in skip):
                yield path, method, operation.get("parameters", [])


#: Every delivery operation takes ``locale``, read by one decorator: fuzzed on one path.
LOCALE_FUZZED_PATH = "/api/content/techniques/"


def fuzz_openapi(fuzzer, schema_url, path_values, skip=(), under=""):
    """Every query and path parameter of every GET operation in the OpenAPI document (those
    whose path starts with ``under``)."""
    for path, method, params in _operations(fuzzer, schema_url, skip=skip, under=under):
        endpoint = f"{method.upper()} {path}"
        required = {
            p["name"]: _example(p["name"], p.get("schema", {}))
            for p in params
            if p["in"] == "query" and p.get("required")
        }
        for param in params:
            name, where = param["name"], param["in"]
            if where not in ("query", "path"):
                continue
            if name == "locale" and path != LOCALE_FUZZED_PATH:
                continue  # one rule for every operation (params.py): fuzzed on one of them

            def send(value, name=name, where=where, path=path, required=required):
                url = path
                for other in path_values:
                    url = url.replace("{" + other + "}", quote(str(path_values[other]), safe=""))
                if where == "path":
                    return fuzzer.request(
                        "get", url.replace("{" + name + "}", quote(value, safe=""))
                    )
                return fuzzer.request("get", url, data={**required, name: value})

            fuzzer.run(endpoint, f"{where} {name}", send, texts(_example(name, {})))


@pytest.fixture
def bookable(demo_site):
    """A bookable service, its first length, a therapist and a free start time (real clock),
    a day ahead or more: the first free start sits at the notice limit, which a minutes-long
    fuzzing run would pass before it books it."""
    client = Client()
    later = clock.now() + dt.timedelta(days=1)
    for service in Service.objects.bookable():
        slots = client.get(
            "/api/content/booking/availability/", {"service": service.slug, "days": 14}
        ).json()
        ahead = [s for s in slots.get("slots", []) if parse_start(s["starts_at"]) >= later]
        if ahead:
            slot = ahead[0]
            return {
                "service": service.slug,
                "variant_id": slots["variant_id"],
                "therapist": slot["therapists"][0],
                "starts_at": slot["starts_at"],
            }
    pytest.fail("The demo content has no free slot in the next 14 days.")


def _fresh_booking(bookable):
    """A confirmed booking at the free slot (each example starts from an untouched one)."""
    Booking.objects.all().delete()
    service = Service.objects.get(slug=bookable["service"])
    variant = service.variants.get(pk=bookable["variant_id"])
    therapist = next(
        t for t in availability.bookable_therapists(service) if t.slug == bookable["therapist"]
    )
    booking, _ = operations.create_booking(
        operations.BookingRequest(
            service=service,
            variant=variant,
            therapist=therapist,
            starts_at=parse_start(bookable["starts_at"]),
            name="Pat Lee",
            email="pat@example.com",
            phone="(562) 555-0199",
            accept_policy=True,
        )
    )
    return booking


def _render_emails():
    """What the outbox would send for the bookings made (emails run after commit, which a
    test transaction never reaches): customer text must render in text, HTML and .ics."""
    for email in BookingEmail.objects.select_related("booking"):
        emails.build_message(email).message()


HEALTH = {"pregnant": False, "blood_clots": False, "cancer_treatment": False}


def test_delivery_api_inputs(fuzzer, demo_site, capsys):
    fuzz_openapi(
        fuzzer, "/api/content/openapi.json", {"slug": "back-spasm"}, skip=("/api/content/booking/",)
    )
    fuzzer.report("delivery-api", capsys)


def test_wagtail_v3_anonymous_inputs(fuzzer, demo_site, capsys):
    home = Site.objects.get(is_default_site=True).root_page_id
    fuzz_openapi(
        fuzzer,
        "/api/v3/openapi.json",
        {
            "page_id": home,
            "revision_id": 1,
            "site_id": 1,
            "redirect_id": 1,
            "document_id": 1,
            "image_id": 1,
            "type": "wagtailcore.Page",
            "pk": 1,
            "type_name": "wagtailcore.Page",
        },
    )
    fuzzer.report("v3-api", capsys)


def test_booking_api_inputs(fuzzer, bookable, capsys):
    booking = _fresh_booking(bookable)
    token = tokens.make_token(booking)
    fuzz_openapi(
        fuzzer, "/api/content/openapi.json", {"token": token}, under="/api/content/booking/"
    )
    base = {
        **bookable,
        "name": "Pat Lee",
        "email": "pat@example.com",
        "phone": "(562) 555-0199",
        "accept_policy": True,
        "health": {**HEALTH, "recent_surgery": False, "notes": ""},
    }

    def create(field):
        def send(value):
            Booking.objects.all().delete()
            body = {**base, "health": dict(base["health"])}
            if field.startswith("health."):
                body["health"][field.removeprefix("health.")] = value
            else:
                body[field] = value
            status = fuzzer.request(
                "post",
                "/api/content/booking/bookings/",
                data=json.dumps(body),
                content_type="application/json",
            )
            _render_emails()
            return status

        return send

    for field in [*bookable, "name", "email", "phone", "health.notes", "accept_policy"]:
        valid = str(base.get(field, ""))
        fuzzer.run(
            "POST /api/content/booking/bookings/",
            f"body {field}",
            create(field),
            texts(valid, surrogates=True),
        )
    fuzzer.run(
        "POST /api/content/booking/bookings/",
        "header Idempotency-Key",
        lambda value: fuzzer.request(
            "post",
            "/api/content/booking/bookings/",
            data=json.dumps(base),
            content_type="application/json",
            headers={"Idempotency-Key": value},
        ),
        texts("abcdefgh1234"),
    )

    for action in ("cancel", "reschedule"):
        fuzzer.run(
            f"POST /api/content/booking/bookings/{{token}}/{action}/",
            "path token",
            lambda value, action=action: fuzzer.request(
                "post",
                f"/api/content/booking/bookings/{quote(value, safe='')}/{action}/",
                data=json.dumps({"starts_at": bookable["starts_at"]}),
                content_type="application/json",
            ),
            texts(token),
        )

    def move(field):
        def send(value):
            moved = _fresh_booking(bookable)
            body = {"starts_at": bookable["starts_at"], "therapist": bookable["therapist"]}
            body[field] = value
            status = fuzzer.request(
                "post",
                f"/api/content/booking/bookings/{tokens.make_token(moved)}/reschedule/",
                data=json.dumps(body),
                content_type="application/json",
            )
            _render_emails()
            return status

        return send

    for field in ("starts_at", "therapist"):
        fuzzer.run(
            "POST /api/content/booking/bookings/{token}/reschedule/",
            f"body {field}",
            move(field),
            texts(bookable[field], surrogates=True),
        )
    fuzzer.report("booking-api", capsys)


def test_html_pages_and_forms(fuzzer, bookable, capsys):
    run, get, post = fuzzer.run, fuzzer.request, fuzzer.request
    run("GET /search/", "query q", lambda v: get("get", "/search/", data={"q": v}), texts("back"))
    run(
        "GET /search/",
        "query page",
        lambda v: get("get", "/search/", data={"q": "massage", "page": v}),
        texts("2"),
    )
    run("GET /<path>/", "path", lambda v: get("get", f"/{quote(v, safe='')}/"), texts("team"))
    run("GET /es/<path>/", "path", lambda v: get("get", f"/es/{quote(v, safe='')}/"), texts("x"))
    run(
        "GET /es/search/", "query q", lambda v: get("get", "/es/search/", data={"q": v}), texts("a")
    )
    run(
        "GET /conditions/topics/<slug>/",
        "path slug",
        lambda v: get("get", f"/conditions/topics/{quote(v, safe='')}/"),
        texts("back-pain"),
    )
    run(
        "GET /conditions/back-spasm/",
        "query utm_source",
        lambda v: get("get", "/conditions/back-spasm/", data={"utm_source": v}),
        texts("news"),
    )
    run(
        "GET /conditions/",
        "query page",
        lambda v: get("get", "/conditions/", data={"page": v}),
        texts("1"),
    )
    selection = {
        "service": bookable["service"],
        "location": Service.objects.bookable().get(slug=bookable["service"]).location.slug,
        "variant": bookable["variant_id"],
        "therapist": bookable["therapist"],
        "from": Page.objects.get(slug="back-spasm").pk,  # attribution: the article's Book link
    }
    for field in ("service", "location", "variant", "therapist", "date", "from"):
        run(
            "GET /book/",
            f"query {field}",
            lambda v, field=field: get("get", "/book/", data={**selection, field: v}),
            texts(str(selection.get(field, "2026-03-03"))),
        )
    run(
        "GET /book/details/",
        "query start",
        lambda v: get("get", "/book/details/", data={**selection, "start": v}),
        texts(bookable["starts_at"]),
    )
    form = {
        **selection,
        "start": bookable["starts_at"],
        "idempotency_key": "0123456789abcdef",
        "name": "Pat Lee",
        "email": "pat@example.com",
        "phone": "(562) 555-0199",
        "health_notes": "",
        "accept_policy": "on",
        **dict.fromkeys([*HEALTH, "recent_surgery"], "no"),
    }

    def details(field):
        def send(value):
            Booking.objects.all().delete()
            status = post("post", "/book/details/", data={**form, field: value})
            _render_emails()
            return status

        return send

    for field in form:
        run("POST /book/details/", f"form {field}", details(field), texts(str(form[field])))

    def manage(view, method="get", field=None, query=False):
        def send(value):
            token = tokens.make_token(_fresh_booking(bookable))
            if field is None:
                return get(method, f"/book/{view.format(token=quote(value, safe=''))}")
            url = f"/book/{view.format(token=token)}"
            if query:
                return get(method, url, data={field: value})
            status = post(method, url, data={field: value})
            _render_emails()
            return status

        return send

    for view in ("done/{token}/", "manage/{token}/", "manage/{token}/invite.ics"):
        run(f"GET /book/{view}", "path token", manage(view), texts("eyJiIjoi"))
    run(
        "GET /book/manage/{token}/reschedule/",
        "query date",
        manage("manage/{token}/reschedule/", field="date", query=True),
        texts("2026-03-03"),
    )
    run(
        "POST /book/manage/{token}/reschedule/",
        "form start",
        manage("manage/{token}/reschedule/", "post", "start"),
        texts(bookable["starts_at"]),
    )
    run(
        "POST /book/manage/{token}/cancel/",
        "form confirm",
        manage("manage/{token}/cancel/", "post", "confirm"),
        texts("yes"),
    )
    for field in ("username", "password"):
        run(
            "POST /admin/login/",
            f"form {field}",
            lambda v, field=field: post(
                "post", "/admin/login/", data={"username": "admin", "password": "x", field: v}
            ),
            texts("admin"),
        )
    run(
        "POST /admin/password_reset/",
        "form email",
        lambda v: post("post", "/admin/password_reset/", data={"email": v}),
        texts("pat@example.com"),
    )
    article = Page.objects.get(slug="back-spasm")
    ask_url = f"/questions/ask/{article.pk}/"
    question = {
        "token": guards.issue_token(article.pk, now=time.time() - 60),
        "question": "Can massage help a back spasm that keeps coming back?",
        "first_name": "Pat",
        "email": "pat@example.com",
        "reply_consent": "on",
        "website": "",
    }
    for field in question:
        run(
            "POST /questions/ask/<id>/",
            f"form {field}",
            lambda v, field=field: post("post", ask_url, data={**question, field: v}),
            texts(question[field]),
        )
    run(
        "POST /questions/ask/<id>/",
        "path id",
        lambda v: post("post", f"/questions/ask/{quote(v, safe='')}/", data=question),
        texts(str(article.pk)),
    )
    fuzzer.report("html", capsys)
