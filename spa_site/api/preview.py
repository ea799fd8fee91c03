"""Headless preview: the admin's preview sends the editor to the front end with a signed token.

When ``HEADLESS_PREVIEW_URL`` is set, previewing any page stores the unsaved content (as
Wagtail stores revisions, ``serializable_data``) in the cache under a random key and
redirects to ``HEADLESS_PREVIEW_URL?token=…&type=…``. The front end calls
``/api/content/preview/?token=…`` and gets the content in the detail shape. Tokens are
signed (``django.core.signing``) and expire after ``HEADLESS_PREVIEW_TOKEN_MAX_AGE`` seconds:
an expired token answers 401, a tampered one 403. The cache must be shared between app
servers (``REDIS_URL``) in a multi-process deployment.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import urlencode
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from .context import ApiContext
from .registry import page_types
from .schemas import ERRORS

SALT = "spa_site.api.preview"
CACHE_PREFIX = "headless-preview:"


def max_age():
    return getattr(settings, "HEADLESS_PREVIEW_TOKEN_MAX_AGE", 600)


def make_preview_token(page):
    """Store the page's current (possibly unsaved) content and sign a token pointing at it."""
    key = secrets.token_urlsafe(16)
    cache.set(
        CACHE_PREFIX + key,
        {
            "content_type": ContentType.objects.get_for_model(page).pk,
            "data": page.serializable_data(),
        },
        timeout=max_age(),
    )
    return signing.dumps({"key": key}, salt=SALT)


def headless_preview_response(page, request):
    """The redirect to the front end, or None when headless preview is not configured."""
    base_url = getattr(settings, "HEADLESS_PREVIEW_URL", "")
    page_type = page_types.get(type(page))
    if not base_url or page_type is None:
        return None
    query = urlencode({"token": make_preview_token(page), "type": page_type.name})
    separator = "&" if "?" in base_url else "?"
    return HttpResponseRedirect(f"{base_url}{separator}{query}")


def load_preview(token):
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise HttpError(401, "The preview token has expired. Open the preview again.") from error
    except signing.BadSignature as error:
        raise HttpError(403, "The preview token is not valid.") from error
    stored = cache.get(CACHE_PREFIX + str(payload.get("key")))
    if stored is None:
        raise HttpError(401, "The preview has expired. Open the preview again.")
    model = ContentType.objects.get_for_id(stored["content_type"]).model_class()
    return model.from_serializable_data(stored["data"], check_fks=False, strict_fks=False)


class PreviewParams(Schema):
    token: str = Field(
        pattern=r"^[A-Za-z0-9_:-]+$", max_length=500, description="From the preview URL."
    )


def build_router(page_detail):
    router = Router(tags=["preview"])

    @router.get(
        "/",
        response={200: page_detail, 401: ERRORS[400], 403: ERRORS[400], **ERRORS},
        url_name="preview",
        summary="Preview draft content",
    )
    def preview(request, response: HttpResponse, params: PreviewParams = Query(...)):
        """Unsaved or draft content of a page, in the same shape as its detail endpoint."""
        page = load_preview(params.token)
        page_type = page_types.get(type(page))
        if page_type is None:
            raise HttpError(404, "This kind of page has no headless preview.")
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return page_type.serialize_detail(page, ApiContext(request, preview=True))

    return router
