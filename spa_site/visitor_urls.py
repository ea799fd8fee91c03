"""What a visitor reads besides the pages: search, booking and reader questions. A project
includes them inside ``i18n_patterns`` (English unprefixed, Spanish under ``/es/``), before
Wagtail's page serving."""

from django.urls import include, path

from .search import search_view

urlpatterns = [
    path("search/", search_view, name="search"),
    path("", include("booking.urls")),
    path("questions/", include("questions.urls")),
]
