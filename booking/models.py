"""Schedules, bookings and what guards them.

A confirmed booking owns one ``SlotClaim`` row per five-minute granule of the time it blocks
(treatment plus buffer). The unique (therapist, granule) constraint makes two overlapping
bookings of one therapist impossible on any database, whatever the application code does.
Health-screen answers live in their own table so they can be permissioned and purged apart.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from services.models import WEEKDAYS

from . import conf


def _check_granule(*times):
    for value in times:
        if value is not None and value.minute % conf.GRANULE_MINUTES:
            raise ValidationError(
                f"Use times on a {conf.GRANULE_MINUTES}-minute grid (e.g. 09:00, 09:05, 09:10)."
            )


class Schedule(ClusterableModel):
    """The weekly working hours of one therapist at one location."""

    therapist = models.ForeignKey(
        "author_profiles.ProfilePage",
        on_delete=models.CASCADE,
        related_name="booking_schedules",
    )
    location = models.ForeignKey(
        "services.LocationPage",
        on_delete=models.CASCADE,
        related_name="therapist_schedules",
    )

    panels = [
        FieldPanel("therapist"),
        FieldPanel("location"),
        InlinePanel(
            "hours",
            heading="Weekly working hours",
            help_text="One row per working period; add several rows for a split day.",
        ),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "location"], name="booking_one_schedule_per_place"
            )
        ]

    def __str__(self):
        return f"{self.therapist.title} at {self.location.title}"


class WorkingHours(Orderable):
    schedule = ParentalKey(Schedule, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    starts = models.TimeField()
    ends = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")])]

    class Meta(Orderable.Meta):
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="booking_hours_end_after_start",
            )
        ]

    def clean(self):
        _check_granule(self.starts, self.ends)
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": "The period must end after it starts."})

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class TimeOff(models.Model):
    """A one-off period when a therapist cannot be booked (holiday, training, sick day)."""

    therapist = models.ForeignKey(
        "author_profiles.ProfilePage", on_delete=models.CASCADE, related_name="time_off"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=120, blank=True)

    panels = [
        FieldPanel("therapist"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = "time off"
        verbose_name_plural = "time off"
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_time_off_end_after_start",
            )
        ]

    def __str__(self):
        return (
            f"{self.therapist.title}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"
        )

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Time off must end after it starts."})


class TherapistLock(models.Model):
    """One row per therapist, locked (SELECT … FOR UPDATE) to serialise their bookings."""

    therapist = models.OneToOneField(
        "author_profiles.ProfilePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )

    def __str__(self):
        return f"Booking lock for therapist {self.therapist_id}"


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Booking.Status.CONFIRMED)

    def upcoming(self, now):
        return self.confirmed().filter(starts_at__gte=now)

    def overlapping(self):
        """Confirmed bookings that overlap another confirmed booking of the same therapist,
        buffer included (one query). Always empty: the tests and the contention benchmark
        check that it stays so."""
        clash = (
            Booking.objects.confirmed()
            .filter(
                therapist_id=models.OuterRef("therapist_id"),
                starts_at__lt=models.OuterRef("blocked_until"),
                blocked_until__gt=models.OuterRef("starts_at"),
            )
            .exclude(pk=models.OuterRef("pk"))
        )
        return self.confirmed().filter(models.Exists(clash))


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    class Actor(models.TextChoices):
        CUSTOMER = "customer", "Customer"
        STAFF = "staff", "Staff"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        "services.Service", on_delete=models.PROTECT, related_name="bookings"
    )
    variant = models.ForeignKey(
        "services.ServiceVariant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )
    therapist = models.ForeignKey(
        "author_profiles.ProfilePage", on_delete=models.PROTECT, related_name="bookings"
    )
    location = models.ForeignKey(
        "services.LocationPage", on_delete=models.PROTECT, related_name="bookings"
    )
    # Copied at booking time: editing the service later must not change a made appointment.
    duration_minutes = models.PositiveSmallIntegerField()
    buffer_minutes = models.PositiveSmallIntegerField(default=0)
    price = models.DecimalField(max_digits=7, decimal_places=2)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    blocked_until = models.DateTimeField(help_text="End of the appointment plus its buffer.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)

    customer_name = models.CharField("name", max_length=100)
    customer_email = models.EmailField("email", max_length=254)
    customer_phone = models.CharField("phone", max_length=30)
    policy_accepted_at = models.DateTimeField()
    staff_notes = models.TextField(blank=True, help_text="Only staff see this.")
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="booked from",
        help_text="The page whose Book link led to this booking; empty when booked directly.",
    )

    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    sequence = models.PositiveIntegerField(
        default=0, help_text="Calendar invite revision: increases on every change."
    )
    token_version = models.PositiveIntegerField(
        default=1, help_text="Bumped on reschedule so older manage links stop working."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.CharField(max_length=12, choices=Actor.choices, blank=True)
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language the customer booked in: their e-mails and invite use it.",
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["therapist", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(blocked_until__gte=models.F("ends_at")),
                name="booking_buffer_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.service.name} with {self.therapist.title}"

    @property
    def reference(self):
        """Short code people can read out on the phone."""
        return self.public_id.hex[:8].upper()

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(conf.tz())

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(conf.tz())

    @property
    def local_start_label(self):
        return f"{self.local_starts_at:%a %Y-%m-%d %H:%M %Z}"


class SlotClaim(models.Model):
    """A therapist's granule of time held by a confirmed booking (see the module docstring)."""

    therapist = models.ForeignKey(
        "author_profiles.ProfilePage", on_delete=models.CASCADE, related_name="+"
    )
    granule = models.DateTimeField()
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="claims")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "granule"], name="booking_one_claim_per_therapist_granule"
            )
        ]

    def __str__(self):
        return f"Therapist {self.therapist_id} at {self.granule:%Y-%m-%d %H:%M} UTC"


class HealthScreen(models.Model):
    """The customer's health-screen answers: staff with the dedicated permission only."""

    # The questions as they are stored and shown to staff (English); visitors read them in
    # their language (booking.forms translates them).
    QUESTIONS = [
        ("pregnant", gettext_noop("Are you pregnant?")),
        ("blood_clots", gettext_noop("Have you had blood clots or deep vein thrombosis?")),
        ("cancer_treatment", gettext_noop("Are you receiving treatment for cancer?")),
        ("recent_surgery", gettext_noop("Have you had surgery in the last three months?")),
    ]

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="health_screen")
    pregnant = models.BooleanField(default=False)
    blood_clots = models.BooleanField(default=False)
    cancer_treatment = models.BooleanField(default=False)
    recent_surgery = models.BooleanField(default=False)
    notes = models.TextField(
        max_length=500, blank=True, help_text="Anything else the therapist should know."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        default_permissions = ()
        permissions = [("view_health_screen", "Can see health-screen answers and flags")]

    def __str__(self):
        return f"Health screen for booking {self.booking.reference}"

    @property
    def flagged(self):
        return any(getattr(self, name) for name, _ in self.QUESTIONS)

    @property
    def yes_answers(self):
        return [label for name, label in self.QUESTIONS if getattr(self, name)]


class BookingEmail(models.Model):
    """Outbox of customer emails: written with the booking change, sent after commit.

    One row per (booking, kind, sequence), so each email is sent at most once even when
    commands overlap; a failed send stays pending and is retried. An email still pending when
    the booking changes again is superseded: the newer email carries the current state.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLATION = "cancellation", "Cancellation"
        REMINDER = "reminder", "Reminder"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        SUPERSEDED = "superseded", "Superseded by a later change"
        FAILED = "failed", "Failed"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    sequence = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set while a worker is sending it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "kind", "sequence"], name="booking_email_once_per_revision"
            ),
            models.UniqueConstraint(
                fields=["booking"],
                condition=models.Q(kind="reminder"),
                name="booking_one_reminder_per_booking",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.booking.reference} ({self.status})"
