"""Page types the delivery API can serialise in detail, keyed by model.

Each app's API module (``api.py`` or ``api/``) registers its page types; the path lookup and the preview endpoint
answer with whichever detail shape the page's type registered, so they never drift from the
per-type endpoints. The registry holds no app imports itself (apps import it).
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageType:
    model: type
    name: str  # the discriminator value, e.g. "condition_article"
    detail_schema: Any
    serialize_detail: Any  # (page, ctx) -> dict
    detail_url_name: str | None = None
    prefetch_detail: Any = None  # (queryset, ctx) -> queryset with what the detail reads


page_types: dict[type, PageType] = {}


def register_page_type(model, name, detail_schema, serialize_detail, **kwargs):
    page_types[model] = PageType(model, name, detail_schema, serialize_detail, **kwargs)
