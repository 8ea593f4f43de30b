"""Reads of the request register (buku register permohonan): filters, keyset pages, typed rows.

Every consumer (the list page, the CSV, the XLSX, the printed register) reads the same
columns as plain tuples (``values_list``, no model instances), the first notice date and the
refusal reason's parts from columns kept on the request (requests.services.register_columns),
so the cost per row is small and the number of queries does not depend on the number of rows. Pages are keyset pages over ``(received_at, id)`` served by
the partial index ``request_register_order``: the 2,000th page costs what the first does.
The text search uses trigram indexes on PostgreSQL (migration 0005) and LIKE elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.workdays import OfficeCalendar
from registry.models import Requester

from .models import Channel, Decision, InformationRequest, ObtainMethod
from . import register_search as search
from .register_search import EPOCH, ONE_MICROSECOND, micros
from .services.access import requests_visible_to_staff

PAGE_SIZE = 50
# "more than N" above this: an exact count of 100,000 rows costs more than the page itself.
COUNT_LIMIT = 1000

# The columns of the register (domain: "Records the office keeps and prints"), then the office's own.
COLUMNS = (
    ("register_number", gettext_lazy("Nomor register")),
    ("received_on", gettext_lazy("Tanggal")),
    ("requester_name", gettext_lazy("Nama pemohon")),
    ("address", gettext_lazy("Alamat")),
    ("contact", gettext_lazy("Kontak")),
    ("occupation", gettext_lazy("Pekerjaan")),
    ("information_wanted", gettext_lazy("Informasi yang diminta")),
    ("purpose", gettext_lazy("Tujuan penggunaan")),
    ("held", gettext_lazy("Dikuasai / tidak dikuasai")),
    ("copy_kind", gettext_lazy("Softcopy / hardcopy")),
    ("access_kind", gettext_lazy("Melihat / mendapatkan salinan")),
    ("decision", gettext_lazy("Keputusan")),
    ("refusal_reason", gettext_lazy("Alasan penolakan")),
    ("notice_date", gettext_lazy("Tanggal pemberitahuan tertulis")),
    ("fee", gettext_lazy("Biaya (Rp)")),
    ("channel", gettext_lazy("Saluran")),
    ("unit", gettext_lazy("Unit")),
    ("status", gettext_lazy("Status")),
    ("notice_due", gettext_lazy("Batas pemberitahuan")),
)
# The printed register has the legal columns only.
PRINTED_COLUMNS = COLUMNS[:15]
# What each row reads, in this order (see register_typed_rows).
_FIELDS = (
    "id", "register_number", "received_at", "requester__kind", "requester__full_name", "requester__entity_name",
    "requester__address", "requester__phone", "requester__email", "requester__occupation", "information_wanted",
    "purpose", "is_held", "obtain_method", "decision", "copy_fee", "channel", "unit__name", "status", "notice_due",
    "register_notice_at", "register_refusal_body", "register_exemption_letter", "register_exemption_law",
)


@dataclass(frozen=True)
class RegisterFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit_id: int | None = None
    channel: str = ""
    status: str = ""
    overdue: bool = False
    query: str = ""


@dataclass(frozen=True)
class RegisterPage:
    rows: list[tuple]
    next_cursor: str = ""
    previous_cursor: str = ""
    count: int = 0
    count_is_capped: bool = False


def _day_start(day: dt.date, calendar: OfficeCalendar) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=calendar.timezone)


def register_rows(*, filters: RegisterFilters, user, now: dt.datetime | None = None) -> QuerySet[InformationRequest]:
    """The registered requests the user may see (one visibility rule: a PPID Pembantu's staff see their
    unit's), matching the filters, newest first. The notice date and the refusal reason's parts are
    columns of the request (requests.services.register_columns), not subqueries."""
    now = now or timezone.now()
    calendar = OfficeCalendar()
    rows = requests_visible_to_staff(user=user).filter(register_number__isnull=False).order_by("-received_at", "-id")
    if filters.date_from:
        rows = rows.filter(received_at__gte=_day_start(filters.date_from, calendar))
    if filters.date_to:
        rows = rows.filter(received_at__lt=_day_start(filters.date_to, calendar) + dt.timedelta(days=1))
    if filters.unit_id:
        rows = rows.filter(unit_id=filters.unit_id)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES, notice_due__lt=calendar.local_date(now))
    query = filters.query.strip()
    if query:
        rows = rows.filter(search.search_condition(query))
    return rows


# -- keyset pages -------------------------------------------------------------------------
def cursor_of(received_at: dt.datetime, pk: int) -> str:
    return f"{micros(received_at)}-{pk}"


def cursor_parse(cursor: str) -> tuple[dt.datetime, int] | None:
    """The (received_at, id) a cursor names, or None for anything malformed."""
    micro, _sep, pk = (cursor or "").partition("-")
    if not (micro.isascii() and micro.isdigit() and pk.isascii() and pk.isdigit()) or len(micro) > 18 or len(pk) > 18:
        return None
    try:
        return EPOCH + int(micro) * ONE_MICROSECOND, int(pk)
    except OverflowError:
        return None


def register_page(
    *, filters: RegisterFilters, user, after: str = "", before: str = "", now: dt.datetime | None = None
) -> RegisterPage:
    """One page of typed rows (see register_typed_rows), newest first, after or before a cursor.

    A text search first collects the matching keys without order (trigram indexes for the text,
    the requester index for the names), then pages over those keys (requests.register_search);
    a term matching more than SEARCH_TEXT_LIMIT rows is paged with the condition itself, where
    matches are dense and the order index finds a page quickly.
    """
    after_key, before_key = cursor_parse(after), cursor_parse(before)
    query = filters.query.strip()
    rows = register_rows(filters=replace(filters, query="") if query else filters, user=user, now=now)
    if rows.query.is_empty():  # staff who see no request at all (no unit): there is no SQL to write
        return _page([], False, False, 0, capped=False)
    if query:
        text, requesters = search.search_parts(query)
        found = _search_page(rows, text, requesters, after_key, before_key)
        if found is not None:
            return found
        # A common word: matches are dense, the order index finds a page at once.
        rows = rows.filter(text | Q(requester_id__in=requesters))
        count, capped = search.SEARCH_TEXT_LIMIT, True
    else:
        count, capped = None, False  # counted in the page's own query (_counted_page_rows)
    counted = rows.values("pk").order_by()[: COUNT_LIMIT + 1]  # unordered: any index may serve it
    found, count, capped = _counted_page_rows(_keyset(rows, after_key, before_key), count, capped, counted)
    return _page_beyond(found, after_key, before_key, count, capped)


def _page_beyond(nearest_first: list, after_key, before_key, count: int, capped: bool) -> RegisterPage:
    """The page from up to PAGE_SIZE + 1 rows beyond the cursor, nearest the cursor first (see
    _keyset): the one too many says a further page exists; shown newest first."""
    more = len(nearest_first) > PAGE_SIZE
    rows = nearest_first[:PAGE_SIZE]
    if before_key is not None:
        return _page(rows[::-1], more, True, count, capped=capped)
    return _page(rows, after_key is not None, more, count, capped=capped)


def _search_page(rows: QuerySet, text: Q, requesters: QuerySet, after_key, before_key) -> RegisterPage | None:
    """The page of a search, or None for a dense one on databases other than PostgreSQL (whose
    text matches more than SEARCH_TEXT_LIMIT rows: paged with the condition by the caller)."""
    after = (micros(after_key[0]), after_key[1]) if after_key else None
    before = (micros(before_key[0]), before_key[1]) if before_key else None
    if connections[rows.db].vendor == "postgresql":
        raw, dense, total, capped = search.SearchStatement(rows, text, requesters).read(
            page_values=rows.values_list(*_FIELDS),
            dense_page=lambda matching: _page_ids_sql(_keyset(matching, after_key, before_key)),
            size=PAGE_SIZE,
            after=after,
            before=before,
        )
        build = _values_builder()
        rows_found = (RegisterRow(r[0], r[2], r[18], build(r)) for r in raw)
        nearest_first = sorted(rows_found, key=_received_order, reverse=before is None)
        count, capped = (search.SEARCH_TEXT_LIMIT, True) if dense else (total, capped)
        return _page_beyond(nearest_first, after_key, before_key, count, capped)
    keys, owned_keys = search.search_keys(rows, text, list(requesters.values_list("pk", flat=True)))
    if len(keys) > search.SEARCH_TEXT_LIMIT:
        return None
    keys = sorted(set(keys).union(owned_keys), reverse=True)
    page_keys, has_newer, has_older = search.keys_page(keys, PAGE_SIZE, after, before)
    page = list(register_typed_rows(rows.filter(pk__in=[pk for _moment, pk in page_keys])))
    return _page(page, has_newer, has_older, len(keys), capped=len(owned_keys) >= search.SEARCH_COUNT_LIMIT)


def _keyset(rows: QuerySet, after_key, before_key) -> QuerySet:
    """The rows beyond the cursor, nearest first: newest first after a cursor (or without one),
    oldest first before one."""
    if before_key is not None:
        moment, pk = before_key
        newer = rows.filter(Q(received_at__gte=moment) & (Q(received_at__gt=moment) | Q(id__gt=pk)))
        return newer.order_by("received_at", "id")
    if after_key is not None:
        moment, pk = after_key
        rows = rows.filter(Q(received_at__lte=moment) & (Q(received_at__lt=moment) | Q(id__lt=pk)))
    return rows.order_by("-received_at", "-id")


def _page_ids_sql(rows: QuerySet) -> tuple[str, tuple]:
    return rows.values_list("pk")[: PAGE_SIZE + 1].query.sql_with_params()


def _received_order(row: RegisterRow) -> tuple:
    return row.received_at, row.id


def _counted_page_rows(rows: QuerySet, count: int | None, capped: bool, counted: QuerySet) -> tuple[list, int, bool]:
    """PAGE_SIZE + 1 typed rows and, when count is None, the number of matches up to COUNT_LIMIT.

    The count rides in the page's query as an uncorrelated subquery (PostgreSQL runs it once):
    one round trip less for every page. A page without rows counts on its own.
    """
    if count is not None:
        return list(register_typed_rows(rows, limit=PAGE_SIZE + 1)), count, capped
    sql, params = counted.query.sql_with_params()
    rows = rows.annotate(register_total=RawSQL(f"SELECT COUNT(*) FROM ({sql}) register_counted", params))
    build, found, total = _values_builder(), [], None
    for *raw, total in rows.values_list(*_FIELDS, "register_total")[: PAGE_SIZE + 1]:
        found.append(RegisterRow(raw[0], raw[2], raw[18], build(raw)))
    if total is None:
        total = counted.count()
    return found, min(total, COUNT_LIMIT), total > COUNT_LIMIT


def _page(rows: list, has_newer: bool, has_older: bool, count: int, *, capped: bool) -> RegisterPage:
    return RegisterPage(
        rows=rows,
        next_cursor=cursor_of(rows[-1].received_at, rows[-1].id) if rows and has_older else "",
        previous_cursor=cursor_of(rows[0].received_at, rows[0].id) if rows and has_newer else "",
        count=count,
        count_is_capped=capped,
    )


# -- typed rows -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One row as typed values in COLUMNS order (dates stay dates, the fee a number), plus its keys."""

    id: int
    received_at: dt.datetime
    status: str
    values: tuple


def register_typed_rows(rows: QuerySet[InformationRequest], *, limit: int | None = None, chunk_size: int | None = None):
    """Yield RegisterRow for each row of a register_rows queryset (iterated in chunks if chunk_size is set).

    Iterated in chunks (the exports), the local dates are computed by the database: parsing
    two timestamps per row cost more than writing the row.
    """
    build = _values_builder()
    for raw in _raw_tuples(rows, limit=limit, chunk_size=chunk_size):
        yield RegisterRow(raw[0], raw[2], raw[18], build(raw))


def register_value_rows(rows: QuerySet[InformationRequest], *, chunk_size: int):
    """The exports' rows: each row's typed values in COLUMNS order, read in chunks (constant memory)."""
    return map(_values_builder(), _raw_tuples(rows, limit=None, chunk_size=chunk_size))


def _raw_tuples(rows: QuerySet[InformationRequest], *, limit: int | None, chunk_size: int | None):
    """The _FIELDS of each row as the database returns them.

    In chunks on PostgreSQL, straight from a server-side cursor: the rows need no conversion
    there (dates are computed by the database), and Django's per-row converters cost a fifth
    of a 100,000-row export.
    """
    fields = _FIELDS
    if chunk_size:
        tz = OfficeCalendar().timezone
        rows = rows.annotate(received_on=TruncDate("received_at", tzinfo=tz), notice_on=TruncDate("register_notice_at", tzinfo=tz))
        fields = tuple({"received_at": "received_on", "register_notice_at": "notice_on"}.get(f, f) for f in _FIELDS)
    tuples = rows.values_list(*fields)
    if tuples.query.is_empty():  # staff who see no request at all: no SQL to write for a cursor
        return iter(())
    if limit is not None:
        tuples = tuples[:limit]
    if not chunk_size:
        return tuples
    if connections[tuples.db].vendor != "postgresql":
        return tuples.iterator(chunk_size=chunk_size)
    return _cursor_chunks(tuples, chunk_size)


def _cursor_chunks(tuples: QuerySet, chunk_size: int):
    connection = connections[tuples.db]
    sql, params = tuples.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_size):
            yield from chunk


def _values_builder():
    """A function from one row of _FIELDS to its typed values in COLUMNS order (labels resolved once)."""
    labels = _Labels()
    tz = OfficeCalendar().timezone
    person = Requester.Kind.PERSON
    view = ObtainMethod.VIEW
    datetime_class = dt.datetime

    def build(raw):
        (
            _pk, number, received_at, kind, full_name, entity_name, address, phone, email, occupation, wanted, purpose,
            is_held, obtain, decision, fee, channel, unit, status, notice_due, notice_at, refusal, letter, other_law,
        ) = raw
        name = f"{entity_name} ({full_name})" if kind != person and entity_name else full_name
        reasons = [labels.letter % {"letter": letter}] if letter else []
        if other_law:
            reasons.append(other_law)
        if not reasons and refusal:
            reasons.append(refusal)
        return (
            number,
            received_at.astimezone(tz).date() if received_at.__class__ is datetime_class else received_at,
            name,
            address,
            f"{phone} / {email}" if phone and email else phone or email,
            occupation,
            wanted,
            purpose,
            labels.held.get(is_held, ""),
            labels.copy.get(obtain, ""),
            labels.view if obtain == view else labels.copy_access,
            labels.decision.get(decision, ""),
            "; ".join(reasons),
            notice_at.astimezone(tz).date() if notice_at.__class__ is datetime_class else notice_at,
            int(fee or 0),
            labels.channel.get(channel, channel),
            unit,
            labels.status.get(status, status),
            notice_due,
        )

    return build


class _Labels:
    """The translated labels, resolved once per listing instead of once per row."""

    def __init__(self):
        self.held = {True: _("Dikuasai"), False: _("Tidak dikuasai")}
        self.copy = {ObtainMethod.SOFT_COPY: _("Softcopy"), ObtainMethod.HARD_COPY: _("Hardcopy")}
        self.view, self.copy_access = _("Melihat"), _("Mendapatkan salinan")
        self.decision = {key: str(label) for key, label in Decision.choices}
        self.channel = {key: str(label) for key, label in Channel.choices}
        self.status = {key: str(label) for key, label in InformationRequest.Status.choices}
        self.letter = _("Pasal 17 huruf %(letter)s UU 14/2008")


def register_refusal_reason(row: RegisterRow) -> str:
    """The reason for refusal as the register prints it: the pasal 17 letter or other law, else the refusal text."""
    return row.values[12]
