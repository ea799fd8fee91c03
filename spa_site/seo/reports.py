"""SEO reports in the Wagtail admin (Reports menu), each exportable to CSV and XLSX.

Reports look at what search engines see: the effective title and description (after the
fallbacks in ``PageSeo``), so their rows are computed in Python from the live pages. Apps
register reports of their own with ``SeoReport.register`` (see articles/reports.py).
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site

from .. import visibility
from ..models import SiteSettings
from .metadata import DESCRIPTION_IDEAL_MAX, DESCRIPTION_IDEAL_MIN, TITLE_IDEAL_MAX
from .page_seo import seo_for

REPORTS_PERMISSION = "spa_site.view_seo_reports"
IMAGE_EMBED = re.compile(r"<embed\b[^>]*\bembedtype=\"image\"[^>]*>")
ALT_ATTRIBUTE = re.compile(r"\balt=\"([^\"]*)\"")


@dataclass
class Row:
    """One line of a report: usually a page and what is wrong with it."""

    page: Page = None
    title: str = ""
    problem: str = ""
    value: str = ""
    length: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def page_title(self):
        return self.page.get_admin_display_title() if self.page else self.title

    @property
    def page_type(self):
        return self.page.specific_class._meta.verbose_name if self.page else ""

    @property
    def url(self):
        return self.page.full_url if self.page else self.extra.get("url", "")

    @property
    def edit_url(self):
        if self.page:
            return reverse("wagtailadmin_pages:edit", args=(self.page.pk,))
        return self.extra.get("edit_url", "")


def live_pages():
    """Public pages below the site roots (``visibility``), as their specific types."""
    return visibility.anonymous().pages().order_by("path").specific().iterator()


def site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


class SeoReport(ReportView):
    """Base for the SEO reports; rows are ``Row`` objects."""

    registry = []
    slug = ""
    menu_label = ""
    header_icon = "search"
    paginate_by = 100
    columns = [
        TitleColumn("page_title", label="Page", get_url=lambda row: row.edit_url),
        Column("page_type", label="Type"),
        Column("problem", label="Problem"),
        Column("value", label="Value"),
    ]
    list_export = ["page_title", "url", "page_type", "problem", "value"]
    export_headings = {
        "page_title": "Page",
        "url": "URL",
        "page_type": "Type",
        "problem": "Problem",
        "value": "Value",
    }

    @classmethod
    def register(cls, report):
        cls.registry.append(report)
        return report

    @property
    def index_url_name(self):
        return f"seo_reports:{self.slug}"

    @property
    def index_results_url_name(self):
        return f"seo_reports:{self.slug}_results"

    @property
    def export_filename(self):
        return f"seo-{self.slug}"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORTS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return list(self.rows())

    def rows(self):
        raise NotImplementedError

    @classmethod
    def urlpatterns(cls):
        return [
            path(f"{cls.slug}/", cls.as_view(), name=cls.slug),
            path(
                f"{cls.slug}/results/", cls.as_view(results_only=True), name=f"{cls.slug}_results"
            ),
        ]


class SeoReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORTS_PERMISSION)


def menu_items():
    return [
        SeoReportMenuItem(
            report.page_title,
            reverse(f"seo_reports:{report.slug}"),
            name=f"seo-{report.slug}",
            icon_name=report.header_icon,
            order=2000 + position,
        )
        for position, report in enumerate(SeoReport.registry)
    ]


class PageMetadataMixin:
    @cached_property
    def site_settings(self):
        return site_settings()

    def metadata(self):
        """(page, effective title, effective description, own description?) of live pages."""
        for page in live_pages():
            seo = seo_for(page)
            if seo.noindex():
                continue
            yield (
                page,
                seo.title(self.site_settings),
                " ".join(seo.description().split()),
                bool(page.search_description),
            )


@SeoReport.register
class MetaDescriptionReport(PageMetadataMixin, SeoReport):
    slug = "meta-descriptions"
    page_title = "Meta descriptions"
    columns = [*SeoReport.columns, Column("length", label="Characters")]
    list_export = [*SeoReport.list_export, "length"]
    export_headings = {**SeoReport.export_headings, "length": "Characters"}

    def rows(self):
        for page, _title, description, own in self.metadata():
            length = len(description)
            source = "" if own else " (from the summary)"
            if not description:
                problem = "Missing"
            elif length < DESCRIPTION_IDEAL_MIN:
                problem = f"Too short{source}: under {DESCRIPTION_IDEAL_MIN} characters"
            elif length > DESCRIPTION_IDEAL_MAX:
                problem = f"Too long{source}: over {DESCRIPTION_IDEAL_MAX} characters"
            else:
                continue
            yield Row(page=page, problem=problem, value=description, length=length)


@SeoReport.register
class LongTitleReport(PageMetadataMixin, SeoReport):
    slug = "long-titles"
    page_title = "Titles over 60 characters"
    columns = MetaDescriptionReport.columns
    list_export = MetaDescriptionReport.list_export
    export_headings = MetaDescriptionReport.export_headings

    def rows(self):
        for page, title, _description, _own in self.metadata():
            if len(title) > TITLE_IDEAL_MAX:
                yield Row(
                    page=page,
                    problem=f"Over {TITLE_IDEAL_MAX} characters: may be cut off",
                    value=title,
                    length=len(title),
                )


@SeoReport.register
class DuplicateMetadataReport(PageMetadataMixin, SeoReport):
    slug = "duplicates"
    page_title = "Duplicate titles and descriptions"

    def rows(self):
        seen = {"title": {}, "description": {}}
        for page, title, description, _own in self.metadata():
            for kind, value in (("title", title), ("description", description)):
                if value:
                    seen[kind].setdefault(value.casefold(), []).append((page, value))
        for kind, values in seen.items():
            for pages in values.values():
                if len(pages) < 2:
                    continue
                for page, value in pages:
                    others = ", ".join(p.title for p, _ in pages if p.pk != page.pk)
                    yield Row(page=page, problem=f"Same {kind} as {others}", value=value)


def _stream_images(data, where):
    """(where, image id or None, alt, decorative) in raw StreamField data.

    Raw data, because ImageBlock keeps its alt text on the shared Image instance, so two
    uses of one image would report the alt text of the last.
    """
    if isinstance(data, dict):
        if "image" in data and "decorative" in data:
            yield where, data["image"], data.get("alt_text", ""), bool(data["decorative"])
            return
        for child in data.values():
            yield from _stream_images(child, where)
    elif isinstance(data, list | tuple):
        for child in data:
            yield from _stream_images(child, where)
    elif isinstance(data, str):
        yield from _rich_text_images(data, where)


def _rich_text_images(html, where):
    for embed in IMAGE_EMBED.findall(html or ""):
        alt = ALT_ATTRIBUTE.search(embed)
        yield where, None, alt.group(1) if alt else "", False


def page_images(page):
    """Every image a page shows, with the alt text it is shown with."""
    Image = get_image_model()
    for model_field in page._meta.get_fields():
        if getattr(model_field, "related_model", None) is Image and model_field.many_to_one:
            image = getattr(page, model_field.name)
            if image is not None:
                yield model_field.verbose_name, image, image.description, False
        elif isinstance(model_field, StreamField):
            raw = list(getattr(page, model_field.name).raw_data)
            for where, image_id, alt, decorative in _stream_images(raw, model_field.verbose_name):
                image = Image.objects.filter(pk=image_id).first() if image_id else None
                yield where, image, alt, decorative
        elif isinstance(model_field, RichTextField):
            yield from _rich_text_images(getattr(page, model_field.name), model_field.verbose_name)


@SeoReport.register
class MissingAltTextReport(SeoReport):
    slug = "missing-alt-text"
    page_title = "Images without alt text"
    header_icon = "image"

    def rows(self):
        for page in live_pages():
            for where, image, alt, decorative in page_images(page):
                if decorative or (alt or "").strip():
                    continue
                name = image.title if image else "Image in rich text"
                yield Row(page=page, problem=f"No alt text ({where})", value=name)


@SeoReport.register
class OrphanPagesReport(SeoReport):
    slug = "unlinked-pages"
    page_title = "Pages no other page links to"
    header_icon = "link"

    def rows(self):
        page_type = ContentType.objects.get_for_model(Page)
        pages = list(live_pages())
        live_ids = {str(page.pk) for page in pages}
        linked = set()
        references = ReferenceIndex.objects.filter(
            base_content_type=page_type, to_content_type=page_type, object_id__in=live_ids
        ).values_list("object_id", "to_object_id")
        for source, target in references:
            if source != target:
                linked.add(target)
        for page in pages:
            # Index pages, topic pages and the home page link to what they list as cards.
            listed = getattr(page, "listed_pages", list)()
            linked.update(str(item.pk) for item in listed if item.pk != page.pk)
        site_roots = set(Site.objects.values_list("root_page_id", flat=True))
        for page in pages:
            if page.pk in site_roots or page.show_in_menus or str(page.pk) in linked:
                continue
            yield Row(
                page=page,
                problem="Not linked from any live page's content, listing or the menu",
            )


def register_urls():
    patterns = []
    for report in SeoReport.registry:
        patterns += report.urlpatterns()
    return patterns
