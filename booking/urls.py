"""Public booking pages (namespace ``booking``). The booking API (``booking/api/``) is a
router of the site's one API, mounted at /api/content/booking/ by ``spa_site.api.assembly``."""

from django.urls import path

from spa_site.private_pages import private_page

from . import views

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
