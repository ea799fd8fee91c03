"""A fingerprint of a page's body: every StreamField and rich text field, by what a reader sees.

Approval stores the fingerprint of what the reviewer approved; publishing compares the version
about to go live with it. Markup is reduced to its words and link targets and list items to
their values, so the editor's round trip (which rewrites HTML and list storage without changing
a word) does not count as an edit, while any change of wording, order, block or link does.
"""

import hashlib
import html
import json
import re

from wagtail.fields import RichTextField, StreamField

TAG = re.compile(r"<[^>]*>")
ITEM_KEYS = {"type", "value", "id"}
LINK_TARGET = re.compile(r"<(?:a|embed)\b[^>]*?\b(?:href|id)=\"([^\"]*)\"", re.IGNORECASE)


def body_fields(page):
    """The long-form content fields of a page's model: its StreamFields and rich text fields."""
    return [
        field
        for field in page._meta.concrete_fields
        if isinstance(field, StreamField | RichTextField)
    ]


def _normalise_text(text):
    targets = LINK_TARGET.findall(text)
    words = " ".join(html.unescape(TAG.sub(" ", text)).split())
    return [words, targets] if targets else words


def _is_list_item(data):
    return isinstance(data, dict) and data.get("type") == "item" and set(data) <= ITEM_KEYS


def _normalise(data):
    if isinstance(data, dict):
        return {key: _normalise(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        # ListBlock keeps old-style data (plain values) until first edited, then stores
        # {"type": "item", "value": …, "id": …}: both mean the same list.
        return [_normalise(item["value"] if _is_list_item(item) else item) for item in data]
    if isinstance(data, str):
        return _normalise_text(data)
    return data


def body_fingerprint(page):
    """SHA-256 over the normalised body fields of ``page`` (an unsaved or draft object is fine)."""
    content = {}
    for field in body_fields(page):
        value = field.value_from_object(page)
        if isinstance(field, StreamField):
            value = field.stream_block.get_prep_value(value)
        content[field.name] = _normalise(value or "")
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()
