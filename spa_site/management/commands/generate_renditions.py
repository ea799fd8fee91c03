"""Create the image renditions live pages show, before the first visitor asks for them.

Which renditions comes from ``spa_site.renditions`` (the same presets the templates use):
each image field named in ``FIELD_PICTURES`` gets its pictures, images inside StreamFields get
``STREAM_PICTURES``, and each page's share image candidates (and the sites' fallback share
image) get the "share" rendition. Existing renditions are left alone, so a second run creates nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, Filter, SourceImageIOError
from wagtail.models import Page

from spa_site.models import SiteSettings
from spa_site.renditions import FIELD_PICTURES, PRESETS, STREAM_PICTURES, expand
from spa_site.seo.page_seo import seo_for


def stream_images(value):
    """Images anywhere inside a StreamField value (blocks, lists and structs, nested)."""
    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from stream_images(item)
    elif not isinstance(value, str | bytes) and hasattr(value, "__iter__"):
        for item in value:  # StreamValue / ListValue children carry .value
            yield from stream_images(getattr(item, "value", item))


def wanted_renditions(pages, presets):
    """{image: set of preset names} for the given specific pages."""
    wanted = {}

    def want(image, names):
        if image is not None:
            wanted.setdefault(image, set()).update(n for n in names if n in presets)

    for page in pages:
        for field_name, names in FIELD_PICTURES.items():
            want(getattr(page, field_name, None), names)
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                for image in stream_images(getattr(page, field.name)):
                    want(image, STREAM_PICTURES)
        for image in seo_for(page).images():  # JSON-LD lists them all, og:image the first
            want(image, ["share"])
    for settings in SiteSettings.objects.filter(share_image__isnull=False).select_related(
        "share_image"
    ):
        want(settings.share_image, ["share"])
    return wanted


def filters_for(names):
    """One filter per distinct spec (the avatar and the profile photo share one size)."""
    specs = {}
    for name in sorted(names):
        specs.update(dict.fromkeys(expand(name)))
    return [Filter(spec=spec) for spec in specs]


class Command(BaseCommand):
    help = (
        "Create the image renditions that live pages show (hero, content images, cards, "
        "profile photos, share images) ahead of time. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--preset",
            action="append",
            dest="presets",
            metavar="NAME",
            help=f"Only these presets (repeatable): {', '.join(PRESETS)}.",
        )

    def handle(self, *args, presets=None, **options):
        unknown = sorted(set(presets or ()) - set(PRESETS))
        if unknown:
            raise CommandError(
                f"Unknown preset {', '.join(unknown)}: choose from {', '.join(PRESETS)}."
            )
        presets = set(presets or PRESETS)
        pages = Page.objects.live().specific().iterator(chunk_size=200)
        wanted = wanted_renditions(pages, presets)
        created = existing = 0
        failed = []
        for image, names in wanted.items():
            filters = filters_for(names)
            have = image.find_existing_renditions(*filters)
            missing = [f for f in filters if f not in have]
            existing += len(have)
            if not missing:
                continue
            try:
                image.create_renditions(*missing)
            except (SourceImageIOError, OSError) as exc:
                failed.append(f"image {image.pk} “{image.title}”: {exc}")
                continue
            created += len(missing)
        self.stdout.write(
            f"Renditions for {len(wanted)} images: {created} created, {existing} already there."
        )
        if failed:
            raise CommandError(
                f"{len(failed)} image(s) could not be read (upload them again in the admin):\n"
                + "\n".join(failed)
            )
