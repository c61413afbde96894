"""Django templates to PDF with WeasyPrint, offline.

The PDF is the same HTML as the page a browser prints (templates/documents/, static/css/documents.css
with its `@page` and `@media print` rules), laid out by WeasyPrint. Stylesheets, the Designsystemet font
and images are read from the static files on this machine: the fetcher below answers only static URLs
and refuses everything else, so rendering never reaches the network (a document about a youth must not
make a request that could leak, or hang on, an outside host).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base that is never fetched: relative and "/static/…" URLs in the template resolve against it.
BASE_URL = "https://stafett.invalid/"
# Archival PDF: PDF/A-3b (ISO 19005-3, level B: fonts embedded, sRGB output intent, XMP metadata).
PDFA_VARIANT = "pdf/a-3b"


def _static_prefix() -> str:
    return "/" + settings.STATIC_URL.lstrip("/")


def static_path(url: str) -> Path | None:
    """The local file behind a static URL of the document, or None for anything that is not one."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(_static_prefix()):
        return None
    name = unquote(parts.path.removeprefix(_static_prefix()))
    if ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):  # collected only (production image without the sources)
        return Path(staticfiles_storage.path(name))
    return None


class StaticFilesFetcher(URLFetcher):
    """Serves the document's static files from disk; every other URL is refused."""

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            raise ValueError(f"documents fetch only static files, not {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".woff2":
            content_type = "font/woff2"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def render_pdf(
    template_name: str, context: dict, *, request: HttpRequest | None = None, pdfa: bool = False
) -> bytes:
    """The template rendered to PDF bytes (PDF/A-3b when `pdfa`).

    The context must hold `user` when there is no request: content is printed with `{% shown %}`,
    which shows only what came through the visibility rule for that user.
    """
    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    options = {"pdf_variant": PDFA_VARIANT} if pdfa else {}
    return document.write_pdf(**options)
