"""Forms of the public booking flow (plain HTML forms: the flow works without JavaScript)."""

import datetime as dt
import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from spa_site.text import multi_line, single_line

from .models import HealthScreen

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
PHONE_RE = re.compile(r"\+?[0-9 ().\-]{7,30}")  # used with fullmatch: no trailing newline


def deliverable_email(value):
    """Validator: an address the mail code can encode. Django's ``validate_email`` accepts
    some international domains that IDNA then refuses, and such a booking's emails would
    fail in the outbox forever."""
    try:
        validate_email(value)
    except ValidationError:
        return  # the address is malformed: the email validator says so
    try:
        sanitize_address(value, "utf-8")
    except (ValueError, LookupError, AttributeError):  # IDNA's UnicodeError is a ValueError
        raise ValidationError(_("Enter an email address like name@example.com.")) from None


def parse_start(value):
    """An ISO 8601 instant with an offset (e.g. 2026-03-09T16:00:00Z), as UTC; None if not one."""
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:  # e.g. year 1 with a positive offset
        return None


def format_start(moment):
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StartField(forms.CharField):
    """A start time sent back from the offered choices, as an aware UTC datetime."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        moment = parse_start(value) if len(value) <= 40 else None
        if moment is None:
            raise ValidationError(_("Choose one of the offered times."))
        return moment


class BookingDetailsForm(forms.Form):
    """Text fields refuse control characters (``spa_site.text``); name, email and phone are
    one line each, so no line break can reach an email or the staff export."""

    service = forms.CharField(widget=forms.HiddenInput, max_length=120, validators=[single_line])
    variant = forms.IntegerField(widget=forms.HiddenInput)
    therapist = forms.CharField(widget=forms.HiddenInput, max_length=255, validators=[single_line])
    start = StartField(error_messages={"required": _("Choose one of the offered times.")})
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64, validators=[single_line]
    )

    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        validators=[single_line],
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Use at most 100 characters for your name."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        validators=[single_line, deliverable_email],
        help_text=_("We send the confirmation and the link to change your booking here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        validators=[single_line],
        help_text=_("In case we need to reach you before your visit."),
        error_messages={"required": _("Enter a phone number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    health_notes = forms.CharField(
        label=_("Anything else your therapist should know? (optional)"),
        required=False,
        max_length=500,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accept_policy = forms.BooleanField(
        label=_("I accept the cancellation policy"),
        error_messages={"required": _("Please accept the cancellation policy to book.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, question in HealthScreen.QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=_(question),
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no.")},
            )
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4().hex

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.fullmatch(phone) or sum(c.isdigit() for c in phone) < 7:
            raise ValidationError(
                _("Enter a phone number with at least 7 digits, e.g. (562) 555-0123.")
            )
        return phone

    @property
    def health_fields(self):
        return [self[name] for name, _ in HealthScreen.QUESTIONS]

    @property
    def contact_fields(self):
        return [self["name"], self["email"], self["phone"]]

    def health_answers(self):
        return {name: self.cleaned_data[name] == "yes" for name, _ in HealthScreen.QUESTIONS}


class RescheduleForm(forms.Form):
    start = StartField(error_messages={"required": _("Choose a new time.")})
