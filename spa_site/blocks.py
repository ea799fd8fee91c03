"""Blocks every content app can use. Apps extend ``BaseStreamBlock`` with domain blocks."""

import copy

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from . import loaded


class ReusesLoadedObjects:
    """A chooser block that takes the objects this request has loaded already (``loaded``)
    and reads only the others, in one query, as Wagtail's ``bulk_to_python`` does."""

    def bulk_to_python(self, values):
        found = loaded.get(self.model_class, [v for v in values if v is not None])
        missing = [v for v in values if v is not None and v not in found]
        if missing:
            found.update(self.model_class.objects.in_bulk(missing))
        result, seen = [], set()
        for value in values:
            obj = found.get(value)
            if obj is not None and value in seen:  # each occurrence its own instance
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(value)
        return result


class LoadedPageChooserBlock(ReusesLoadedObjects, blocks.PageChooserBlock):
    pass


class LoadedSnippetChooserBlock(ReusesLoadedObjects, SnippetChooserBlock):
    pass


class SectionBlock(blocks.StructBlock):
    """A heading with paragraphs; the heading feeds the table of contents."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Shown as a section heading and in the table of contents. Leave empty for an introduction.",
    )
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        label = "Text section"
        template = "spa_site/blocks/section.html"
        description = "A heading and a few paragraphs of text."
        preview_value = {
            "heading": "How does massage help?",
            "body": "<p>Massage therapy involves manipulating the muscles and tissues.</p>",
        }


class CaptionedImageBlock(ImageBlock):
    """Wagtail's ImageBlock already asks for alt text (or a 'decorative' tick)."""

    class Meta:
        icon = "image"
        label = "Image"
        template = "spa_site/blocks/image.html"
        description = "A picture with alternative text for screen readers."

    def get_preview_value(self):
        """The most recent image in the library, so the picker shows a real picture."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return None
        return self.to_python({"image": image.pk, "alt_text": image.title, "decorative": False})


class BaseStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    image = CaptionedImageBlock()
