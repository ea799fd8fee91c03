"""An e-mail backend for the production-shape tests: writes each message to a file and fails
the first attempt for recipients whose address starts with ``flaky``.

Set with ``EMAIL_BACKEND=tests.support.flaky_mail.EmailBackend`` and ``EMAIL_FILE_PATH``.
Each sent message is one ``*.eml`` file holding the sending process's command line (so a
test can tell the task worker sent it, not the web worker); a failed attempt leaves a
``*.failed`` marker, shared by every process through the folder.
"""

import hashlib
import os
import smtplib
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            recipient = ",".join(message.recipients())
            key = hashlib.sha256(f"{recipient}|{message.subject}".encode()).hexdigest()[:16]
            marker = folder / f"{key}.failed"
            if recipient.startswith("flaky"):
                try:
                    marker.open("x").close()  # atomic: only the first attempt creates it
                except FileExistsError:
                    pass
                else:
                    raise smtplib.SMTPServerDisconnected("first attempt fails (test backend)")
            body = f"X-Sent-By: {' '.join(sys.argv)} pid={os.getpid()}\n".encode()
            (folder / f"{key}-{uuid.uuid4().hex}.eml").write_bytes(
                body + message.message().as_bytes()
            )
            sent += 1
        return sent
