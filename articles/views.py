"""Admin views for topic governance: usage in the listing, merge, and delete with its effects."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import DeleteView

from . import topics
from .forms import MergeTopicsForm
from .models import TopicTag


def can_merge(user):
    return user.has_perm("articles.change_topictag") and user.has_perm("articles.delete_topictag")


class TopicDeleteView(DeleteView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["affected"] = topics.affected_pages([self.object])
        return context


class TopicDeleteBulkAction(DeleteBulkAction):
    models = [TopicTag]
    template_name = "articles/admin/topic_confirm_bulk_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["affected"] = topics.affected_pages([item["item"] for item in context["items"]])
        return context


class TopicMergeBulkAction(SnippetBulkAction):
    models = [TopicTag]
    display_name = "Merge"
    action_type = "merge"
    aria_label = "Merge selected topics into one"
    template_name = "articles/admin/topic_confirm_merge.html"
    action_priority = 20
    form_class = MergeTopicsForm

    def check_perm(self, obj):
        return can_merge(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not can_merge(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "tags": self.get_actionable_objects()[0]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["affected"] = topics.affected_pages([item["item"] for item in context["items"]])
        return context

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "target": self.cleaned_form.cleaned_data["target"],
        }

    @classmethod
    def execute_action(cls, objects, target=None, **kwargs):
        moved = topics.merge_topics(target, objects)
        return len([tag for tag in objects if tag.pk != target.pk]), moved

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d topic merged; %(items)d tagged items moved.",
            "%(count)d topics merged; %(items)d tagged items moved.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "items": num_child_objects}
