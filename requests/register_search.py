"""The register's text search: a register number, a tracking code, a requester's name or a part
of the information wanted (requests.selectors_register pages over what it finds).

On PostgreSQL each branch has its own index (trigram GIN indexes from migration 0005, the
requester's B-tree), so the matches are collected without order and paged afterwards, and a
search's page is one statement (SearchStatement: the matching keys, their counts and the page's
rows together; it took three statements, a third of the search's time), and one before it for a
phrase (rare_word: which of its words leads the index). A term that matches many
rows is paged with the condition itself, where the order index finds a page at once. Other
databases take the keys and the page in separate statements (search_keys, keys_page).
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection, connections, transaction
from django.db.models import BigIntegerField, BooleanField, Func, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import IContains

from registry.models import Requester

from .models import SearchTrigram

# A text search pages over the ids it matched when they are few; a term matching more than
# SEARCH_TEXT_LIMIT rows is paged with the condition itself (dense matches: the order index is quick).
SEARCH_TEXT_LIMIT = 300
SEARCH_COUNT_LIMIT = 2000
# Requesters whose name matches a search (a short list of ids for the main query).
SEARCH_REQUESTER_LIMIT = 500
# A phrase's trigram index scan reads the entries of every trigram of every word in it; when one
# word's entries are at most a quarter of the whole phrase's, the index looks for that word alone
# and the phrase is checked on the rows it finds.
RARE_WORD_MAX_SHARE = 0.25
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
ONE_MICROSECOND = dt.timedelta(microseconds=1)


def micros(moment: dt.datetime) -> int:
    """A moment as whole microseconds since 1970: the keys' and the cursors' form."""
    return (moment - EPOCH) // ONE_MICROSECOND


def search_parts(query: str) -> tuple[Q, QuerySet]:
    """The text condition, and the ids of the requesters whose name matches (a subquery).

    Apart, each branch can use its own index on PostgreSQL (trigram or B-tree) instead of one scan
    of every request joined to its requester. A register number is looked for only when the query
    could be one (a digit and no space): its trigram index is the costliest to consult.
    """
    requesters = Requester.objects.filter(Q(full_name__icontains=query) | Q(entity_name__icontains=query))
    requesters = requesters.order_by("-pk").values("pk")[:SEARCH_REQUESTER_LIMIT]  # the newest, if ever that many
    text = Q(tracking_code=query.upper()) | wanted_condition(query)
    if any(c.isdigit() for c in query) and not any(c.isspace() for c in query):
        text |= Q(register_number__icontains=query)
    return text, requesters


def wanted_condition(query: str) -> Q:
    """The query in the information wanted; a phrase with a rare word is found through that word."""
    word = rare_word(query)
    if word is None:
        return Q(information_wanted__icontains=query)
    # The column is NOT NULL, so COALESCE changes no value: it only makes the phrase's expression
    # one the index does not hold, so that the phrase is checked on the rows the word found, with
    # the same comparison (UPPER(...) LIKE UPPER(...)) as icontains. Do not simplify it away.
    wanted = Coalesce("information_wanted", Value(""), output_field=TextField())
    return Q(information_wanted__icontains=word) & Q(IContains(wanted, query))


# The trigrams a LIKE '%word%' reads from the index: the inner ones. pg_trgm pads a word with
# spaces (two before, one after), and prints a trigram that is not plain ASCII as a hash ("0x..."),
# whose padding cannot be seen; only trigrams printed as three characters without a space count.
INNER_TRIGRAM = "length({0}) = 3 AND strpos({0}, ' ') = 0"
# A word can lead the index only with a run of three letters or digits (a LIKE on "dé" or "ß"
# reads no trigram at all: the whole table would be scanned).
LEADING_WORD = re.compile(r"[A-Za-z0-9]{3}")


def rare_word(query: str) -> str | None:
    """The word of a phrase with the fewest index entries to read, when they are at most
    RARE_WORD_MAX_SHARE of the whole phrase's (PostgreSQL, from the nightly SearchTrigram counts).
    None for a single word, a phrase of common words, or without the counts."""
    words = list(dict.fromkeys(query.split()))
    if len(words) < 2 or connection.vendor != "postgresql":
        return None
    table = SearchTrigram._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT w, COALESCE(SUM(s.request_count), 0) FROM unnest(%s::text[]) AS w"
            f" CROSS JOIN LATERAL unnest(show_trgm(upper(w))) AS t LEFT JOIN {table} s ON s.trigram = t"
            f" WHERE {INNER_TRIGRAM.format('t')} AND EXISTS (SELECT FROM {table}) GROUP BY w",
            [words],
        )
        entries = {word: count for word, count in cursor.fetchall() if LEADING_WORD.search(word)}
    if not entries:
        return None
    word = min(entries, key=lambda candidate: (entries[candidate], words.index(candidate)))
    return word if entries[word] <= RARE_WORD_MAX_SHARE * sum(entries.values()) else None


def search_statistics_refresh() -> int:
    """Count, for each inner trigram, the requests whose information wanted holds it (PostgreSQL;
    a nightly task, requests.tasks). Returns how many trigrams were counted; elsewhere 0.

    Trigrams of UPPER(text), as the index holds them. A second refresh started meanwhile waits
    for the first (the table lock; readers are not held up) and then counts again."""
    if connection.vendor != "postgresql":
        return 0
    table = SearchTrigram._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} (trigram, request_count)"
            " SELECT t, count(*) FROM requests_informationrequest, unnest(show_trgm(upper(information_wanted))) AS t"
            f" WHERE {INNER_TRIGRAM.format('t')} GROUP BY t"
        )
        return cursor.rowcount


def search_condition(query: str) -> Q:
    """The whole search as one condition (the exports): the requesters are looked up first, so
    the condition stays an OR of indexable parts."""
    text, requesters = search_parts(query)
    requester_ids = list(requesters.values_list("pk", flat=True))
    return text | Q(requester_id__in=requester_ids) if requester_ids else text


class _EpochMicroseconds(Func):
    """A moment as whole microseconds since 1970 (PostgreSQL): an integer is read far faster than a
    timestamp with time zone (2 ms less for the 550 keys of a search by a common name)."""

    template = "(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()


def search_keys(rows: QuerySet, text: Q, requester_ids: list[int]) -> tuple[list[tuple], list[tuple]]:
    """The (received_at in microseconds since 1970, pk) of the text matches (up to SEARCH_TEXT_LIMIT
    + 1) and of the named requesters' requests (up to SEARCH_COUNT_LIMIT; none when the text
    matches more), unordered: the keys of a search on databases other than PostgreSQL."""
    by_text = list(rows.filter(text).order_by().values_list("received_at", "pk")[: SEARCH_TEXT_LIMIT + 1])
    keys = [(micros(when), pk) for when, pk in by_text]
    if not requester_ids or len(keys) > SEARCH_TEXT_LIMIT:
        return keys, []
    owned = rows.filter(requester_id__in=requester_ids).order_by().values_list("received_at", "pk")
    return keys, [(micros(when), pk) for when, pk in owned[:SEARCH_COUNT_LIMIT]]


def keys_page(keys: list[tuple], size: int, after_key: tuple | None, before_key: tuple | None) -> tuple[list[tuple], bool, bool]:
    """A page of (microseconds, pk) keys sorted newest first: (the page, has newer, has older)."""
    if before_key is not None:
        newer = [key for key in keys if key > before_key]
        return newer[-size:], len(newer) > size, True
    if after_key is not None:
        older = [key for key in keys if key < after_key]
        return older[:size], True, len(older) > size
    return keys[:size], False, len(keys) > size


class SearchStatement:
    """A search's page in one statement (PostgreSQL): the requesters whose name matches, the
    matching keys (up to SEARCH_TEXT_LIMIT + 1 by the text, SEARCH_COUNT_LIMIT by the requesters)
    and their counts are materialised once; then the page's rows are read either among those keys,
    chosen by the cursor and sorted in the database (a sparse search), or, when the text matched
    more than SEARCH_TEXT_LIMIT rows, with the condition itself along the order index (a dense
    one). Both are guarded by the count, so PostgreSQL runs only one of the two.

    `page_values` are the register's rows as values_list; `dense_page(rows)` is the SQL of the
    ids of size + 1 rows beyond the cursor, nearest first (requests.selectors_register).
    """

    REQUESTERS = RawSQL("SELECT pk FROM search_requesters", ())

    def __init__(self, rows: QuerySet, text: Q, requesters: QuerySet):
        self.rows, self.text = rows, text
        self.requesters_sql = requesters.query.sql_with_params()

    def read(self, *, page_values: QuerySet, dense_page, size: int, after: tuple | None, before: tuple | None):
        """(the page's raw rows in no order, up to size + 1 nearest the cursor; whether the
        search was dense; the distinct matches; whether the count stopped at SEARCH_COUNT_LIMIT)."""
        moment = _EpochMicroseconds("received_at")
        by_text = self.rows.filter(self.text).order_by().values_list(moment, "pk", _TRUE)
        owned = self.rows.filter(requester_id__in=self.REQUESTERS).order_by().values_list(moment, "pk", _FALSE)
        if before is not None:
            chosen, choice_params = "WHERE (m, pk) > (%s, %s) ORDER BY m, pk", [*before]
        elif after is not None:
            chosen, choice_params = "WHERE (m, pk) < (%s, %s) ORDER BY m DESC, pk DESC", [*after]
        else:
            chosen, choice_params = "ORDER BY m DESC, pk DESC", []
        dense_sql, dense_params = dense_page(self.rows.filter(self.text | Q(requester_id__in=self.REQUESTERS)))
        page_keys = RawSQL(
            f"SELECT pk FROM (SELECT pk FROM search_keys {chosen} LIMIT %s) sparse_keys"
            f" WHERE (SELECT text_count FROM search_counts) <= {SEARCH_TEXT_LIMIT}"
            f" UNION ALL SELECT * FROM ({dense_sql}) dense_keys WHERE (SELECT text_count FROM search_counts) > {SEARCH_TEXT_LIMIT}",
            (*choice_params, size + 1, *dense_params),
        )
        parts = [self.requesters_sql]
        parts += [qs.query.sql_with_params() for qs in (by_text[: SEARCH_TEXT_LIMIT + 1], owned[:SEARCH_COUNT_LIMIT])]
        parts.append(page_values.filter(pk__in=page_keys).order_by().query.sql_with_params())
        statement = _STATEMENT.format(*(sql for sql, _params in parts))
        params = [param for _sql, params in parts for param in params]
        with connections[self.rows.db].cursor() as cursor:
            cursor.execute(statement, params)
            found = cursor.fetchall()
        text_count, owned_count, total = found[0][:3]
        page = [row[3:] for row in found if row[3] is not None]
        return page, text_count > SEARCH_TEXT_LIMIT, total, owned_count >= SEARCH_COUNT_LIMIT


_TRUE = Value(True, output_field=BooleanField())
_FALSE = Value(False, output_field=BooleanField())
# {0} the requesters, {1} the text's keys, {2} the requesters' keys, {3} the page.
_STATEMENT = (
    "WITH search_requesters (pk) AS MATERIALIZED ({0}),"
    " search_found AS MATERIALIZED (SELECT * FROM ({1}) by_text (m, pk, is_text)"
    " UNION ALL SELECT * FROM ({2}) owned (m, pk, is_text)),"
    " search_keys AS MATERIALIZED (SELECT DISTINCT m, pk FROM search_found),"
    " search_counts AS MATERIALIZED (SELECT COUNT(*) FILTER (WHERE is_text) AS text_count,"
    " COUNT(*) FILTER (WHERE NOT is_text) AS owned_count, (SELECT COUNT(*) FROM search_keys) AS total"
    " FROM search_found)"
    " SELECT search_counts.*, page.* FROM search_counts LEFT JOIN ({3}) page ON true"
)
