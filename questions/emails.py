"""The one e-mail an asker may get: the published answer, sent after commit through the task
queue (like booking e-mails), at most once, after which the address is blanked.

The claim (``reply_sent_at`` set where it was empty) makes a second send impossible however
often the task runs; a failed send clears the claim again so a retry can send it. Nothing the
visitor typed goes into a header: the subject names the page.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from spa_site import public_url
from spa_site.text import one_line

from .models import Question

logger = logging.getLogger(__name__)


def queue_answer_email(question):
    """After this transaction commits, send the answer if the asker asked for it."""
    if not question.will_email_answer:
        return
    question_id = question.pk

    def enqueue():
        from .tasks import send_answer_email

        try:
            send_answer_email.enqueue(question_id)
        except Exception:  # the publish stands; the address expires with its retention
            logger.exception("Could not queue the answer e-mail of question %s", question_id)

    transaction.on_commit(enqueue)


def build_message(question):
    """The answer e-mail, in the language of the page the question was asked on."""
    page = question.page.specific
    with translation.override(page.locale.language_code):
        return _message(question, page)


def _message(question, page):
    path = page.get_url()
    url = public_url.absolute(f"{path}#question-{question.pk}") if path else ""
    context = {
        "first_name": one_line(question.first_name),
        "question": question.question,
        "answer": question.answer,
        "answered_by": question.answered_by.title if question.answered_by else _("Our team"),
        "page_title": page.title,
        "url": url,
    }
    message = EmailMultiAlternatives(
        subject=_("Your question on “%(title)s” has an answer") % {"title": one_line(page.title)},
        body=render_to_string("questions/email/answer.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[question.email],
    )
    message.attach_alternative(
        render_to_string("questions/email/answer.html", context), "text/html"
    )
    return message


def deliver(question_id):
    """Send the answer once. True when sent now."""
    claimed = (
        Question.objects.filter(
            pk=question_id,
            status=Question.Status.PUBLISHED,
            reply_consent=True,
            reply_sent_at__isnull=True,
        )
        .exclude(email="")
        .update(reply_sent_at=timezone.now())
    )
    if not claimed:
        return False
    question = Question.objects.select_related("page", "answered_by").get(pk=question_id)
    try:
        build_message(question).send()
    except Exception:
        Question.objects.filter(pk=question_id).update(reply_sent_at=None)
        raise
    Question.objects.filter(pk=question_id).update(email="")
    return True
