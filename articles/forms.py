"""Admin form for topics: case-insensitive uniqueness, and a slug that follows a rename."""

from django import forms
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm

from . import topics
from .models import TopicTag


class TopicTagForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Leave empty to make it from the name."

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = TopicTag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if clash:
            raise forms.ValidationError(
                f"The topic “{clash.name}” already exists. Use it, or merge the two topics."
            )
        return name

    def clean(self):
        cleaned = super().clean()
        name, slug = cleaned.get("name"), cleaned.get("slug")
        renamed = (
            self.instance.pk and "name" in self.changed_data and "slug" not in self.changed_data
        )
        if name and (not slug or renamed):
            slug = slugify(name)[:100]
            cleaned["slug"] = slug
        if slug and TopicTag.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", f"Another topic already uses the address “{slug}”.")
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if "slug" in self.cleaned_data:
            self.instance.slug = self.cleaned_data["slug"]

    def save(self, commit=True):
        old_slug = (
            TopicTag.objects.filter(pk=self.instance.pk).values_list("slug", flat=True).first()
        )
        tag = super().save(commit=commit)
        if commit and old_slug and old_slug != tag.slug:
            topics.redirect_topic(old_slug, tag.slug)
        return tag


class MergeTopicsForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=TopicTag.objects.none(),
        label="Keep this topic",
        widget=forms.RadioSelect,
        help_text="The other selected topics are deleted; their articles and techniques move "
        "to this one and their topic pages redirect to its page.",
    )

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.tags = list(tags)
        self.fields["target"].queryset = TopicTag.objects.filter(pk__in=[t.pk for t in tags])

    def clean(self):
        if len(self.tags) < 2:
            raise forms.ValidationError("Select at least two topics to merge.")
        return super().clean()
