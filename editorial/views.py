"""The "Medical reviews due" report: live pages whose last review is missing or too old."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from author_profiles.models import ProfilePage

from .filters import ReviewsDueFilterSet
from .review import max_review_age, pages_due_for_review


class ReviewStatusColumn(Column):
    def get_value(self, instance):
        if instance.in_review:
            return "In medical review"
        if instance.changes_requested:
            return "Changes requested"
        return "Due" if instance.last_review else "Never reviewed"


class ReviewsDueView(ReportView):
    page_title = "Medical reviews due"
    header_icon = "time"
    index_url_name = "editorial:reviews_due"
    index_results_url_name = "editorial:reviews_due_results"
    filterset_class = ReviewsDueFilterSet
    results_template_name = "editorial/reviews_due_results.html"
    no_results_message = "Every medical review is up to date."
    columns = [
        TitleColumn(
            "title",
            label="Page",
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        Column("page_type", label="Type", accessor="page_type_display_name"),
        DateColumn("last_review", label="Last reviewed"),
        Column("reviewer_name", label="Reviewed by"),
        ReviewStatusColumn("status", label="Status"),
    ]
    list_export = ["title", "page_type_display_name", "last_review", "reviewer_name", "url"]
    export_headings = {
        "title": "Page",
        "page_type_display_name": "Type",
        "last_review": "Last reviewed",
        "reviewer_name": "Reviewed by",
        "url": "Public URL",
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("editorial.view_reviews_due"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"medical-reviews-due-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return pages_due_for_review().order_by(F("last_review").asc(nulls_first=True), "title")

    def decorate_paginated_queryset(self, object_list):
        profile_ids = {page.last_reviewer_id for page in object_list if page.last_reviewer_id}
        names = dict(ProfilePage.objects.filter(pk__in=profile_ids).values_list("pk", "title"))
        for page in object_list:
            page.reviewer_name = names.get(page.last_reviewer_id, "")
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_age_days"] = max_review_age().days
        return context
