"""The body of a booking API request, for tests and benchmarks (no Django needed)."""

#: A health screen with every question answered "no".
NO_HEALTH_FLAGS = {
    "pregnant": False,
    "blood_clots": False,
    "cancer_treatment": False,
    "recent_surgery": False,
}


def booking_body(service, variant_id, therapist, starts_at, name, email, **extra):
    """``POST /api/content/booking/bookings/`` JSON for one guest; ``extra`` overrides fields."""
    return {
        "service": service,
        "variant_id": variant_id,
        "therapist": therapist,
        "starts_at": starts_at,
        "name": name,
        "email": email,
        "phone": "5625550100",
        "accept_policy": True,
        "health": dict(NO_HEALTH_FLAGS),
        **extra,
    }
