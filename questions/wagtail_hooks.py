"""Admin wiring: the "Visitor questions" queue (a snippet viewset with status filters, bulk
reject and promote-to-FAQ), and the hooks that put published questions in the page's JSON-LD
and the delivery API."""

from django.urls import path
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import PromoteView, RejectBulkAction
from .models import Question
from .seo import add_question_nodes


class QuestionPermissionPolicy(ModelPermissionPolicy):
    """Questions come from visitors only: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Question, QuestionPermissionPolicy(Question), exact_class=True)


class QuestionFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Question.Status.choices, empty_label="Any status")

    class Meta:
        model = Question
        fields = ["status"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Visitor questions"
    menu_name = "visitor-questions"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "questions"
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = QuestionFilterSet
    search_fields = ["question", "first_name", "answer"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "__str__",
        Column("page", label="Asked on"),
        "first_name",
        "status",
        Column("created_at", label="Asked", sort_key="created_at"),
        "answered_by",
    ]
    panels = [
        HelpPanel(template="questions/admin/question_status.html", heading="About this question"),
        MultiFieldPanel(
            [FieldPanel("page", read_only=True), FieldPanel("question"), FieldPanel("first_name")],
            heading="The question",
        ),
        MultiFieldPanel(
            [FieldPanel("answer"), FieldPanel("answered_by"), FieldPanel("status")],
            heading="The answer",
        ),
    ]

    def get_queryset(self, request):
        return Question.objects.select_related("page", "answered_by")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("promote/<int:pk>/", PromoteView.as_view(), name="promote"),
        ]


register_snippet(QuestionViewSet)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("construct_page_jsonld", add_question_nodes)


@hooks.register("register_content_api_router")
def register_questions_api():
    from .api import router  # the API assembles after the apps are ready

    return "/questions/", router
