"""Share images: a 1200×630 PNG card for every page (title, what the page is, the spa's name
and colours), used as ``og:image``/``twitter:image`` when no editor chose a picture.

When: each live page's card is drawn after its publish commits (a background task; any
failure is logged and never reaches the publish), and any card not drawn yet (a topic page,
a card whose wording changed, a file lost) is drawn on its first request.

Where: in the default storage (S3 in production), under a name derived from the card's
content and the secret key, so the stored file cannot be found without asking this module.

URL: ``/share-images/<page id>/[<route>/]<version>.png``, where the version is a hash of
everything drawn on the card. A new title, label or spa name makes a new URL (so caches and
social networks fetch the new card); an old URL redirects to the current card.

Who: the view serves cards of pages an anonymous visitor may see, and only with the live
page's own wording (a preview's draft title gets redirected to the live card); anything
else is a 404.
"""

import functools
import hashlib
import io
import json
import logging
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_safe
from django_tasks import task
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from . import visibility

logger = logging.getLogger(__name__)

#: Bump when the drawing changes, so every card gets a new URL.
DESIGN_VERSION = 1
WIDTH, HEIGHT = 1200, 630
STORAGE_DIR = "share-images"
CACHE_CONTROL = "public, max-age=86400"

#: The site's colours (static/css/site.css uses the same values; a test holds them together).
PALETTE = {
    "night": "#17324a",
    "sky-top": "#10263a",
    "sky-bottom": "#2c5a72",
    "moon": "#e9c46a",
    "sea": "#8fc7cf",
    "wave-1": "#1f4d63",
    "wave-2": "#173e52",
    "wave-3": "#10303f",
    "cream": "#faf7f2",
}

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]
TITLE_FONT = "DejaVuSerif-Bold.ttf"
TEXT_FONT = "DejaVuSans.ttf"
TEXT_BOLD_FONT = "DejaVuSans-Bold.ttf"
TEXT_LEFT = 80
TEXT_WIDTH = 740
TITLE_SIZES = (76, 68, 60, 52, 46)
TITLE_MAX_LINES = 4


@dataclass(frozen=True)
class Card:
    """Everything drawn on one share image; ``page_id`` None is the site's own card."""

    title: str
    label: str
    site_name: str
    page_id: int | None = None
    route: str = ""

    @property
    def version(self):
        data = json.dumps([DESIGN_VERSION, asdict(self)], sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    @property
    def path(self):
        if self.page_id is None:
            return reverse("site-share-image", kwargs={"version": self.version})
        if self.route:
            return reverse(
                "routed-share-image",
                kwargs={
                    "page_id": self.page_id,
                    "route": self.route.strip("/"),
                    "version": self.version,
                },
            )
        return reverse("share-image", kwargs={"page_id": self.page_id, "version": self.version})

    @property
    def folder(self):
        """One folder per page and routed sub-page: it holds that card's versions only."""
        folder = f"{STORAGE_DIR}/{self.page_id or 'site'}"
        return f"{folder}/{self.route.strip('/')}" if self.route else folder

    @property
    def storage_name(self):
        key = salted_hmac("share-image", f"{self.version}:{self.page_id}:{self.route}")
        return f"{self.folder}/{key.hexdigest()[:32]}.png"

    @property
    def alt(self):
        return f"{self.title}: {self.label}, {self.site_name}" if self.label else self.title


def card_for(page, site_settings, context=None):
    """The card of ``page`` (a specific page) as its SEO adapter names it."""
    from .seo.page_seo import seo_for

    seo = seo_for(page, None, context)
    return Card(
        title=seo.heading(),
        label=seo.share_label(site_settings),
        site_name=site_settings.business_name,
        page_id=page.pk,
        route=seo.route_path(),
    )


def site_card(site_settings):
    """The card for views that are not pages (search, booking)."""
    return Card(title=site_settings.business_name, label=site_settings.tagline, site_name="")


# Drawing ----------------------------------------------------------------------


def _rgb(name):
    value = PALETTE[name].lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


@functools.cache
def _font(name, size):
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)  # Pillow's own font, when DejaVu is not installed


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _title_lines(draw, title):
    """The title in the largest size that fits in four lines (then cut with an ellipsis)."""
    for size in TITLE_SIZES:
        font = _font(TITLE_FONT, size)
        lines = _wrap(draw, title, font, TEXT_WIDTH)
        if len(lines) <= TITLE_MAX_LINES:
            return font, lines
    lines = lines[:TITLE_MAX_LINES]
    last = lines[-1]
    while last and draw.textlength(last + "…", font=font) > TEXT_WIDTH:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return font, lines


def _waves(draw, top, amplitude, colour):
    crests = [
        (x, top + amplitude * math.sin(2 * math.pi * x / 240)) for x in range(0, WIDTH + 1, 8)
    ]
    draw.polygon([(0, HEIGHT), *crests, (WIDTH, HEIGHT)], fill=colour)


def render_png(card):
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _rgb("night"))
    draw = ImageDraw.Draw(image)
    top, bottom = _rgb("sky-top"), _rgb("sky-bottom")
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    # The moon: a soft glow and a crescent, at the right.
    glow = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(glow).ellipse((860, 80, 1120, 340), fill=70)
    image.paste(_rgb("moon"), mask=glow.filter(ImageFilter.GaussianBlur(45)))
    crescent = Image.new("L", (WIDTH, HEIGHT), 0)
    moon = ImageDraw.Draw(crescent)
    moon.ellipse((900, 120, 1080, 300), fill=255)
    moon.ellipse((945, 95, 1105, 255), fill=0)
    image.paste(_rgb("moon"), mask=crescent)
    for x, y in ((760, 90), (820, 200), (1150, 380), (700, 40), (1160, 60)):
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=_rgb("cream"))
    _waves(draw, 520, 14, _rgb("wave-1"))
    _waves(draw, 560, 12, _rgb("wave-2"))
    for width, y in ((120, 538), (76, 566), (36, 592)):  # the moon's path on the water
        draw.rounded_rectangle(
            (990 - width / 2, y - 4, 990 + width / 2, y + 4), radius=4, fill=_rgb("moon")
        )
    _waves(draw, 600, 10, _rgb("wave-3"))

    y = 96
    if card.label:
        label_font = _font(TEXT_BOLD_FONT, 28)
        draw.text((TEXT_LEFT, y), card.label.upper(), font=label_font, fill=_rgb("moon"))
        y += 60
    font, lines = _title_lines(draw, card.title)
    line_height = round(font.size * 1.18)
    for line in lines:
        draw.text((TEXT_LEFT, y), line, font=font, fill=_rgb("cream"))
        y += line_height
    if card.site_name:
        draw.text(
            (TEXT_LEFT, HEIGHT - 110),
            card.site_name,
            font=_font(TEXT_BOLD_FONT, 34),
            fill=_rgb("cream"),
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_icon(size):
    """The site icon (the crescent moon over a wave, on night blue) as a square RGBA image:
    favicon, apple-touch icon and web manifest icons (``manage.py draw_icons``)."""
    scale = 4  # draw large, then shrink: smooth edges without anti-aliasing support
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 4, fill=_rgb("night"))
    crescent = Image.new("L", (big, big), 0)
    moon = ImageDraw.Draw(crescent)
    moon.ellipse((big * 0.22, big * 0.16, big * 0.78, big * 0.72), fill=255)
    moon.ellipse((big * 0.36, big * 0.08, big * 0.86, big * 0.58), fill=0)
    image.paste(_rgb("moon"), mask=crescent)
    wave = [
        (x, big * 0.8 + big * 0.035 * math.sin(2 * math.pi * x / (big * 0.38)))
        for x in range(round(big * 0.14), round(big * 0.86))
    ]
    draw.line(wave, fill=_rgb("sea"), width=max(scale, round(big * 0.05)), joint="curve")
    return image.resize((size, size), Image.LANCZOS)


# Storage ----------------------------------------------------------------------


def stored_png(card):
    """The card's PNG from storage, drawn and stored first if it is not there yet."""
    name = card.storage_name
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    png = render_png(card)
    saved = default_storage.save(name, ContentFile(png))
    if saved != name:  # another request stored it meanwhile: keep theirs
        default_storage.delete(saved)
    _forget_old_versions(card)
    return png


def _forget_old_versions(card):
    """Delete the page's cards of earlier versions (best effort: a leftover costs only space)."""
    try:
        _, files = default_storage.listdir(card.folder)
        keep = card.storage_name.rsplit("/", 1)[-1]
        for file in files:
            if file != keep and file.endswith(".png"):
                default_storage.delete(f"{card.folder}/{file}")
    except (OSError, NotImplementedError):
        logger.warning("Could not tidy old share images in %s", card.folder, exc_info=True)


# Publishing -------------------------------------------------------------------


@task()
def draw_share_image(page_id):
    """Draw a published page's card ahead of its first request."""
    from .models import SiteSettings

    try:
        page = visibility.anonymous().pages().filter(pk=page_id).first()
        if page is None:
            return
        page = page.specific
        site = page.get_site()
        if site is not None:
            stored_png(card_for(page, SiteSettings.for_site(site)))
    except Exception:  # noqa: BLE001 - drawn again on the first request instead
        logger.exception("Could not draw the share image of page %s", page_id)


def draw_after_publish(sender, instance, **kwargs):
    """``page_published`` receiver: queue the card for after the commit; never fail the publish."""
    if not getattr(settings, "SHARE_IMAGES_ON_PUBLISH", True):
        return
    page_id = instance.pk

    def enqueue():
        try:
            draw_share_image.enqueue(page_id)
        except Exception:  # noqa: BLE001 - a card is never worth a failed publish
            logger.exception("Could not draw the share image of page %s", page_id)

    transaction.on_commit(enqueue)


# Views ------------------------------------------------------------------------


def _png_response(png):
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _site_settings(request):
    from .models import SiteSettings

    if visibility.for_request(request).site is None:
        raise Http404("No site")
    return SiteSettings.for_request(request)


@require_safe
def share_image(request, page_id, version, route=""):
    from .seo.page_seo import seo_class_for

    page = visibility.for_request(request).pages().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such page")
    page = page.specific
    context = seo_class_for(page).route_context(page, route)
    if context is None:
        raise Http404("No such page")
    card = card_for(page, _site_settings(request), context)
    if card.version != version:
        return redirect(card.path)
    return _png_response(stored_png(card))


@require_safe
def site_share_image(request, version):
    card = site_card(_site_settings(request))
    if card.version != version:
        return redirect(card.path)
    return _png_response(stored_png(card))
