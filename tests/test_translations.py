"""The UI speaks bokmål by default and nynorsk on request: every message is translated, none is
left fuzzy, and the compiled catalogs (.mo, what Django reads) match the sources (.po)."""

import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def _unquote(line: str) -> str:
    return (
        line[line.index('"') + 1 : line.rindex('"')]
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def _entries(path: Path):
    """(msgid, [msgstr…], fuzzy) of every entry but the header, from a .po file."""
    entry, field, fuzzy = {}, None, False
    for raw in [*path.read_text().splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry.get("msgid"):
                # Compiled catalogs key messages with a context as "context\x04message".
                key = f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]
                yield key, [v for k, v in sorted(entry.items()) if k.startswith("msgstr")], fuzzy
            entry, field, fuzzy = {}, None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += _unquote(line)
        else:
            field = line.split(" ", 1)[0]
            entry[field] = _unquote(line)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_message_is_translated_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    compiled = gettext.GNUTranslations((po.with_suffix(".mo")).open("rb"))
    entries = list(_entries(po))
    assert len(entries) > 400
    untranslated = [msgid for msgid, msgstrs, _fuzzy in entries if not all(msgstrs)]
    fuzzy = [msgid for msgid, _msgstrs, is_fuzzy in entries if is_fuzzy]
    stale = [
        msgid
        for msgid, msgstrs, _fuzzy in entries
        if len(msgstrs) == 1 and compiled._catalog.get(msgid) != msgstrs[0]
    ]
    assert (untranslated, fuzzy, stale) == ([], [], [])
