from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "date"
    menu_label = "Services"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        "location",
        BooleanColumn("active"),
        BooleanColumn("contains_sample_data", label="Sample data"),
    ]
    list_filter = ["active", "location", "contains_sample_data"]
    search_fields = ["name", "description"]


register_snippet(ServiceViewSet)
