"""The forms of the medical review step's two actions, with one field per health-claim finding.

Wagtail builds a task's action form without arguments (``get_form_for_action`` knows only the
action), so the form finds its task state from a hidden field; the modal template builds the
unbound form for the task state it shows (``editorial_review`` template tags). ``clean`` returns
only ``comment`` and ``resolutions``: Wagtail passes the cleaned data to ``on_action`` as keyword
arguments (through JSON when the reviewer acts from the editor), and ``on_action`` checks the
resolutions again against the version it approves.
"""

from django import forms
from wagtail.models import TaskState

from .findings import ACCEPTED, CHANGE_REQUESTED, findings_under_review, resolution


def _task_state(value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    state = TaskState.objects.filter(pk=pk, status=TaskState.STATUS_IN_PROGRESS).first()
    return state.specific if state else None


class ReviewActionForm(forms.Form):
    task_state = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *args, task_state=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if task_state is None and data is not None:
            task_state = _task_state(data.get("task_state"))
        self.task_state = task_state
        self.findings = findings_under_review(task_state) if task_state else []
        if task_state is not None:
            self.fields["task_state"].initial = task_state.pk
        for finding in self.findings:
            self.fields[self.field_name(finding)] = self.finding_field(finding)
        # The comment last, after the findings it may explain.
        self.order_fields([*(f for f in self.fields if f != "comment"), "comment"])

    @staticmethod
    def field_name(finding):
        return f"finding_{finding.key}"

    def finding_fields(self):
        return [self[self.field_name(finding)] for finding in self.findings]


class ApproveForm(ReviewActionForm):
    """Approve: every finding accepted with a note saying why it may stay."""

    def finding_field(self, finding):
        return forms.CharField(
            label=f"“{finding.sentence}”",
            help_text=f"{finding.labels}: {finding.phrases} in {finding.where}. "
            "Why may this stay? (Otherwise close this and request changes.)",
            widget=forms.Textarea(attrs={"rows": 2}),
            error_messages={"required": "Accept this finding with a note, or request changes."},
        )

    def clean(self):
        cleaned = super().clean()
        return {
            "comment": cleaned.get("comment", ""),
            "resolutions": [
                resolution(finding, ACCEPTED, cleaned.get(self.field_name(finding), "").strip())
                for finding in self.findings
            ],
        }


class RequestChangesForm(ReviewActionForm):
    """Request changes: tick the findings the editor must change, and/or say what to change."""

    def finding_field(self, finding):
        return forms.BooleanField(
            label=f"Change “{finding.sentence}”",
            help_text=f"{finding.labels}: {finding.phrases} in {finding.where}.",
            required=False,
            initial=True,
        )

    def clean(self):
        cleaned = super().clean()
        flagged = [f for f in self.findings if cleaned.get(self.field_name(f))]
        comment = (cleaned.get("comment") or "").strip()
        if not flagged and not comment:
            raise forms.ValidationError(
                "Say what needs changing: tick a finding or write a comment for the editor."
            )
        return {
            "comment": comment,
            "resolutions": [resolution(finding, CHANGE_REQUESTED) for finding in flagged],
        }
