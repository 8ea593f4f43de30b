"""A mail backend for the real-worker test: writes each message to a file, and once (when the marker file
exists) kills its own process right after the message left, before the outbox could record it."""

import os

from django.core.mail.backends.filebased import EmailBackend


class CrashOnceFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        marker = os.environ.get("PPID_TEST_CRASH_MARKER", "")
        if marker and os.path.exists(marker):
            os.remove(marker)
            os._exit(1)  # the worker dies between the send and the record
        return sent
