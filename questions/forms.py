"""The visitor's question form (plain HTML, works without JavaScript) and its checks."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from spa_site.text import multi_line, single_line

from . import guards
from .models import FIRST_NAME_MAX_LENGTH, QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH, Question

HONEYPOT = "website"


def deliverable_email(value):
    """An address the mail code can encode (Django accepts some IDNA cannot)."""
    try:
        validate_email(value)
    except ValidationError:
        return
    try:
        sanitize_address(value, "utf-8")
    except (ValueError, LookupError, AttributeError):
        raise ValidationError(_("Enter an e-mail address like name@example.com.")) from None


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        min_length=QUESTION_MIN_LENGTH,
        max_length=QUESTION_MAX_LENGTH,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=format_lazy(
            _("Up to {count} characters, without links. Leave out anything that identifies you."),
            count=QUESTION_MAX_LENGTH,
        ),
        error_messages={"required": _("Write your question.")},
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=FIRST_NAME_MAX_LENGTH,
        validators=[single_line],
        help_text=_("Shown with your question."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter your first name (it is shown with your question).")},
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        validators=[single_line, deliverable_email],
        help_text=_("Only to send you the answer; never shown or shared."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    reply_consent = forms.BooleanField(
        label=_(
            "E-mail me the answer once it is published. The address is deleted after that, "
            "or after 30 days."
        ),
        required=False,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, page, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.page = page
        self.refusal = None
        # A fresh token on every rendering: a refused form sent again is timed from now.
        self.fresh_token = guards.issue_token(page.pk)

    def refuse(self, message):
        self.refusal = message
        self.add_error(None, message)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if self.data.get(HONEYPOT):
            raise ValidationError(guards.HONEYPOT_MESSAGE, code="honeypot")
        problem = guards.token_problem(self.data.get("token", ""), self.page.pk)
        if problem:
            raise ValidationError(problem, code="token")
        text = f"{data['question']}\n{data['first_name']}"
        if guards.has_link(text):
            raise ValidationError(guards.LINK_MESSAGE, code="link")
        claims = guards.stated_claims(data["question"])
        if claims:
            raise ValidationError(guards.claim_message(claims), code="health_claim")
        if data.get("email") and not data.get("reply_consent"):
            self.add_error(
                "reply_consent",
                _("Tick this box if we may e-mail you the answer, or leave the e-mail out."),
            )
        elif data.get("reply_consent") and not data.get("email"):
            self.add_error("email", _("Enter your e-mail address, or untick the box below."))
        return data

    def save(self):
        data = self.cleaned_data
        consent = bool(data.get("email") and data.get("reply_consent"))
        return Question.objects.create(
            page=self.page,
            question=data["question"].strip(),
            first_name=" ".join(data["first_name"].split()),
            email=data["email"] if consent else "",
            reply_consent=consent,
        )
