"""PDF rendering (pathways/documents/render.py): offline, in the design system's font, with the youth's
name, the document's version and "page n of m" on every page."""

import io

import pypdf
import pytest

from pathways.documents.render import BASE_URL, StaticFilesFetcher, render_pdf, static_path


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_static_urls_are_read_from_the_static_files():
    path = static_path(BASE_URL + "static/css/documents.css")
    assert path is not None and path.read_text().startswith("/* Documents")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/css/documents.css",  # another host
        BASE_URL + "media/secret.pdf",  # not a static file
        BASE_URL + "static/../coordination/settings.py",  # out of the static folders
        "file:///etc/passwd",
    ],
)
def test_the_fetcher_refuses_everything_that_is_not_a_static_file(url):
    with pytest.raises(ValueError):
        StaticFilesFetcher().fetch(url)


def _many_pages(n: int) -> str:
    return "".join(f"<p>Avsnitt {i}</p>" for i in range(n))


def test_every_page_carries_the_name_the_version_and_page_n_of_m(settings, tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "long.html").write_text(
        '{% extends "documents/base.html" %}{% block document %}<div class="doc">'
        + _many_pages(150)
        + "</div>{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    context = {"youth": {"full_name": "Sara Ung"}, "document_version": "Versjon 3"}
    texts = pages_text(render_pdf("documents/long.html", context))
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "Sara Ung" in text and "Versjon 3" in text
        assert f"side {number} av {len(texts)}" in text


def test_the_font_of_the_design_system_is_embedded_and_pdfa_is_declared():
    data = render_pdf("documents/base.html", {"youth": {"full_name": "Sara Ung"}}, pdfa=True)
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("Inter" in font for font in fonts)
    assert reader.trailer["/Root"]["/OutputIntents"]  # the sRGB intent PDF/A needs
    assert reader.xmp_metadata is not None
    assert "pdfaid" in reader.xmp_metadata.rdf_root.toxml()
