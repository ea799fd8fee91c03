"""Public booking pages (namespace ``booking``) and the booking API.

The API is mounted through its own small ``NinjaAPI`` at /api/content/booking/ until it
joins the site-wide delivery API.
"""

from django.urls import path

from spa_site.api.problems import ProblemAPI
from spa_site.private_pages import private_page

from . import views
from .api import install_error_handlers, router

app_name = "booking"

# Every booking page is personal: not cached anywhere, not indexed (robots.txt keeps
# crawlers out of /book/ too).
urlpatterns = [
    path("book/", private_page(views.start), name="start"),
    path("book/details/", private_page(views.details), name="details"),
    path("book/done/<str:token>/", private_page(views.done), name="done"),
    path("book/manage/<str:token>/", private_page(views.manage), name="manage"),
    path("book/manage/<str:token>/cancel/", private_page(views.cancel), name="cancel"),
    path("book/manage/<str:token>/reschedule/", private_page(views.reschedule), name="reschedule"),
    path("book/manage/<str:token>/invite.ics", private_page(views.invite), name="invite"),
]

api = ProblemAPI(
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
