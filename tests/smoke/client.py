"""A small HTTP client for the smoke suite: the standard library only (the project's own
``requests`` app shadows the PyPI library of that name), cookies, CSRF, forms and links.

It talks to a running portal as a browser would, through its reverse proxy when there is one.
``forwarded_proto="https"`` makes it stand in for that proxy in front of a bare gunicorn.
"""

from __future__ import annotations

import http.client
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Response:
    url: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    elapsed: float

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)


class _PageParser(HTMLParser):
    """Collects links (a/area href) and forms with their default values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag in ("a", "area") and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._form)
        elif self._form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                self._form.choices.setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], [])
        elif tag == "select" and a.get("name"):
            self._select, self._select_value, self._select_first = a["name"], None, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._form.choices.setdefault(self._select, []).append(value)
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._select_value = value

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea and self._form:
            self._form.fields.append((self._textarea[0], "".join(self._textarea[1])))
            self._textarea = None
        elif tag == "select" and self._select and self._form:
            value = self._select_value if self._select_value is not None else self._select_first
            if value is not None:
                self._form.fields.append((self._select, value))
            self._select = None
        elif tag == "form":
            self._form = None


def page_parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


class Client:
    """One browser session against one portal (cookies kept per client, sent to that portal only)."""

    def __init__(self, base_url: str, *, forwarded_proto: str = "", timeout: float = 60.0):
        parts = urllib.parse.urlsplit(base_url.rstrip("/") + "/")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.base = parts
        self.origin = f"{parts.scheme}://{parts.netloc}"
        # The origin the portal believes it is served from: the proxy's scheme, when standing in for it.
        self.public_origin = f"{forwarded_proto or parts.scheme}://{parts.netloc}"
        self.forwarded_proto = forwarded_proto
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    # -- URLs ----------------------------------------------------------------------------------

    def absolute(self, url: str, *, page: str | None = None) -> str:
        return urllib.parse.urljoin(page or self.origin + self.base.path, url)

    def is_own(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc == self.base.netloc

    # -- requests ------------------------------------------------------------------------------

    def request(self, method: str, url: str, *, body: bytes | None = None, headers: dict | None = None) -> Response:
        url = self.absolute(url)
        parts = urllib.parse.urlsplit(url)
        own = parts.netloc == self.base.netloc
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.netloc, timeout=self.timeout)
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        sent = {"User-Agent": "ppid-smoke/1", "Accept-Language": "id", **(headers or {})}
        if own:
            if self.forwarded_proto:
                sent["X-Forwarded-Proto"] = self.forwarded_proto
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            data = raw.read()
        finally:
            connection.close()
        if own:
            for header in raw.headers.get_all("Set-Cookie") or []:
                self._cookie_store(header)
        return Response(url, raw.status, raw.headers, data, time.monotonic() - started)

    def _cookie_store(self, header: str) -> None:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.strip().partition("=")
        expired = "max-age=0" in attributes.lower().replace(" ", "") or 'expires=thu, 01 jan 1970' in attributes.lower()
        if expired:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value.strip('"')

    def get(self, url: str, *, follow: bool = True, max_redirects: int = 5) -> Response:
        response = self.request("GET", url)
        hops = 0
        while follow and response.status in (301, 302, 303, 307, 308) and response.location and hops < max_redirects:
            target = self.absolute(response.location, page=response.url)
            if not self.is_own(target):
                # A signed object-storage URL: fetched without the portal's cookies.
                return self.request("GET", target)
            response = self.request("GET", target)
            hops += 1
        return response

    def post(self, url: str, fields: list[tuple[str, str]], *, referer: str) -> Response:
        body = urllib.parse.urlencode(fields).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            # Django checks the Referer (and Origin) of secure requests against the host.
            "Referer": self.public_origin + urllib.parse.urlsplit(self.absolute(referer)).path,
            "Origin": self.public_origin,
        }
        return self.request("POST", url, body=body, headers=headers)

    # -- forms ---------------------------------------------------------------------------------

    def form_submit(self, page_url: str, values: dict[str, str], *, form_index: int | None = None) -> Response:
        """GET a page, fill its (first POST, or the given) form with ``values`` over its defaults, POST it."""
        page = self.get(page_url)
        if page.status != 200:
            raise AssertionError(f"GET {page_url} answered {page.status}")
        forms = page_parse(page.text).forms
        posting = [form for form in forms if form.method == "post"]
        if not posting:
            raise AssertionError(f"no form to post on {page_url}")
        form = forms[form_index] if form_index is not None else _form_for(posting, values)
        fields = [(name, value) for name, value in form.fields if name not in values]
        for name, value in values.items():
            choices = form.choices.get(name)
            if choices is not None and value not in choices:
                raise AssertionError(f"{name}={value!r} is not offered on {page_url} (choices: {choices})")
            fields.append((name, value))
        action = self.absolute(form.action or page.url, page=page.url)
        return self.post(action, fields, referer=page.url)

    def login(self, username: str, password: str, *, login_path: str = "masuk/") -> Response:
        response = self.form_submit(login_path, {"username": username, "password": password})
        target = urllib.parse.urlsplit(self.absolute(response.location or login_path, page=response.url)).path
        if response.status not in (302, 303) or target == urllib.parse.urlsplit(self.absolute(login_path)).path:
            raise AssertionError(f"login as {username!r} failed: {response.status} at {response.url}")
        return response


def _form_for(forms: list[Form], values: dict[str, str]) -> Form:
    """The POST form that has the most of the given field names (the page's main form)."""

    def names(form):
        return {name for name, _value in form.fields} | set(form.choices)

    return max(forms, key=lambda form: len(names(form) & set(values)))
