"""The moderation queue's own actions: reject many at once, and promote one into its FAQ."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.views import View
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Question
from .promotion import PromotionError, can_promote, promote


class RejectBulkAction(SnippetBulkAction):
    models = [Question]
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected questions"
    template_name = "questions/admin/confirm_bulk_reject.html"
    action_priority = 20

    def check_perm(self, obj):
        return self.request.user.has_perm("questions.change_question")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        count = 0
        for question in objects:
            if question.status != Question.Status.REJECTED:
                question.status = Question.Status.REJECTED
                question.save(update_fields=["status"])
                count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d question rejected.", "%(count)d questions rejected.", num_parent_objects
        ) % {"count": num_parent_objects}


class PromoteView(View):
    """GET: what promoting will do; POST: add the question to a new draft of the article."""

    template_name = "questions/admin/confirm_promote.html"
    index_url_name = None

    def dispatch(self, request, pk):
        self.question = get_object_or_404(Question.objects.select_related("page"), pk=pk)
        page = self.question.page.specific
        if not (
            request.user.has_perm("questions.change_question")
            and page.permissions_for_user(request.user).can_edit()
        ):
            raise PermissionDenied
        self.page = page
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return TemplateResponse(
            request,
            self.template_name,
            {
                "question": self.question,
                "page": self.page,
                "can_promote": can_promote(self.question),
            },
        )

    def post(self, request, pk):
        try:
            _revision, submitted = promote(self.question, request.user)
        except PromotionError as error:
            messages.error(request, str(error))
            return redirect("wagtailsnippets_questions_question:edit", pk)
        note = (
            "It is submitted for medical review."
            if submitted
            else "A review of the page is already in progress: submit the draft when it ends."
        )
        messages.success(
            request,
            f"The question is in a new draft of “{self.page.title}”’s FAQ. {note}",
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)
