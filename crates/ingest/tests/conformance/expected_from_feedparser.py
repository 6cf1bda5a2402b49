"""Writes <file>.expected beside every feed under feeds/: the article URLs
Python's feedparser gives (each entry's `link`, resolved against the URL the
conformance test reads the document from, kept if http(s), without the
fragment, each once). Files whose .expected holds a `# override:` line are
left as they are.

    python3 -m pip install feedparser
    python3 crates/ingest/tests/conformance/expected_from_feedparser.py
"""
import glob
import os
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser

ROOT = os.path.dirname(os.path.abspath(__file__))
BASE = 'https://conformance.example/'

for path in sorted(glob.glob(os.path.join(ROOT, 'feeds', '*', '*'))):
    name = os.path.basename(path)
    if name.endswith('.expected') or name.startswith(('LICENSE', 'README')):
        continue
    expected = path + '.expected'
    if os.path.exists(expected) and '# override' in open(expected, encoding='utf-8').read():
        continue
    base = BASE + os.path.relpath(path, ROOT).replace(os.sep, '/')
    with open(path, 'rb') as f:
        parsed = feedparser.parse(f.read(), response_headers={'content-location': base})
    urls, seen = [], set()
    for entry in parsed.entries:
        link = entry.get('link')
        if not link:
            continue
        u = urlsplit(urljoin(base, link.strip()))
        if u.scheme.lower() not in ('http', 'https') or not u.hostname:
            continue
        url = urlunsplit((u.scheme, u.netloc, u.path or '/', u.query, ''))
        if url not in seen:
            seen.add(url)
            urls.append(url)
    with open(expected, 'w', encoding='utf-8') as f:
        f.write('# feedparser 6.x, document base %s\n' % base)
        f.writelines(u + '\n' for u in urls)
