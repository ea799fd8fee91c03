"""The booking API's request and response shapes."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import field_validator

from spa_site.api.params import SLUG_PATTERN, MultiLine, SingleLine
from spa_site.api.schemas import Problem, paginated

from ..forms import PHONE_RE, deliverable_email

ServiceSlug = Annotated[
    str, Field(pattern=SLUG_PATTERN, max_length=120, description="Service slug")
]
TherapistSlug = Annotated[
    str, Field(pattern=SLUG_PATTERN, max_length=255, description='Therapist slug, or "any"')
]
LocationSlug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=255,
        description="Slug of a location offering the service (default: the first one)",
    ),
]


class BookingProblem(Problem):
    """The shared problem shape; a taken slot (409 ``slot_taken``) lists the next free times."""

    next_free: list[dt.datetime] = Field(
        default_factory=list, description="The next free start times (409 slot_taken)."
    )


class BookingPerson(Schema):
    slug: str
    name: str


class BookableVariant(Schema):
    id: int
    duration_minutes: int
    price: Decimal


class BookableService(Schema):
    """A bookable service with its lengths, prices and therapists."""

    slug: str
    name: str
    description: str
    buffer_minutes: int
    location: BookingPerson
    variants: list[BookableVariant]
    therapists: list[BookingPerson]


class Slot(Schema):
    starts_at: dt.datetime = Field(description="UTC instant")
    local_start: str = Field(description="Wall time at the spa, ISO 8601 with offset")
    time_zone_abbreviation: str = Field(examples=["PST", "PDT"])
    therapists: list[str] = Field(description="Slugs of the therapists free at this time")


class Availability(Schema):
    service: str
    variant_id: int
    duration_minutes: int
    therapist: str
    time_zone: str
    first_day: dt.date
    last_day: dt.date
    slots: list[Slot]


class AvailabilityQuery(Schema):
    service: ServiceSlug
    variant_id: int | None = Field(None, description="Default: the service's first variant")
    therapist: TherapistSlug = "any"
    location: LocationSlug | None = None
    start: dt.date | None = Field(None, description="First local day (default today)")
    days: int = Field(7, ge=1, le=31)


class HealthScreen(Schema):
    pregnant: bool
    blood_clots: bool
    cancer_treatment: bool
    recent_surgery: bool
    notes: MultiLine = Field("", max_length=500)


class NewBooking(Schema):
    service: ServiceSlug
    variant_id: int
    therapist: TherapistSlug = "any"
    location: LocationSlug | None = None
    starts_at: dt.datetime
    name: SingleLine = Field(min_length=1, max_length=100)
    email: SingleLine = Field(max_length=254)
    phone: SingleLine = Field(max_length=30)
    accept_policy: bool
    health: HealthScreen

    @field_validator("name")
    @classmethod
    def name_not_blank(cls, value):
        if not value.strip():
            raise ValueError("Enter a name.")
        return value

    @field_validator("email")
    @classmethod
    def email_valid(cls, value):
        try:
            validate_email(value)
            deliverable_email(value)
        except DjangoValidationError:
            raise ValueError("Enter a valid email address.") from None
        return value

    @field_validator("phone")
    @classmethod
    def phone_valid(cls, value):
        if not PHONE_RE.fullmatch(value.strip()) or sum(c.isdigit() for c in value) < 7:
            raise ValueError("Enter a phone number with at least 7 digits.")
        return value


class Reschedule(Schema):
    starts_at: dt.datetime
    therapist: TherapistSlug | None = Field(None, description="Default: same therapist")


class BookingDetail(Schema):
    reference: str
    status: str
    service: str
    service_name: str
    duration_minutes: int
    price: Decimal
    therapist: BookingPerson
    location: BookingPerson
    starts_at: dt.datetime
    ends_at: dt.datetime
    local_start: str
    local_end: str
    time_zone: str
    sequence: int
    changes_allowed_until: dt.datetime
    manage_token: str
    manage_url: str
    invite_url: str


BookableServiceList = paginated(BookableService, "BookableServiceList")
