"""The certificate as a PDF: A4 landscape, drawn on the server with fpdf2, with IPAex Gothic embedded
(a subset of it, so names and course titles in Japanese or any Latin script print, and the file
stays small). The text is in the active language; the name and course title as issued."""

from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from .models import Certificate

FONT = Path(settings.BASE_DIR) / "lms" / "fonts" / "ipaexg.ttf"
INK = (33, 37, 41)
ACCENT = (0, 86, 145)
MUTED = (90, 98, 106)


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_title(f"{_('Certificate of completion')}: {certificate.course_title}")
    pdf.set_author(_("Capacity Building Support for NGOs"))
    pdf.set_creator("NGO Capacity Building LMS")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("IPAexGothic", fname=str(FONT))
    pdf.add_page()
    width = pdf.w - 40

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

    def line(text: str, size: float, *, color=INK, gap: float = 4) -> None:
        pdf.set_font("IPAexGothic", size=size)
        pdf.set_text_color(*color)
        pdf.set_x(20)
        pdf.multi_cell(width, size * 0.5, text, align="C")
        pdf.ln(gap)

    pdf.set_y(30)
    line(_("Capacity Building Support for NGOs"), 13, color=MUTED, gap=8)
    line(_("Certificate of completion"), 30, color=ACCENT, gap=12)
    line(_("This certifies that"), 13, color=MUTED)
    line(certificate.learner_name, 26, gap=8)
    line(_("has completed the course"), 13, color=MUTED)
    line(certificate.course_title, 20, gap=8)
    issued = formats.date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
    line(_("on %(date)s") % {"date": issued}, 13)
    if not certificate.is_valid:
        line(_("Revoked"), 16, color=(176, 0, 32))

    pdf.set_y(pdf.h - 38)
    line(_("Certificate code: %(code)s") % {"code": certificate.code}, 9, color=MUTED, gap=1)
    line(_("Verify at %(url)s") % {"url": verify_url}, 9, color=MUTED, gap=0)
    return bytes(pdf.output())
