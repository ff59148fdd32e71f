#!/usr/bin/env python3
"""Draw the skill's icons: skill-package/assets/images/icon-108.png and icon-512.png.

A crescent moon over three rising bars (sleep, weight, steps) on a night-blue ground. The Alexa
app shows icons cropped to a circle, so everything sits well inside the central circle; the ground
fills the square (no transparency). No third-party logo is used.

The PNGs are committed; run this only to change them (needs Pillow: `pip install Pillow`):

    python3 scripts/make-icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "skill-package" / "assets" / "images"
S = 2048  # drawn large, then scaled down: smooth edges at both sizes

TOP = (22, 33, 74)  # night blue
BOTTOM = (49, 76, 150)
MOON = (250, 236, 190)
BARS = [(94, 214, 196), (70, 190, 214), (120, 170, 255)]


def lerp(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def draw():
    img = Image.new("RGB", (S, S))
    px = ImageDraw.Draw(img)
    for y in range(S):
        px.line([(0, y), (S, y)], fill=lerp(TOP, BOTTOM, y / (S - 1)))

    # A soft glow behind the moon.
    glow = Image.new("L", (S, S), 0)
    ImageDraw.Draw(glow).ellipse([0.20 * S, 0.14 * S, 0.62 * S, 0.56 * S], fill=90)
    glow = glow.filter(ImageFilter.GaussianBlur(S * 0.06))
    img.paste(Image.new("RGB", (S, S), (120, 140, 220)), mask=glow)

    # Crescent: a disc minus an offset disc.
    moon = Image.new("L", (S, S), 0)
    m = ImageDraw.Draw(moon)
    m.ellipse([0.26 * S, 0.20 * S, 0.56 * S, 0.50 * S], fill=255)
    m.ellipse([0.35 * S, 0.15 * S, 0.65 * S, 0.45 * S], fill=0)
    img.paste(Image.new("RGB", (S, S), MOON), mask=moon)

    # Three small stars.
    d = ImageDraw.Draw(img)
    for cx, cy, r in ((0.66 * S, 0.27 * S, 0.012 * S), (0.72 * S, 0.38 * S, 0.008 * S), (0.60 * S, 0.40 * S, 0.007 * S)):
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=MOON)

    # Rising bars with rounded tops, on a common baseline.
    base = 0.76 * S
    width = 0.085 * S
    gap = 0.045 * S
    left = S / 2 - (3 * width + 2 * gap) / 2
    for i, (height, colour) in enumerate(zip((0.14, 0.21, 0.29), BARS)):
        x0 = left + i * (width + gap)
        d.rounded_rectangle([x0, base - height * S, x0 + width, base], radius=width / 2, fill=colour)
    return img


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    for size in (108, 512):
        path = OUT / f"icon-{size}.png"
        big.resize((size, size), Image.LANCZOS).save(path, optimize=True)
        print(f"wrote {path.relative_to(OUT.parent.parent.parent)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
