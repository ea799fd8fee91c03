"""Every image rendition the site shows, in one place.

Templates name a preset (``{% preset_picture image "hero" … %}``), listings prefetch the
expanded specs, and ``manage.py generate_renditions`` creates them ahead of time, so the
three cannot drift apart. Specs use Wagtail's picture syntax (space-separated, with brace
expansion); ``expand`` gives the exact rendition filter strings the tag requests.
"""

from wagtail.images.models import Filter

PICTURES = {
    "hero": "format-{avif,webp,jpeg} fill-{400x225,800x450,1200x675}",
    "content": "format-{avif,webp,jpeg} width-{400,800,1200}",
    "card": "format-{webp,jpeg} fill-480x320",
    "avatar": "format-{webp,jpeg} fill-240x240",
    "profile": "format-{webp,jpeg} fill-{240x240,480x480}",
}
#: Single renditions for metadata: the Open Graph / Twitter / JSON-LD share image (every
#: candidate a page's SEO adapter lists) and the JSON-LD ``Person`` image of a profile photo.
FILTERS = {"share": "fill-1200x630", "person": "fill-600x600"}
SHARE_IMAGE_FILTER = FILTERS["share"]
PERSON_IMAGE_FILTER = FILTERS["person"]
PRESETS = [*PICTURES, *FILTERS]

#: Which pictures each image field of a page is shown with on the site (the field's page,
#: the cards and person boxes that show it elsewhere). Images inside StreamFields are "content".
FIELD_PICTURES = {
    "hero_image": ["hero"],
    "listing_image": ["card"],
    "photo": ["profile", "avatar", "person"],
}
STREAM_PICTURES = ["content"]


def expand(preset):
    """The rendition filter specs a preset stands for (``{% picture %}``'s order)."""
    if preset in FILTERS:
        return [FILTERS[preset]]
    return Filter.expand_spec(PICTURES[preset].split())
