"""Cover pictures for the demo's courses and seminars, drawn here so the demo needs no image files.

Each picture is a Wagtail image (so cards get renditions in a modern format with their size set),
made once per page and shared by the page's translations: running the loader again changes nothing.
"""

import io
import zlib

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from lms.demo import DemoContext

from .models import CoursePage, SeminarPage

# Calm colours that keep white text readable (contrast 4.5:1 or more).
PALETTE = ["#0b5394", "#1e6b33", "#7a3e9d", "#a4430f", "#00616b", "#6b4f00", "#8c1d40", "#3b4c8c"]
SIZE = (960, 540)


def _picture(seed: str) -> bytes:
    """A simple abstract banner: a colour field with overlapping circles, unique to ``seed``."""
    number = zlib.crc32(seed.encode())
    colour = PALETTE[number % len(PALETTE)]
    image = PILImage.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(image, "RGBA")
    for i in range(5):
        radius = 90 + (number >> (i * 3)) % 160
        x = (number >> (i * 5)) % SIZE[0]
        y = (number >> (i * 4 + 2)) % SIZE[1]
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 28 + 12 * i))
    draw.rectangle((0, SIZE[1] - 60, SIZE[0], SIZE[1]), fill=(0, 0, 0, 50))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _cover_for(page) -> object:
    Image = get_image_model()
    title = f"Cover: {page.slug}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(_picture(page.slug)), name=f"cover-{page.slug}.png")
        image.save()
    return image


def load(ctx: DemoContext) -> None:
    made = 0
    for model in (CoursePage, SeminarPage):
        originals = model.objects.filter(locale__language_code="en", alias_of__isnull=True)
        for page in originals:
            image = _cover_for(page)
            versions = model.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
            for version in versions.exclude(cover_image=image):
                version.cover_image = image
                revision = version.save_revision()
                if version.live:
                    revision.publish()
                made += 1
    if made:
        ctx.say(f"Cover pictures: {made} course and seminar pages.")
