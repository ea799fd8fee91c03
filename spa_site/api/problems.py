"""Every error an API under ``/api/`` sends is an RFC 9457 problem (``application/problem+json``).

The APIs build most of their errors as problems already (Wagtail's ``problem_response``, the
booking API's documented error shape), but some answers come from elsewhere: Django's own
404 for an unknown path, ninja's 405, the 500 page, a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE``. ``ProblemDetailsMiddleware`` is the one place that makes
them all problems, for every status: a JSON error object keeps its members (``detail``,
``code``, ``field`` …) and gains ``type``, ``title`` and ``status``; anything else becomes
``{"type": "about:blank", "title": <reason>, "status": <code>, "detail": …}``. Headers such as
``Allow``, ``Retry-After`` and CORS survive. A body too large answers 413 before it is read.
"""

import json
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.errors import PROBLEM_JSON

API_PREFIX = "/api/"
DETAILS = {
    400: "The request is malformed.",
    403: "This request is not allowed.",
    404: "There is nothing at this address.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    415: "Send the request body as JSON (Content-Type: application/json).",
    500: "Something went wrong on our side. Please try again later.",
}
#: A machine-readable ``code`` member for problems made here (the booking API documents one).
CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}
_SKIPPED_HEADERS = {"content-type", "content-length"}


def is_api_request(request):
    return request.path_info.startswith(API_PREFIX)


def title_for(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem(status, detail=None, *, type="about:blank", title=None, **members):  # noqa: A002
    """A problem object: ``type``, ``title``, ``status``, ``detail`` and extension members."""
    return {
        "type": type,
        "title": title or title_for(status),
        "status": status,
        "detail": detail or DETAILS.get(status, title_for(status)),
        "code": CODES.get(status, "error"),
        **members,
    }


def problem_response(status, detail=None, **members):
    return HttpResponse(
        json.dumps(problem(status, detail, **members)), status=status, content_type=PROBLEM_JSON
    )


def _body_too_large(request):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or request.content_type == "multipart/form-data":
        return False  # uploads stream to disk and have their own limits
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return False


def _as_problem(response):
    status = response.status_code
    members = {}
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            body = json.loads(response.content or b"null")
        except ValueError:
            body = None
        if isinstance(body, dict):
            members = body
        elif body is not None:
            members = {"errors": body}
    detail = members.pop("detail", None)
    if not isinstance(detail, str):
        if detail is not None:
            members.setdefault("errors", detail)
        detail = None
    if settings.DEBUG and not members and response.content and not detail:
        detail = response.content.decode(errors="replace")[:2000]
    members.pop("status", None)
    for key in ("type", "title"):
        if not isinstance(members.get(key, ""), str):
            members.pop(key)
    converted = problem_response(status, detail, **members)
    for header, value in response.items():
        if header.lower() not in _SKIPPED_HEADERS:
            converted[header] = value
    for cookie in response.cookies.values():
        converted.cookies[cookie.key] = cookie
    return converted


class ProblemDetailsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        if _body_too_large(request):
            return problem_response(413)
        response = self.get_response(request)
        if (
            response.status_code < 400
            or getattr(response, "streaming", False)
            or response.get("Content-Type", "").startswith(PROBLEM_JSON)
        ):
            return response
        return _as_problem(response)

    def process_exception(self, request, exception):
        if is_api_request(request) and isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
            return problem_response(413)
        return None


#: Where a validation error's ``loc`` says the request part rather than the input.
REQUEST_PARTS = {"body", "query", "path", "header", "payload"}


def validation_problem(errors):
    """422 naming the first failing input (``field``) and listing every failure (``errors``)."""
    first = errors[0] if errors else {}
    where = [str(part) for part in first.get("loc", ()) if part not in REQUEST_PARTS]
    field = ".".join(where) or None
    message = first.get("msg", "Invalid input.")
    detail = f"{field}: {message}" if field else message
    cleaned = [
        {k: v for k, v in error.items() if k not in ("input", "ctx", "url")} for error in errors
    ]
    return HttpResponse(
        json.dumps(problem(422, detail, code="invalid", field=field, errors=cleaned), default=str),
        status=422,
        content_type=PROBLEM_JSON,
    )


def install_problem_handlers(api):
    """The one set of exception handlers of the API: every refusal is a problem with a code."""

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc):
        return validation_problem(list(exc.errors))

    @api.exception_handler(PydanticValidationError)
    def invalid_internal(request, exc):
        return validation_problem(exc.errors())

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request, exc):
        return validation_problem([{"loc": [], "msg": message} for message in exc.messages])

    @api.exception_handler(HttpError)
    def refused(request, exc):
        return problem_response(exc.status_code, str(exc))

    @api.exception_handler(DataError)
    @api.exception_handler(OverflowError)
    def out_of_range(request, exc):
        return problem_response(400, "A parameter is out of range.", code="out_of_range")


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
}
#: Answers any operation can give before it runs: a URL with a control character (400);
#: and for writes, an origin not allowed (403), a body too large (413) or not JSON (415).
COMMON_PROBLEMS = {"400": "Bad request (e.g. a control character in the URL)."}
WRITE_PROBLEMS = {
    "403": "A write from an origin that is not allowed.",
    "413": "The request body is too large.",
    "415": "The request body is not JSON (Content-Type: application/json).",
}


def locale_parameter():
    """The ``locale`` query parameter every operation takes (``params.refuse_unknown_query_params``
    reads it): the language of the content and of the texts in the answer."""
    languages = [code for code, _ in settings.LANGUAGES]
    return {
        "in": "query",
        "name": "locale",
        "required": False,
        "schema": {"type": "string", "enum": languages, "default": settings.LANGUAGE_CODE},
        "description": (
            "Language of the answer: pages of that language only (slugs and paths are the "
            "translated ones), interface texts and messages in it. Default English. A page "
            "lists its visible translations in `meta.translations`."
        ),
    }


class ProblemAPI(NinjaAPI):
    """Documents error answers with the media type they are sent with (RFC 9457 problems),
    including those the middleware and the write guard give before an operation runs."""

    def get_openapi_operation_id(self, operation):
        """``<app>_api_<operation>``: moving an operation between an app's API modules never
        renames it in a client generated from the document."""
        app = operation.view_func.__module__.split(".")[0]
        return f"{app}_api_{operation.view_func.__name__}"

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "locale" for p in parameters):
                    parameters.append(locale_parameter())
                responses = operation.setdefault("responses", {})
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
                added = dict(COMMON_PROBLEMS)
                if method.upper() in ("POST", "PUT", "PATCH", "DELETE"):
                    added.update(WRITE_PROBLEMS)
                documented = {str(status) for status in responses}
                for status, description in added.items():
                    if status in documented:
                        continue
                    responses[int(status)] = {
                        "description": description,
                        "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}},
                    }
        return schema
