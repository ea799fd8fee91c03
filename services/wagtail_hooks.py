from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from spa_site import visibility
from spa_site.models import SiteSettings
from spa_site.seo.page_seo import CollectionSeo

from . import selectors
from .models import LocationIndexPage, LocationPage, Service
from .seo import LocationSeo, business_node


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "date"
    menu_label = "Services"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("offered_at_label", label="Locations"),
        BooleanColumn("active"),
        BooleanColumn("contains_sample_data", label="Sample data"),
    ]
    list_filter = ["active", "locations", "contains_sample_data"]
    search_fields = ["name", "description"]


register_snippet(ServiceViewSet)


@hooks.register("register_page_seo")
def register_location_seo():
    return {LocationPage: LocationSeo, LocationIndexPage: CollectionSeo}


@hooks.register("register_business_jsonld")
def register_business_node():
    return business_node


@hooks.register("register_site_location")
def register_site_location():
    """The footer's address and hours come from the same location as the DaySpa node."""

    def site_location(request):
        site_settings = SiteSettings.for_request(request)
        return selectors.primary_location(visibility.for_request(request), site_settings)

    return site_location


@hooks.register("register_site_locations")
def register_site_locations():
    """All public locations, for a footer that fits several."""

    def site_locations(request):
        return selectors.all_locations(visibility.for_request(request))

    return site_locations


@hooks.register("register_content_api_router")
def register_locations_api():
    from .api import locations_router  # the API assembles after the apps are ready

    return "/locations/", locations_router


@hooks.register("register_content_api_router")
def register_services_api():
    from .api import router  # the API assembles after the apps are ready

    return "/services/", router
