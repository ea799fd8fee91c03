"""The spam and abuse rules of the question form, without any third party.

Each rule refuses with a sentence the visitor can act on; the form is shown again with what
they typed. In the order the view applies them:

1. *Rate limits* per client address (``spa_site.ratelimits``, counters in the shared
   ``default`` cache so every worker counts): ``RATELIMITS["questions-ask"]`` (a burst) and
   ``["questions-ask-day"]``. Every attempt counts, refused ones too.
2. *Honeypot*: a field people never see (off screen, skipped by the keyboard); a bot that
   fills it is refused.
3. *Signed form token* (``issue_token``): the page it belongs to and when the form was
   rendered, signed with the secret key (no session, no cookie: article pages are cached
   whole and shared). Refused when forged or for another page, when older than
   ``QUESTIONS_FORM_MAX_AGE`` seconds, or when sent sooner than
   ``QUESTIONS_MIN_FILL_SECONDS`` after rendering. A page served from the cache carries the
   time it was rendered, so there the minimum counts from then.
4. *Sizes*: question 10–1,000 characters, first name up to 40, e-mail up to 254; no control
   characters (``spa_site.text``). A body over Django's upload limit is a 400.
5. *Links*: no web address, domain or e-mail address in the question or the name.
6. *Health claims* (``spa_site.health_claims``): a sentence that states a claim ("this oil
   cures spasms") is refused; the same words asked as a question ("Can massage cure a
   spasm?") are what the form is for.
"""

import re
import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from spa_site.health_claims import check_text

TOKEN_SALT = "questions.ask-form"  # noqa: S105 - a signing namespace, not a secret

LINK = re.compile(
    r"(?:https?:|ftp:|mailto:|www\.|\[url|<\s*a\s|href\s*=)"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    r"|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:com|net|org|info|biz|io|co|us|uk|ru|cn|de|xyz|top"
    r"|site|online|shop|store|club|app|link|click|me|ly|tk|ml|ga|cf|gq|pw|cc|ws|in)\b",
    re.IGNORECASE,
)

HONEYPOT_MESSAGE = _(
    "This looks automatic: a field people cannot see was filled in. If you are a person, "
    "send your question again."
)
FORGED_MESSAGE = _("This form did not come from this page. Please send your question again.")
EXPIRED_MESSAGE = _(
    "This form was open for a long time, so we could not check it. "
    "Your question is still here: please send it again."
)
TOO_FAST_MESSAGE = _(
    "That was sent faster than anyone types. Please read your question through, then send it again."
)
LINK_MESSAGE = _(
    "Please leave out web addresses, domains and e-mail addresses: we publish questions "
    "without links."
)
RATE_LIMIT_MESSAGE = _(
    "Many questions have come from your network in a short time. "
    "Please wait a few minutes, then send it again; your question is kept below."
)


def claim_message(findings):
    phrases = ", ".join(f.phrases for f in findings)
    return gettext(
        "%(phrases)s reads as a health claim. We publish questions, not claims: please ask it "
        "as a question (ending with “?”), for example “Can massage help with …?”."
    ) % {"phrases": phrases}


def min_fill_seconds():
    return getattr(settings, "QUESTIONS_MIN_FILL_SECONDS", 3)


def max_form_age():
    return getattr(settings, "QUESTIONS_FORM_MAX_AGE", 24 * 60 * 60)


def _signer():
    # Not ``signing.dumps``: its signer stamps a second of its own, which the token does not
    # need (it holds the time it checks), and which made a page differ from one render to
    # the next within the second the token holds.
    return signing.Signer(salt=TOKEN_SALT)


def issue_token(page_id, now=None):
    """The form's hidden token: this page and the time of rendering, signed."""
    return _signer().sign_object({"p": page_id, "t": int(now if now is not None else time.time())})


def token_problem(token, page_id, now=None):
    """Why the token is not acceptable for a submission now, or None."""
    try:
        data = _signer().unsign_object(str(token))
    except signing.BadSignature:
        return FORGED_MESSAGE
    if not isinstance(data, dict) or data.get("p") != page_id or not isinstance(data.get("t"), int):
        return FORGED_MESSAGE
    age = (now if now is not None else time.time()) - data["t"]
    if age > max_form_age():
        return EXPIRED_MESSAGE
    if age < min_fill_seconds():
        return TOO_FAST_MESSAGE
    return None


def has_link(text):
    return bool(LINK.search(text))


def stated_claims(text):
    """Health-claim findings in sentences that state something rather than ask it."""
    return [f for f in check_text(text) if not f.sentence.rstrip(' "”’)').endswith("?")]
