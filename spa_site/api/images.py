"""Images as named rendition presets, each with its URL, size and the image's alt text."""

from ninja import Schema
from pydantic import Field

#: Named presets a front end can rely on. Changing a spec changes every URL, not the shape.
PRESETS = {
    "card": "fill-640x400",
    "hero": "fill-1600x900",
    "avatar": "fill-240x240",
    "content": "width-800",
}


class Rendition(Schema):
    url: str = Field(description="Absolute URL of the resized image.")
    width: int
    height: int


class ImageRenditions(Schema):
    """One key per preset; a field lists only the presets that fit where it is shown."""

    card: Rendition | None = Field(None, description=PRESETS["card"])
    hero: Rendition | None = Field(None, description=PRESETS["hero"])
    avatar: Rendition | None = Field(None, description=PRESETS["avatar"])
    content: Rendition | None = Field(None, description=PRESETS["content"])


class ImageSchema(Schema):
    id: int
    alt: str = Field(description="Alternative text; empty for a decorative image.")
    width: int = Field(description="Width of the original upload.")
    height: int = Field(description="Height of the original upload.")
    renditions: ImageRenditions


def prefetch_renditions(queryset, *lookups):
    """Prefetch existing renditions for image foreign keys (``lookup__renditions``)."""
    return queryset.prefetch_related(*(f"{lookup}__renditions" for lookup in lookups))


def serialize_image(image, presets, ctx, alt=None):
    if image is None:
        return None
    ctx.depends_on(f"image-{image.pk}")
    specs = {name: PRESETS[name] for name in presets}
    renditions = image.get_renditions(*specs.values())
    return {
        "id": image.pk,
        "alt": image.default_alt_text if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": ctx.absolute(renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in specs.items()
        },
    }
