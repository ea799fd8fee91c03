"""StreamField values as typed JSON, with a schema per block for OpenAPI.

``stream_schema(block)`` turns a Wagtail block definition into pydantic models: each
StreamBlock becomes a list of a discriminated union on ``type`` (one member per child
block), each StructBlock a model named after its block class, and choosers become typed
references (page links, images, or whatever an app registered for a snippet model).
``serialize_block`` produces matching data. Both walk the same definitions, so the
schema and the output cannot drift.
"""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal, Union

from django.utils.text import camel_case_to_spaces
from ninja import Schema
from pydantic import Field, create_model
from wagtail import blocks
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .images import ImageSchema, serialize_image
from .links import visible_link
from .rich_text import RichTextHTML, render_rich_text
from .schemas import PageLink

#: snippet model -> (schema, serializer(instance, ctx) -> dict | None)
_snippet_serializers = {}
_models_by_name = {}


def register_snippet_serializer(model, schema, serializer):
    _snippet_serializers[model] = (schema, serializer)


def _camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def _unique_name(name, signature):
    """Reuse a model for an identical block; otherwise make the name unique."""
    candidate, counter = name, 2
    while candidate in _models_by_name and _models_by_name[candidate][0] != signature:
        candidate = f"{name}{counter}"
        counter += 1
    return candidate


def _help_text(block):
    return (
        getattr(block.meta, "help_text", None)
        or getattr(block, "field", None)
        and getattr(block.field, "help_text", "")
    )


def _struct_model(block, name_hint):
    cls = type(block)
    name = cls.__name__ if cls is not blocks.StructBlock else f"{name_hint}Block"
    fields = {
        child_name: (
            block_annotation(child, f"{name.removesuffix('Block')}{_camel(child_name)}"),
            Field(description=str(help_text)) if (help_text := _help_text(child)) else ...,
        )
        for child_name, child in block.child_blocks.items()
    }
    signature = repr(sorted((k, repr(v[0])) for k, v in fields.items()))
    name = _unique_name(name, signature)
    if name not in _models_by_name:
        doc = getattr(block.meta, "description", "") or camel_case_to_spaces(name)
        model = create_model(name, __base__=Schema, __doc__=str(doc), **fields)
        _models_by_name[name] = (signature, model)
    return _models_by_name[name][1]


def stream_item_models(block, name_hint):
    name = type(block).__name__ if type(block) is not blocks.StreamBlock else name_hint
    name = name.removesuffix("Block")
    members = []
    for child_name, child in block.child_blocks.items():
        members.append(
            create_model(
                f"{name}{_camel(child_name)}",
                __base__=Schema,
                __doc__=str(getattr(child.meta, "description", "") or child_name),
                type=(Literal[child_name], ...),
                id=(str, ...),
                value=(block_annotation(child, f"{name}{_camel(child_name)}"), ...),
            )
        )
    return members


def stream_schema(block, name_hint="Stream"):
    members = stream_item_models(block, name_hint)
    if len(members) == 1:
        return list[members[0]]
    return list[Annotated[Union[tuple(members)], Field(discriminator="type")]]  # noqa: UP007


def block_annotation(block, name_hint):
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block, name_hint)
    if isinstance(block, blocks.ListBlock):
        return list[block_annotation(block.child_block, name_hint)]
    if isinstance(block, ImageBlock):
        return ImageSchema | None
    if isinstance(block, blocks.StructBlock):
        return _struct_model(block, name_hint)
    if isinstance(block, blocks.RichTextBlock):
        return RichTextHTML
    if isinstance(block, blocks.PageChooserBlock):
        return PageLink | None
    if isinstance(block, ImageChooserBlock):
        return ImageSchema | None
    if isinstance(block, SnippetChooserBlock):
        schema, _ = _snippet_serializers[block.target_model]
        return schema | None
    if isinstance(block, blocks.BooleanBlock):
        return bool
    if isinstance(block, blocks.IntegerBlock):
        return int | None
    if isinstance(block, blocks.FloatBlock | blocks.DecimalBlock):
        return float | None
    if isinstance(block, blocks.DateTimeBlock):
        return datetime | None
    if isinstance(block, blocks.DateBlock):
        return date | None
    if isinstance(block, blocks.TimeBlock):
        return time | None
    if isinstance(block, blocks.FieldBlock):
        return str
    raise TypeError(f"No API schema for block {type(block).__name__}")


_TYPED_FIELD_BLOCKS = (
    blocks.BooleanBlock,
    blocks.IntegerBlock,
    blocks.FloatBlock,
    blocks.DecimalBlock,
    blocks.DateBlock,
    blocks.DateTimeBlock,
    blocks.TimeBlock,
)


def serialize_block(block, value, ctx):
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child.block_type,
                "id": child.id or "",
                "value": serialize_block(child.block, child.value, ctx),
            }
            for child in value
        ]
    if isinstance(block, blocks.ListBlock):
        return [serialize_block(block.child_block, item, ctx) for item in value]
    if isinstance(block, ImageBlock):
        if value is None:
            return None
        return serialize_image(value, ["content"], ctx, alt=value.contextual_alt_text or "")
    if isinstance(block, blocks.StructBlock):
        return {
            name: serialize_block(child, value.get(name), ctx)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return render_rich_text(value.source if value else "", ctx)
    if isinstance(block, blocks.PageChooserBlock):
        return visible_link(value, ctx)
    if isinstance(block, ImageChooserBlock):
        return serialize_image(value, ["content"], ctx)
    if isinstance(block, SnippetChooserBlock):
        if value is None:
            return None
        _, serializer = _snippet_serializers[block.target_model]
        return serializer(value, ctx)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(block, blocks.FieldBlock) and not isinstance(block, _TYPED_FIELD_BLOCKS):
        return "" if value is None else str(value)
    return value


def chooser_page_ids(block, value):
    """Page ids chosen anywhere in a block value, to check their visibility in one query."""
    if value is None:
        return set()
    if isinstance(block, blocks.StreamBlock):
        return set().union(*(chooser_page_ids(c.block, c.value) for c in value))
    if isinstance(block, blocks.ListBlock):
        return set().union(*(chooser_page_ids(block.child_block, v) for v in value))
    if isinstance(block, blocks.StructBlock) and not isinstance(block, ImageBlock):
        return set().union(
            *(chooser_page_ids(c, value.get(n)) for n, c in block.child_blocks.items())
        )
    if isinstance(block, blocks.PageChooserBlock):
        return {value.pk}
    return set()
