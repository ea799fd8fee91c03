"""HMAC signatures for webhook bodies; receivers can verify with ``verify``."""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Webhook-Signature"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"


def sign(secret, timestamp, body):
    """``sha256=<hex>`` over ``<timestamp>.<body>``, so a replayed body with a new time fails."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, signature):
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
