"""Page 1 of the plan's PDF, rendered to an image in the test run (PDFium): it has ink where the text
is and is saved for the README (docs/screenshots/individuell-plan-side-1.png). The clock is frozen so
the picture only changes when the document does."""

import datetime
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pypdfium2
from PIL import ImageStat

from coordination.access.staff import youth_access_for_user
from pathways.documents.pdf import plan_version_pdf
from pathways.selectors.individual_plan import sharing_consents
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from tests import factories

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "individuell-plan-side-1.png"
MOMENT = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Oslo"))
DAY = datetime.timedelta(days=1)

GOALS = [
    (
        "housing",
        "Jeg vil ha et sted å bo der jeg kan sove i fred",
        [
            ("Søke om kommunal bolig og følge opp saken hver uke", "holder", 21),
            ("Avtale med utleier om depositum gjennom NAV", "member", 35),
        ],
    ),
    (
        "school_work",
        "Jeg vil fullføre Vg2 og få lærlingplass",
        [
            ("Tilrettelagt timeplan med to fridager til behandling", "member", 28),
            ("Møte med rådgiver om lærlingplass i bilfag", "member", 56),
        ],
    ),
    (
        "reduced_use",
        "Jeg vil ruse meg mindre i helgene",
        [
            ("Samtaler med ruskonsulent annenhver uke", "holder", 42),
        ],
    ),
]


def test_page_one_of_the_plan_pdf_renders_to_an_image(cast, time_machine):
    time_machine.move_to(MOMENT, tick=False)
    cast.youth.bti_level = 3
    cast.youth.birth_date = datetime.date(2010, 3, 14)  # the picture must not change with the day it runs
    cast.youth.save(update_fields=["bti_level", "birth_date"])
    today = MOMENT.date()
    people = {"holder": cast.holder, "member": cast.member}
    for kind, words, actions in GOALS:
        goal = factories.goal(cast.youth, cast.holder, kind=kind, description=words)
        for text, who, days in actions:
            factories.action(
                goal, people[who], description=text, start_date=today, evaluation_date=today + days * DAY
            )
    plan = individual_plan_start(
        actor=cast.holder,
        youth=cast.youth,
        consent=sharing_consents(cast.youth).first(),
        evaluation_dates=[today + 60 * DAY, today + 150 * DAY],
    )
    access = youth_access_for_user(cast.member, cast.youth.pk)
    data = plan_version_pdf(access, plan_version_adopt(actor=cast.holder, plan=plan))
    fonts = {
        font.get_object()["/BaseFont"]
        for font in pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("Inter" in font for font in fonts)  # the design system's font, nothing else
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=1.4).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01  # A4, portrait
    # Text on the page: dark pixels in the top half (the heading and facts), the rest mostly paper.
    top = image.crop((0, 0, width, height // 2))
    assert ImageStat.Stat(top).extrema[0][0] < 60
    assert ImageStat.Stat(image).mean[0] > 200
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOT, optimize=True)
