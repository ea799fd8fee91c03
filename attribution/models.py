"""First-party page-view counts: one number per page and day, nothing about the visitor."""

from django.db import models


class DailyPageViews(models.Model):
    """Views of one page on one day (site time zone), flushed in batches from the shared
    cache (``attribution.counter``)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily page views"
        verbose_name_plural = "daily page views"
        default_permissions = ()
        permissions = [("view_bookings_by_content", "Can see the Bookings by content report")]
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="attribution_one_row_per_page_day")
        ]

    def __str__(self):
        return f"Page {self.page_id} on {self.day:%Y-%m-%d}: {self.views}"
