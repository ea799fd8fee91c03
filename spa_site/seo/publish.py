"""Publishing search fields on their own, for the SEO team.

The SEO team cannot publish pages (body changes go through editors and medical review), but
titles, descriptions, canonical URLs and noindex must not wait for that. This view publishes
only those fields on top of the live content; a pending draft keeps its body changes and
gets the new search fields too, so publishing it later does not undo them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from ..models import SEO_FIELDS_PERMISSION, BasePage, seo_counted_widget

SEO_FIELDS = ["seo_title", "search_description", "canonical_url", "noindex"]


def form_for(page):
    return forms.modelform_factory(
        type(page),
        fields=SEO_FIELDS,
        widgets={
            "seo_title": seo_counted_widget(30, 60),
            "search_description": seo_counted_widget(50, 160, multiline=True),
        },
    )


def can_publish_seo(user, page):
    return (
        isinstance(page, BasePage)
        and page.live
        and user.has_perm(SEO_FIELDS_PERMISSION)
        and page.permissions_for_user(user).can_edit()
    )


@transaction.atomic
def publish_seo_fields(page, user, values):
    """Publish ``values`` (SEO fields only) on the live page; carry them into a pending draft."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    live = type(page).objects.get(pk=page.pk)
    for name, value in values.items():
        setattr(live, name, value)
    # The caller checked the narrower right to publish search fields (can_publish_seo).
    live.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    if draft is not None:
        for name, value in values.items():
            setattr(draft, name, value)
        draft.save_revision(user=user, log_action=True)


class PublishSeoView(WagtailAdminTemplateMixin, FormView):
    template_name = "spa_site/admin/publish_seo.html"
    page_title = "Search settings"
    header_icon = "search"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not can_publish_seo(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_form_class(self):
        return form_for(self.page)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": type(self.page).objects.get(pk=self.page.pk),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page": self.page}

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in SEO_FIELDS}
        publish_seo_fields(self.page, self.request.user, values)
        messages.success(self.request, f"Search settings of “{self.page.title}” published.")
        return redirect("wagtailadmin_explore", self.page.get_parent().pk)


def header_button(page, user):
    if can_publish_seo(user, page.specific_deferred):
        yield Button(
            "Search settings",
            url=reverse("spa_site_publish_seo", args=(page.pk,)),
            icon_name="search",
            priority=40,
        )
