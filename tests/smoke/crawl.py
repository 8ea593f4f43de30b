"""Breadth-first crawl of what one session can reach, GET only, on the portal's own host.

Every link an account is shown is followed, except those that end the session or switch the
language (both POST-only anyway) and files the reverse proxy serves. Paths that differ only by
numbers (one request's page and another's) count as one pattern, visited a few times each, so
the crawl is bounded on any amount of data and still reaches each kind of page and PDF.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import deque
from dataclasses import dataclass, field

from .client import Client, page_parse

SKIPPED_PREFIXES = ("keluar/", "i18n/", "admin/logout/", "admin/r/", "static/", "media/")
PER_PATTERN = 3
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class CrawlResult:
    visited: list[tuple[str, int, str, float]] = field(default_factory=list)  # url, status, content type, seconds
    errors: list[str] = field(default_factory=list)
    client_errors: list[str] = field(default_factory=list)

    @property
    def pdfs(self) -> int:
        return sum(1 for _url, status, kind, _s in self.visited if status == 200 and kind == "application/pdf")

    def slowest(self, n: int = 3) -> list[tuple[str, float]]:
        return [(url, round(seconds, 2)) for url, _st, _k, seconds in sorted(self.visited, key=lambda v: -v[3])[:n]]


def _pattern(path: str, query: str) -> tuple[str, tuple[str, ...]]:
    keys = tuple(sorted({key for key, _value in urllib.parse.parse_qsl(query, keep_blank_values=True)}))
    return re.sub(r"\d+", "#", path), keys


def crawl(client: Client, starts: list[str], *, max_pages: int) -> CrawlResult:
    result = CrawlResult()
    base_path = client.base.path
    queue = deque(client.absolute(start) for start in starts)
    seen: set[str] = set()
    per_pattern: dict[tuple, int] = {}
    while queue and len(result.visited) < max_pages:
        url = urllib.parse.urldefrag(queue.popleft())[0]
        if url in seen or not client.is_own(url):
            continue
        seen.add(url)
        parts = urllib.parse.urlsplit(url)
        relative = parts.path[len(base_path) :] if parts.path.startswith(base_path) else parts.path
        if relative.startswith(SKIPPED_PREFIXES):
            continue
        pattern = _pattern(parts.path, parts.query)
        if per_pattern.get(pattern, 0) >= PER_PATTERN:
            continue
        per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
        try:
            response = client.get(url, follow=False)
        except OSError as error:
            result.errors.append(f"{url}: {error!r}")
            continue
        result.visited.append((url, response.status, response.content_type, response.elapsed))
        if response.status >= 500:
            result.errors.append(f"{url}: HTTP {response.status} (request id {response.headers.get('X-Request-ID')})")
        elif response.status in REDIRECTS and response.location:
            queue.append(client.absolute(response.location, page=url))
        elif response.status >= 400:
            result.client_errors.append(f"{url}: HTTP {response.status}")
        elif response.content_type == "application/pdf":
            if not response.body.startswith(b"%PDF-"):
                result.errors.append(f"{url}: served as PDF but is not one")
        elif response.content_type == "text/html":
            for link in page_parse(response.text).links:
                if not link.startswith(("mailto:", "tel:", "javascript:", "#")):
                    queue.append(client.absolute(link, page=url))
    return result
