"""The permission matrix, generated from the URL configuration.

Every named URL x every identity x GET and POST is requested, and the answer must be the one
the table ``MATRIX`` gives. A URL that is missing from the table fails the test, so a new view
cannot ship without its line.

How to add a URL (one line per URL name)::

    "app:url-name": ("<GET answers>", "<POST answers>"),

Answers are ``key=code`` tokens applied left to right (a later token wins):

- keys: ``*`` (everyone), ``anon``, ``req_a`` (owner of every object below), ``req_b`` (another
  requester), ``requesters`` (both), ``staff`` (every staff identity), ``utama`` / ``pembantu``
  (every staff role at the PPID Utama / at the PPID Pembantu unit), a role (``desk_officer``:
  at both units), a role at a unit (``verifier@pembantu``), ``super`` (a superuser);
- codes: an HTTP status (``200``, ``403``, ``404``, ``405``, ``409``...), ``302`` for a redirect,
  ``login`` for a redirect to the login page; ``200|503`` accepts either (the health endpoint
  answers 503 where no Celery worker runs).

Objects in URLs come from ``ARGS`` (by URL name): they belong to requester A and, unless said
otherwise, to the PPID Utama, so a PPID Pembantu's staff must not reach them. POSTs are sent
empty and rolled back. ``PPID_MATRIX_RECORD=1`` prints the observed table, to review (never to
paste blindly) when adding rows. The admin's own pages are covered by tests/ppid/test_admin_pages.py;
here only its index is in the table.
"""

import logging
import os
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ppid.roles import STAFF_ROLES

pytestmark = pytest.mark.django_db

UNITS = ("utama", "pembantu")
IDENTITIES = ("anon", "req_a", "req_b", *(f"{role}@{unit}" for role in STAFF_ROLES for unit in UNITS), "super")

# One line per URL name; the rows of new apps and pages (objections, exports, the public calendar,
# the health check) are added here with them. Status codes only: what a list shows a unit's staff
# is checked by the unit-scope tests (tests/requests/test_unit_scope.py, tests/registry/test_security_findings.py).
# The dispute desk (/sengketa/): viewers are the PPID, the Atasan PPID, the dispute desk and the admin (their unit's
# requests only: the PPID Pembantu's staff get 404); acting needs objections.handle_dispute (the dispute desk, the admin).
# The world's dispute is registered and not about pasal 17: preliminary, mediation, adjudication, hearings and documents
# are open (an empty POST is 400); the other stages refuse (409), as does a second filing on its objection.
_DISPUTE_VIEW = "*=403 anon=login ppid@utama=200 ppid@pembantu=404 atasan_ppid@utama=200 atasan_ppid@pembantu=404 dispute_desk@utama=200 dispute_desk@pembantu=404 admin@utama=200 admin@pembantu=404 super=200"
_DISPUTE_VIEW_POST = "*=403 anon=login ppid=405 atasan_ppid=405 dispute_desk=405 admin=405 super=405"
_DISPUTE_ACT = "*=403 anon=login dispute_desk@utama={code} dispute_desk@pembantu=404 admin@utama={code} admin@pembantu=404 super={code}"
_DISPUTE_OPEN = (_DISPUTE_ACT.format(code=200), _DISPUTE_ACT.format(code=400))
_DISPUTE_REFUSED = (_DISPUTE_ACT.format(code=409), _DISPUTE_ACT.format(code=409))

MATRIX = {
    "home": ("*=200", "*=405"),
    "working-calendar": ("*=200", "*=405"),
    "start": ("*=302 anon=login", "*=405"),
    "office-logo": ("*=404", "*=405"),  # the world sets no logo
    # A letter's QR code opens it: public, no login (it shows no personal data: tests/ppid/test_letter_verify.py).
    "letter-verify": ("*=200", "*=405"),
    # The SK penetapan of exempt information: those who edit the DIP issue it (POST) and read it.
    "exempt-list": ("*=403 ppid=200 admin=200 anon=login super=200", "*=403 ppid=302 admin=302 anon=login super=302"),
    "exempt-list-pdf": ("*=403 ppid=200 admin=200 anon=login super=200", "*=403 ppid=405 admin=405 anon=login super=405"),
    "service-charter": ("*=200", "*=405"),
    "dip-list": ("*=200", "*=405"),
    "dip-create": ("*=403 ppid=200 admin=200 anon=login super=200", "*=403 ppid=200 admin=200 anon=login super=200"),
    "dip-detail": ("*=200", "*=405"),
    "dip-edit": ("*=403 ppid=200 admin=200 anon=login super=200", "*=403 ppid=200 admin=200 anon=login super=200"),
    "dip-document": ("*=200", "*=405"),
    "login": ("*=200", "*=200"),
    "logout": ("*=405", "*=302"),
    "two-factor": ("*=302 requesters=403 anon=login", "*=302 requesters=403 anon=login"),
    "two-factor-setup": ("*=200 requesters=403 anon=login", "*=302 requesters=403 anon=login"),
    "password_reset": ("*=200", "*=200"),
    "password_reset_done": ("*=200", "*=405"),
    "password_reset_confirm": ("*=200", "*=200"),
    "password_reset_complete": ("*=200", "*=405"),
    "set_language": ("*=302", "*=302"),
    "registry:register": ("*=302 anon=200", "*=302 anon=405"),
    "registry:register-done": ("*=200", "*=405"),
    "registry:email-resend": ("*=302 anon=200", "*=302 anon=200"),
    "registry:register-kind": ("*=302 anon=200", "*=302 anon=200"),
    "registry:email-confirm": ("*=400", "*=405"),
    "registry:profile": ("*=403 requesters=200 anon=login", "*=403 requesters=405 anon=login"),
    "registry:profile-edit": ("*=403 requesters=200 anon=login", "*=403 requesters=302 anon=login"),
    "registry:personal-data-json": ("*=403 requesters=200 anon=login", "*=403 requesters=405 anon=login"),
    "registry:personal-data-pdf": ("*=403 requesters=200 anon=login", "*=403 requesters=405 anon=login"),
    "registry:verification-submit": ("*=403 requesters=200 anon=login", "*=403 requesters=409 anon=login"),
    "registry:access-log": ("*=403 requesters=200 anon=login", "*=403 requesters=405 anon=login"),
    "registry:document-upload": ("*=403 requesters=200 anon=login", "*=403 requesters=200 anon=login"),
    "registry:document-file": ("*=403 anon=login req_a=200 req_b=404 desk_officer@utama=200 ppid@utama=200 verifier@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "registry:document-delete": ("*=403 anon=login req_a=200 req_b=404", "*=403 anon=login req_a=302 req_b=404"),
    "registry:verification-queue": ("*=403 desk_officer=200 verifier=200 admin=200 anon=login super=200", "*=403 desk_officer=405 verifier=405 admin=405 anon=login super=405"),
    "registry:verification-detail": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 verifier@utama=200 verifier@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 desk_officer=405 verifier=405 admin=405 anon=login super=405"),
    "registry:verification-approve": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 verifier@utama=200 verifier@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=302 desk_officer@pembantu=404 verifier@utama=302 verifier@pembantu=404 admin@utama=302 admin@pembantu=404 super=302"),
    "registry:verification-reject": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 verifier@utama=200 verifier@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 verifier@utama=200 verifier@pembantu=404 admin@utama=200 admin@pembantu=404 super=200"),
    "registry:access-report": ("*=403 anon=login ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 ppid=405 admin=405 anon=login super=405"),
    "registry:desk-search": ("*=403 desk_officer=200 admin=200 anon=login super=200", "*=403 desk_officer=405 admin=405 anon=login super=405"),
    "registry:desk-create": ("*=403 desk_officer=200 admin=200 anon=login super=200", "*=403 desk_officer=200 admin=200 anon=login super=200"),
    "registry:desk-verify": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=302 desk_officer@pembantu=404 admin@utama=302 admin@pembantu=404 super=302"),
    "requests:submit": ("*=403 requesters=200 anon=login", "*=403 requesters=200 anon=login"),
    "requests:mine": ("*=403 requesters=200 anon=login", "*=403 requesters=405 anon=login"),
    "requests:mine-detail": ("*=403 anon=login req_a=200 req_b=404", "*=403 requesters=405 anon=login"),
    "requests:mine-receipt": ("*=403 anon=login req_a=200 req_b=404", "*=403 requesters=405 anon=login"),
    # The requester's notifications: their own list; marking read is a POST on their own (another's: 404).
    "notifications:mine": ("*=403 requesters=200 anon=login", "*=403 requesters=302 anon=login"),
    "notifications:read": ("*=403 requesters=405 anon=login", "*=403 anon=login req_a=302 req_b=404"),
    "requests:status": ("*=200", "*=405"),
    "requests:desk-create": ("*=403 desk_officer=200 ppid=200 admin=200 anon=login super=200", "*=403 desk_officer=302 ppid=302 admin=302 anon=login super=302"),
    "requests:desk-detail": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 desk_officer=405 ppid=405 admin=405 anon=login super=405"),
    "requests:desk-complete": ("*=403 anon=login desk_officer@utama=302 desk_officer@pembantu=404 ppid@utama=302 ppid@pembantu=404 admin@utama=302 admin@pembantu=404 super=302", "*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200"),
    "requests:desk-receipt": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 desk_officer=405 ppid=405 admin=405 anon=login super=405"),
    "requests:desk-form": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 desk_officer=405 ppid=405 admin=405 anon=login super=405"),
    "requests:register": ("*=200 requesters=403 ppid_pembantu=403 verifier=403 anon=login", "*=405 requesters=403 ppid_pembantu=403 verifier=403 anon=login"),
    "requests:register-csv": ("*=200 requesters=403 ppid_pembantu=403 verifier=403 anon=login", "*=405 requesters=403 ppid_pembantu=403 verifier=403 anon=login"),
    # The XLSX and the print: GET confirms, POST queues a background job and redirects to its progress page.
    "requests:register-xlsx": ("*=200 requesters=403 ppid_pembantu=403 verifier=403 anon=login", "*=302 requesters=403 ppid_pembantu=403 verifier=403 anon=login"),
    "requests:register-pdf": ("*=200 requesters=403 ppid_pembantu=403 verifier=403 anon=login", "*=302 requesters=403 ppid_pembantu=403 verifier=403 anon=login"),
    "requests:processing-queue": ("*=200 requesters=403 verifier=403 anon=login", "*=405 requesters=403 verifier=403 anon=login"),
    "requests:processing-detail": ("*=404 requesters=403 verifier=403 anon=login desk_officer@utama=200 classification_reviewer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 requesters=403 verifier=403 anon=login"),
    "requests:processing-assign": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 classification_reviewer@utama=200 classification_reviewer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=400 desk_officer@pembantu=404 classification_reviewer@utama=400 classification_reviewer@pembantu=404 ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:processing-forward": ("*=403 anon=login classification_reviewer@utama=200 classification_reviewer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login classification_reviewer@utama=400 classification_reviewer@pembantu=404 ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:processing-return": ("*=403 anon=login ppid_pembantu@utama=404 ppid_pembantu@pembantu=200 admin@utama=404 admin@pembantu=200 super=200", "*=403 anon=login ppid_pembantu@utama=404 ppid_pembantu@pembantu=400 admin@utama=404 admin@pembantu=400 super=400"),
    "requests:processing-review": ("*=403 anon=login classification_reviewer@utama=200 classification_reviewer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login classification_reviewer@utama=400 classification_reviewer@pembantu=404 ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:processing-meeting": ("*=403 anon=login classification_reviewer@utama=200 classification_reviewer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login classification_reviewer@utama=400 classification_reviewer@pembantu=404 ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:processing-extend": ("*=403 anon=login ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:processing-decide": ("*=403 anon=login ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:processing-fulfil": ("*=403 ppid_pembantu=404 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409", "*=403 ppid_pembantu=404 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409"),
    "requests:processing-desk-grant": ("*=403 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409", "*=403 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409"),
    "requests:processing-close": ("*=403 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409", "*=403 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409"),
    "requests:processing-withdraw": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=302 desk_officer@pembantu=404 ppid@utama=302 ppid@pembantu=404 admin@utama=302 admin@pembantu=404 super=302"),
    "requests:processing-notice-received": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=400 desk_officer@pembantu=404 ppid@utama=400 ppid@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "requests:notice-pdf": ("*=404 anon=login req_a=200 desk_officer@utama=200 classification_reviewer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "requests:material-download": ("*=404 anon=login req_a=200 desk_officer@utama=200 classification_reviewer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "requests:harm-test-pdf": ("*=404 anon=login desk_officer@utama=200 classification_reviewer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "requests:handover-pdf": ("*=404 anon=login req_a=200 desk_officer@utama=200 classification_reviewer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "requests:my-request-processing": ("*=403 anon=login req_a=200 req_b=404", "*=403 requesters=405 anon=login"),
    "requests:my-request-withdraw": ("*=403 anon=login req_a=200 req_b=404", "*=403 anon=login req_a=302 req_b=404"),
    "health": ("*=200|503", "*=405"),
    # Background documents: the list is anyone's own; a file answers its owner only (404 for everyone else).
    "generated-files": ("*=200 anon=login", "*=405 anon=login"),
    "generated-file": ("*=404 anon=login ppid@utama=200", "*=405 anon=login"),
    "generated-file-status": ("*=404 anon=login ppid@utama=200", "*=405 anon=login"),
    "generated-file-download": ("*=404 anon=login ppid@utama=200", "*=405 anon=login"),
    # Reports (issue 12): view_reports for the PPID, the Atasan PPID and the administrator; a PPID Pembantu's
    # staff see their unit's figures only (tests/reports/test_views.py). The survey answers 409 until the request closes.
    "reports:report": ("*=403 ppid=200 atasan_ppid=200 admin=200 anon=login super=200", "*=403 ppid=405 atasan_ppid=405 admin=405 anon=login super=405"),
    "reports:report-csv": ("*=403 ppid=200 atasan_ppid=200 admin=200 anon=login super=200", "*=403 ppid=405 atasan_ppid=405 admin=405 anon=login super=405"),
    "reports:report-xlsx": ("*=403 ppid=200 atasan_ppid=200 admin=200 anon=login super=200", "*=403 ppid=405 atasan_ppid=405 admin=405 anon=login super=405"),
    # The report's PDF is built in the background: GET asks first, POST queues the job (302 to its progress page).
    "reports:report-pdf": ("*=403 ppid=200 atasan_ppid=200 admin=200 anon=login super=200", "*=403 ppid=302 atasan_ppid=302 admin=302 anon=login super=302"),
    "reports:drilldown": ("*=403 ppid=404 atasan_ppid=404 admin=404 anon=login super=404", "*=403 ppid=405 atasan_ppid=405 admin=405 anon=login super=405"),
    "reports:narrative": ("*=403 ppid=200 admin=200 anon=login super=200", "*=403 ppid=302 admin=302 anon=login super=302"),
    "reports:daily": ("*=403 desk_officer=200 ppid=200 admin=200 anon=login super=200", "*=403 desk_officer=405 ppid=405 admin=405 anon=login super=405"),
    "reports:survey": ("*=403 anon=login req_a=409 req_b=404", "*=403 anon=login req_a=409 req_b=404"),
    "reports:desk-survey": ("*=403 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409", "*=403 anon=login desk_officer@utama=409 desk_officer@pembantu=404 ppid@utama=409 ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409"),
    "reports:desk-survey-print": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer=405 ppid=405 admin=405 super=405"),
    "reports:public": ("*=200", "*=405"),
    "reports:open-data-json": ("*=200", "*=405"),
    "reports:open-data-csv": ("*=200", "*=405"),
    "admin:index": ("*=302 admin=200 super=200", "*=302 admin=200 super=200"),
    # Objections (the world's objection of requester A is answered: the Atasan's steps answer 409).
    "objections:file-online": ("*=403 anon=login req_a=200 req_b=404", "*=403 anon=login req_a=400 req_b=404"),
    "objections:mine-detail": ("*=403 anon=login req_a=200 req_b=404", "*=403 anon=login requesters=405"),
    "objections:mine-accept": ("*=403 anon=login req_a=200 req_b=404", "*=403 anon=login req_a=302 req_b=404"),
    "objections:file-desk": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer@utama=400 desk_officer@pembantu=404 admin@utama=400 admin@pembantu=404 super=400"),
    "objections:detail": ("*=403 anon=login desk_officer@utama=200 desk_officer@pembantu=404 ppid@utama=200 ppid@pembantu=404 atasan_ppid@utama=200 atasan_ppid@pembantu=404 dispute_desk@utama=200 dispute_desk@pembantu=404 admin@utama=200 admin@pembantu=404 super=200", "*=403 anon=login desk_officer=405 ppid=405 atasan_ppid=405 dispute_desk=405 admin=405 super=405"),
    "objections:atasan-queue": ("*=403 anon=login atasan_ppid=200 admin=200 super=200", "*=403 anon=login atasan_ppid=405 admin=405 super=405"),
    "objections:opinion": ("*=403 anon=login atasan_ppid@utama=409 atasan_ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409", "*=403 anon=login atasan_ppid@utama=409 atasan_ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409"),
    "objections:answer": ("*=403 anon=login atasan_ppid@utama=409 atasan_ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409", "*=403 anon=login atasan_ppid@utama=409 atasan_ppid@pembantu=404 admin@utama=409 admin@pembantu=404 super=409"),
    "objections:form-pdf": ("*=404 anon=login req_a=200 desk_officer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "objections:receipt-pdf": ("*=404 anon=login req_a=200 desk_officer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "objections:answer-pdf": ("*=404 anon=login req_a=200 desk_officer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "objections:power-of-attorney": ("*=404 anon=login desk_officer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "objections:opinion-document": ("*=404 anon=login desk_officer@utama=200 ppid@utama=200 atasan_ppid@utama=200 dispute_desk@utama=200 admin@utama=200 super=200", "*=405 anon=login"),
    "objections:register": ("*=403 anon=login desk_officer=200 ppid=200 atasan_ppid=200 dispute_desk=200 admin=200 super=200", "*=403 anon=login desk_officer=405 ppid=405 atasan_ppid=405 dispute_desk=405 admin=405 super=405"),
    "objections:register-csv": ("*=403 anon=login desk_officer=200 ppid=200 atasan_ppid=200 dispute_desk=200 admin=200 super=200", "*=403 anon=login desk_officer=405 ppid=405 atasan_ppid=405 dispute_desk=405 admin=405 super=405"),
    "objections:register-xlsx": ("*=403 anon=login desk_officer=200 ppid=200 atasan_ppid=200 dispute_desk=200 admin=200 super=200", "*=403 anon=login desk_officer=302 ppid=302 atasan_ppid=302 dispute_desk=302 admin=302 super=302"),
    "objections:register-pdf": ("*=403 anon=login desk_officer=200 ppid=200 atasan_ppid=200 dispute_desk=200 admin=200 super=200", "*=403 anon=login desk_officer=302 ppid=302 atasan_ppid=302 dispute_desk=302 admin=302 super=302"),
    "disputes:queue": ("*=403 anon=login ppid=200 atasan_ppid=200 dispute_desk=200 admin=200 super=200", _DISPUTE_VIEW_POST),
    "disputes:detail": (_DISPUTE_VIEW, _DISPUTE_VIEW_POST),
    # The dossiers are built in the background: GET asks first, POST queues the job (302 to its progress page).
    "disputes:dossier": (_DISPUTE_VIEW, _DISPUTE_VIEW.replace("=200", "=302")),
    "disputes:objection-dossier": (_DISPUTE_VIEW, _DISPUTE_VIEW.replace("=200", "=302")),
    "disputes:document-file": (_DISPUTE_VIEW, _DISPUTE_VIEW_POST),
    "disputes:register": _DISPUTE_REFUSED,
    "disputes:preliminary": _DISPUTE_OPEN,
    "disputes:mediation": _DISPUTE_OPEN,
    "disputes:mediation-extend": _DISPUTE_REFUSED,
    "disputes:adjudication": _DISPUTE_OPEN,
    "disputes:decide": _DISPUTE_REFUSED,
    "disputes:court": _DISPUTE_REFUSED,
    "disputes:cassation": _DISPUTE_REFUSED,
    "disputes:close": _DISPUTE_REFUSED,
    "disputes:hearing": _DISPUTE_OPEN,
    "disputes:document-add": _DISPUTE_OPEN,
    "disputes:open": _DISPUTE_REFUSED,
    # The requester's "I take it to the Komisi Informasi": their own objection only; this one is already disputed.
    "disputes:escalate": ("*=403 anon=login req_a=409 req_b=404", "*=403 anon=login req_a=409 req_b=404"),
}


def expand(spec: str) -> dict:
    answers = {}
    for token in spec.split():
        key, code = token.split("=")
        value = frozenset(part if part == "login" else int(part) for part in code.split("|"))
        for identity in IDENTITIES:
            role, _, unit = identity.partition("@")
            if (
                key == "*"
                or key == identity
                or (key == "requesters" and identity in ("req_a", "req_b"))
                or (key == "staff" and unit)
                or (key in UNITS and unit == key)
                or (key == role and unit)
            ):
                answers[identity] = value
    missing = set(IDENTITIES) - set(answers)
    assert not missing, f"{spec!r} leaves {sorted(missing)} without an answer"
    return answers


def url_names():
    """(name, pattern) of every named URL outside the admin's namespace."""
    found = []

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    found.append(("admin:index", None))
                    continue
                inner = pattern.namespace if not namespace else f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                if pattern.name is None:
                    if "media" in str(pattern.pattern):
                        continue  # DEBUG only: public DIP documents
                    raise AssertionError(f"unnamed URL {pattern.pattern}")
                found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern))

    walk(get_resolver().url_patterns)
    return found


@pytest.fixture
def world(office, make_user, tmp_path, monkeypatch, settings):
    from django.apps import apps
    from django.db import models as db_models

    from ppid.models import InformationItem, IssuedDocument
    from ppid.storage import PrivateFileSystemStorage
    from registry.services import requester_verification_submit
    from requests.models import Delivery, Forwarding, Material, Notice, Review
    from tests.registry.factories import RequesterFactory, document_add
    from tests.requests.factories import InformationRequestFactory

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the DIP document below: never the developer's var/
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, db_models.FileField) and getattr(field.storage, "private", False):
                monkeypatch.setattr(field, "storage", storage)
    units = {"utama": office["main"], "pembantu": office["health"]}
    users = {"req_a": RequesterFactory(verification_status="unverified"), "req_b": RequesterFactory()}
    requester_a = users["req_a"]
    document = document_add(requester_a)
    requester_a.verification_status = "verified"
    requester_a.save(update_fields=["verification_status"])
    pending = RequesterFactory(verification_status="unverified")
    document_add(pending)
    requester_verification_submit(requester=pending, actor=pending.user)
    request = InformationRequestFactory(requester=requester_a, unit=office["main"])
    other_unit_request = InformationRequestFactory(requester=users["req_b"], unit=office["main"])
    officer = make_user("ppid", unit=office["main"])
    forwarding = Forwarding.objects.create(request=other_unit_request, unit=office["health"], forwarded_by=officer)
    material = Material(request=request, kind=Material.Kind.INFORMATION, original_name="a.pdf", sha256="0" * 64)
    material.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
    notice = Notice(request=request, kind=Notice.Kind.DECISION, number="0001/SP-MATRIX", issued_by=officer, issued_at=request.received_at)
    notice.pdf.save("n.pdf", ContentFile(b"%PDF-1.4"), save=True)
    delivery = Delivery(request=request, method="pick_up", delivered_at=request.received_at, recorded_by=officer)
    delivery.handover_pdf.save("h.pdf", ContentFile(b"%PDF-1.4"), save=True)
    Review.objects.create(request=request, outcome="exempt", legal_basis="pasal_17", exemption_letter="b", harm_test="Uji", reviewer=officer)
    decree = IssuedDocument(token="matrix-sk", kind="exempt_list", title="SK", number="001/SK-DIK/2026", issued_on=request.received_at.date())
    decree.pdf.save("sk.pdf", ContentFile(b"%PDF-1.4"), save=True)
    IssuedDocument.objects.create(
        token="matrix-letter", kind="notice_decision", title="Pemberitahuan tertulis", number=notice.number,
        issued_on=request.received_at.date(), sha256="0" * 64,
    )
    from notifications.models import Notification

    notification = Notification.objects.create(
        item_type="request", item_id=request.pk, kind="request_received", key="matrix", recipient_key=f"requester:{requester_a.pk}",
        recipient_requester=requester_a, role=Notification.Role.REQUESTER,
    )
    item = InformationItem.objects.create(title="Anggaran", unit=office["main"], category="berkala")
    item.document.save("dip.pdf", ContentFile(b"%PDF-1.4"), save=True)
    clients, logins = {}, {}
    for identity in IDENTITIES:
        role, _, unit = identity.partition("@")
        if identity in users:
            logins[identity] = users[identity].user
        elif identity == "super":
            logins[identity] = make_user(is_superuser=True, is_staff=True)
        elif unit:
            logins[identity] = make_user(role, unit=units[unit], is_staff=role == "admin")
        clients[identity] = Client()
        if identity in logins:
            clients[identity].force_login(logins[identity])
    from django.utils import timezone

    from ppid.models import GeneratedFile
    from requests.exports import REGISTER_XLSX

    generated = GeneratedFile.objects.create(
        owner=logins["ppid@utama"], kind=REGISTER_XLSX, title="Register", status=GeneratedFile.Status.DONE, progress=100,
        created_at=timezone.now(), expires_at=timezone.now() + timezone.timedelta(days=7), filename="register.xlsx",
    )
    generated.file.save("register.xlsx", ContentFile(b"PK"), save=True)
    objection, opinion = _objection_of(request, officer, logins["atasan_ppid@utama"])
    # Requester A took the answered objection to the Komisi Informasi (registered, not pasal 17), with a document.
    import datetime as dt

    from objections.models import Dispute
    from tests.objections.dispute_factories import make_dispute

    dispute = make_dispute(objection, filed_on=dt.date(2026, 1, 5), stage=Dispute.Stage.REGISTRATION, registered_on=dt.date(2026, 1, 6))
    dispute_document = dispute.documents.create(title="Surat panggilan", original_name="p.pdf", content_type="application/pdf",
                                                sha256="0" * 64, uploaded_at=timezone.now())
    dispute_document.file.save("p.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {
        "clients": clients,
        "users": logins,
        "args": {
            "dip": [item.pk], "document": [document.pk], "pending": [pending.pk], "requester": [requester_a.pk],
            "request": [request.pk], "forwarding": [forwarding.pk], "notice": [notice.pk], "material": [material.pk],
            "delivery": [delivery.pk], "generated": [generated.pk], "objection": [objection.pk], "opinion": [opinion.pk],
            "dispute": [dispute.pk], "dispute_document": [dispute_document.pk], "kind": ["person"], "token": ["x"],
            "letter": ["matrix-letter"], "decree": [decree.pk], "notification": [notification.pk], "year": [2025], "reset": ["MQ", "x-set-password"],
        },
    }


def _objection_of(request, officer, atasan):
    """An answered objection of requester A to the world's request, with every file it can hold."""
    from objections.models import AdvisoryOpinion, Answer, Objection

    objection = Objection.objects.create(
        register_number="0001/KEB-MATRIX", tracking_code="MATRIXOBJ01", request=request, requester=request.requester,
        reasons="-", submitted_at=request.received_at, status=Objection.Status.ANSWERED, proxy_name="Kuasa",
        receipt_date=request.receipt_date, answer_due=request.notice_due, dispute_filing_due=request.notice_due,
    )
    objection.power_of_attorney.save("kuasa.pdf", ContentFile(b"%PDF-1.4"), save=True)
    objection.grounds.create(ground="d", ground_date=request.receipt_date, window_closes=request.notice_due, reason="-")
    answer = Answer(
        objection=objection, number="0001/TANGGAPAN-MATRIX", outcome="rejected", body="-", atasan_name="A", atasan_position="B",
        answered_by=atasan, answered_at=request.received_at,
    )
    answer.pdf.save("t.pdf", ContentFile(b"%PDF-1.4"), save=True)
    opinion = AdvisoryOpinion(objection=objection, question="-", recorded_by=atasan, recorded_at=request.received_at)
    opinion.document.save("p.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return objection, opinion


# URL name -> key of the world's objects (names without an entry take no arguments).
ARGS = {
    "dip-detail": "dip", "dip-edit": "dip", "dip-document": "dip", "letter-verify": "letter", "exempt-list-pdf": "decree",
    "password_reset_confirm": "reset",
    "registry:register-kind": "kind", "registry:email-confirm": "token",
    "registry:document-file": "document", "registry:document-delete": "document",
    "registry:verification-detail": "pending", "registry:verification-approve": "pending",
    "registry:verification-reject": "pending", "registry:desk-verify": "pending",
    "registry:access-report": "requester",
    "requests:processing-return": "forwarding", "requests:processing-notice-received": "notice",
    "requests:notice-pdf": "notice", "requests:material-download": "material", "requests:handover-pdf": "delivery", "requests:harm-test-pdf": "request",
    "notifications:read": "notification",
    "generated-file": "generated", "generated-file-status": "generated", "generated-file-download": "generated",
    **{f"objections:{name}": "objection" for name in (
        "mine-detail", "mine-accept", "detail", "opinion", "answer", "form-pdf", "receipt-pdf", "answer-pdf", "power-of-attorney",
    )},
    "objections:opinion-document": "opinion",
    "disputes:open": "objection", "disputes:objection-dossier": "objection", "disputes:escalate": "objection",
    "disputes:document-file": "dispute_document",
    "reports:narrative": "year",
}
for _name in ("detail", "register", "preliminary", "mediation", "mediation-extend", "adjudication", "decide", "court",
              "cassation", "close", "hearing", "document-add", "dossier"):
    ARGS[f"disputes:{_name}"] = "dispute"


def url_for(name, pattern, world):
    if name == "admin:index":
        return reverse("admin:index")
    if name in ARGS:
        return reverse(name, args=world["args"][ARGS[name]])
    if pattern.pattern.converters:
        return reverse(name, args=world["args"]["request"])  # every other <int:pk> is a request
    return reverse(name)


def answer(response):
    if response.status_code in (301, 302):
        return "login" if urlsplit(response["Location"]).path == reverse("login") else 302
    return response.status_code


def observe(client, method, url):
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return answer(response)


def test_every_url_answers_every_identity_as_the_table_says(world):
    record = os.environ.get("PPID_MATRIX_RECORD") == "1"
    names = url_names()
    missing = sorted(name for name, _pattern in names if name not in MATRIX)
    if not record:
        assert missing == [], f"URLs without a line in MATRIX: {missing}"
        assert sorted(set(MATRIX) - {name for name, _ in names}) == [], "lines in MATRIX for URLs that no longer exist"
    mismatches, observed = [], {}
    logging.disable(logging.WARNING)  # thousands of expected 403/404/405 lines
    try:
        _walk(names, world, record, mismatches, observed)
    finally:
        logging.disable(logging.NOTSET)
    if record:
        _print_table(names, observed)
    assert mismatches == [], "\n".join(mismatches)


def _walk(names, world, record, mismatches, observed):
    for name, pattern in names:
        url = url_for(name, pattern, world)
        for method_index, method in enumerate(("get", "post")):
            expected = expand(MATRIX[name][method_index]) if name in MATRIX else {}
            for identity in IDENTITIES:
                client = world["clients"][identity]
                got = observe(client, method, url)
                if name == "logout":  # the logout answer cleared the session cookie: log in again
                    world["clients"][identity] = client = Client()
                    _relogin(world, identity, client)
                observed[(name, method, identity)] = got
                if record:
                    continue
                if got not in expected.get(identity, ()):
                    wanted = "|".join(sorted(map(str, expected.get(identity, ())))) or "a line in MATRIX"
                    mismatches.append(f"{method.upper()} {name} as {identity}: {got}, expected {wanted}")


def _relogin(world, identity, client):
    if identity in world["users"]:
        client.force_login(world["users"][identity])


def _print_table(names, observed):
    for name, _pattern in names:
        specs = []
        for method in ("get", "post"):
            specs.append(" ".join(f"{identity}={observed[(name, method, identity)]}" for identity in IDENTITIES))
        print(f'    "{name}": ("{specs[0]}", "{specs[1]}"),')
