"""Public booking pages (namespace ``booking``) and the booking API.

The API is mounted through its own small ``NinjaAPI`` at /api/content/booking/ until it
joins the site-wide delivery API.
"""

from django.urls import path
from ninja import NinjaAPI

from . import views
from .api import install_error_handlers, router

app_name = "booking"

urlpatterns = [
    path("book/", views.start, name="start"),
    path("book/details/", views.details, name="details"),
    path("book/done/<str:token>/", views.done, name="done"),
    path("book/manage/<str:token>/", views.manage, name="manage"),
    path("book/manage/<str:token>/cancel/", views.cancel, name="cancel"),
    path("book/manage/<str:token>/reschedule/", views.reschedule, name="reschedule"),
    path("book/manage/<str:token>/invite.ics", views.invite, name="invite"),
]

api = NinjaAPI(
    title="Moonlight at Naple booking API",
    version="1.0.0",
    description=(
        "Availability, booking and self-service changes. Times are ISO 8601; "
        "the spa's wall clock is America/Los_Angeles."
    ),
    urls_namespace="booking_api",
)
api.add_router("", router)
install_error_handlers(api)
