"""Card listings that cost the same number of queries whatever their length."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

CARDS_PER_PAGE = 12
# Relations a card shows besides its image (e.g. an article card names its author).
CARD_RELATIONS = ["author"]


def images_with_renditions():
    """Images with all their renditions: the site's cards and the API's presets differ in
    size, and both are read from the one prefetch."""
    return get_image_model().objects.prefetch_related("renditions")


def card_images():
    """Listing images with their renditions prefetched (two queries for the whole page)."""
    return Prefetch("listing_image", queryset=images_with_renditions())


def with_card_images(pages):
    """Prefetch what cards show on an already evaluated list of pages, possibly of several
    types: images for all, and each card relation for the types that have it."""
    pages = list(pages)
    if pages:
        prefetch_related_objects(pages, card_images())
    for relation in CARD_RELATIONS:
        having = [p for p in pages if any(f.name == relation for f in p._meta.fields)]
        if having:
            prefetch_related_objects(having, relation)
    return pages
