"""Scanned copies of text PDFs, as a scanner or a phone would make them: every page an image, no text
layer. The OCR benchmark and the tests read them; the text layer of the original is their truth."""

from __future__ import annotations

from pathlib import Path

# A clean scan at office resolution; a degraded one as a worn copy: lower resolution, a slight
# rotation from the feeder, sensor noise.
CLEAN_DPI = 200
DEGRADED_DPI = 150
DEGRADED_ROTATION = 0.8  # degrees
DEGRADED_NOISE = 18  # standard deviation of grey levels


def page_images(source: Path, dpi: int = CLEAN_DPI, degraded: bool = False, pages: list[int] | None = None,
                seed: int = 0) -> list:
    """The pages of ``source`` (0-based ``pages``, all by default) as greyscale PIL images."""
    import numpy as np
    import pypdfium2
    from PIL import Image

    rng = np.random.default_rng(seed)
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        images = []
        for i in pages if pages is not None else range(len(pdf)):
            image = pdf[i].render(scale=(DEGRADED_DPI if degraded else dpi) / 72, grayscale=True).to_pil()
            if degraded:
                image = image.rotate(DEGRADED_ROTATION, resample=Image.BILINEAR, fillcolor=255)
                noisy = np.asarray(image, dtype=np.float32) + rng.normal(0, DEGRADED_NOISE, (image.height, image.width))
                image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
            images.append(image)
        return images
    finally:
        pdf.close()


def scanned_copy(source: Path, target: Path, dpi: int = CLEAN_DPI, degraded: bool = False,
                 pages: list[int] | None = None) -> Path:
    """An image-only PDF of ``source``'s pages, at the resolution it was scanned at."""
    images = page_images(source, dpi, degraded, pages)
    resolution = DEGRADED_DPI if degraded else dpi
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=resolution)
    return Path(target)


def partly_scanned_copy(source: Path, target: Path, scanned: list[int], change=None) -> Path:
    """A copy of ``source`` whose pages ``scanned`` (0-based) are images, as when a signed or stamped page
    is scanned into a typed document; ``change`` may spoil or turn each such image first."""
    import tempfile

    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    with tempfile.TemporaryDirectory() as work:
        for i in scanned:
            image = page_images(source, pages=[i])[0]
            image = change(image) if change is not None else image
            page = Path(work) / f"{i}.pdf"
            image.save(page, "PDF", resolution=CLEAN_DPI)
            pdf.del_page(i)
            pdf.import_pages(pypdfium2.PdfDocument(str(page)), index=i)
        pdf.save(str(target))
    pdf.close()
    return Path(target)
