"""The accuracy guard's reference photos: a fixed set with what each one shows, built once and committed.

    python -m kidsafe.bench.reference          # rebuild data/reference-photos/ (needs scikit-image)

Each photo comes with the faces it shows (boxes in its own pixels), whether it is a sensitive
picture (a bare child in a bath), and where text is. The faces are known by construction: real
faces (NASA's astronaut and the cameraman shipped by scikit-image, a man on a train from the real
camera photos in tests/data) are cut out with a hand-measured face box and pasted at chosen sizes
into drawn scenes: crowds, rows of small faces, portrait photos, a bath and a beach. Real camera
photos and scikit-image photos are used as they are, with hand-measured boxes. Children's drawings
(stick figures with smiley faces) show no real face. ``expected.json`` records every photo's sha256:
the set is versioned, and ``load()`` refuses a photo that changed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

Box = tuple[int, int, int, int]

SET_VERSION = 1
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference-photos"
EXPECTED_FILE = "expected.json"
REAL_PHOTOS = Path(__file__).resolve().parents[2] / "tests" / "data" / "real-gps"
JPEG_QUALITY = 90
SCENE_SIZE = (1600, 1200)
SKIN = (224, 172, 142)
CUT_MARGIN = (0.6, 0.35)
"""How far a face cut reaches beyond its face, as a fraction of the face's width and height."""


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference photo and what it shows."""

    file: str
    what: str
    faces: tuple[Box, ...] = ()
    optional_faces: tuple[Box, ...] = ()  # a reflection, a face half out of frame: found or not, no matter
    sensitive: bool = False
    text: tuple[Box, ...] = ()
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class FaceCut:
    """A real face cut out of a photo: the crop and the face's box inside it."""

    image: Image.Image
    face: Box

    def pasted(self, canvas: Image.Image, at: tuple[int, int], face_width: int, mirror: bool = False) -> Box:
        """Paste the cut so that its face is ``face_width`` wide with its top-left at ``at``; the face's box."""
        scale = face_width / (self.face[2] - self.face[0])
        cut = self.image.resize((round(self.image.width * scale), round(self.image.height * scale)),
                                Image.Resampling.LANCZOS)
        fx0, fy0, fx1, fy1 = (round(v * scale) for v in self.face)
        if mirror:
            cut = ImageOps.mirror(cut)
            fx0, fx1 = cut.width - fx1, cut.width - fx0
        x, y = at[0] - fx0, at[1] - fy0
        canvas.paste(cut, (x, y))
        return (x + fx0, y + fy0, x + fx1, y + fy1)


@dataclass
class Builder:
    """Collects the photos as they are drawn."""

    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    photos: list[tuple[Reference, Image.Image]] = field(default_factory=list)

    def add(self, image: Image.Image, ref: Reference) -> None:
        self.photos.append((ref, image.convert("RGB")))


# --- The real faces ---------------------------------------------------------------------------------


def face_cuts() -> list[FaceCut]:
    """Faces cut out of real photos, with hand-measured boxes (brow to chin, cheek to cheek)."""
    from skimage import data as skdata

    astronaut = Image.fromarray(skdata.astronaut())
    camera = Image.fromarray(skdata.camera()).convert("RGB")
    train = _real("Samsung GT-I9000 (Galaxy S).jpg")
    return [FaceCut(astronaut.crop((150, 35, 300, 200)), (30, 27, 118, 141)),
            FaceCut(camera.crop((160, 80, 290, 220)), (35, 28, 98, 118)),
            FaceCut(train.crop((60, 90, 230, 290)), (35, 28, 140, 180))]


def _real(name: str) -> Image.Image:
    with Image.open(REAL_PHOTOS / name) as im:
        return ImageOps.exif_transpose(im).convert("RGB")


# --- Drawn backgrounds ------------------------------------------------------------------------------


def _scene(rng: random.Random, size: tuple[int, int] = SCENE_SIZE) -> Image.Image:
    """A drawn outdoor photo (the bench's own scene generator), cut or stretched to ``size``."""
    from kidsafe.bench.feed import _scene as bench_scene

    return bench_scene(rng).resize(size, Image.Resampling.BILINEAR) if size != SCENE_SIZE else bench_scene(rng)


def _free_spot(rng: random.Random, taken: list[Box], size: tuple[int, int], w: int, h: int) -> tuple[int, int]:
    """A top-left corner where a ``w`` x ``h`` face (with room for its cut around it) overlaps nothing placed."""
    mx, my = round(CUT_MARGIN[0] * w), round(CUT_MARGIN[1] * h)
    for _ in range(200):
        x, y = rng.randint(mx, size[0] - w - mx), rng.randint(my, size[1] - h - my)
        box = (x - mx, y - my, x + w + mx, y + h + my)
        if all(box[2] <= t[0] or t[2] <= box[0] or box[3] <= t[1] or t[3] <= box[1] for t in taken):
            taken.append(box)
            return x, y
    raise RuntimeError("no room left for another face")


def crowd(b: Builder, cuts: list[FaceCut], count: int, widths: tuple[int, int], name: str, what: str,
          size: tuple[int, int] = SCENE_SIZE) -> None:
    """A drawn scene with ``count`` real faces pasted at widths in ``widths``."""
    image, taken, boxes = _scene(b.rng, size), [], []
    for i in range(count):
        cut = cuts[i % len(cuts)]
        w = b.rng.randint(*widths)
        h = round(w * (cut.face[3] - cut.face[1]) / (cut.face[2] - cut.face[0]))
        boxes.append(cut.pasted(image, _free_spot(b.rng, taken, size, w, h), w, mirror=bool(i % 2)))
    b.add(image, Reference(name, what, faces=tuple(boxes)))


def drawing(b: Builder, name: str, figures: int) -> None:
    """A child's crayon drawing: stick figures with smiley faces, a house, a sun. No real face."""
    rng = b.rng
    image = Image.new("RGB", (1400, 1000), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    crayons = [(220, 40, 40), (40, 90, 200), (30, 150, 60), (240, 170, 20), (140, 60, 160)]
    draw.ellipse((1150, 60, 1330, 240), outline=(240, 190, 0), width=9)
    for k in range(12):  # the sun's rays
        draw.line((1240, 150, 1240 + 150 * (k % 3 - 1), 150 + 150 * (k // 3 % 3 - 1)), fill=(240, 190, 0), width=6)
    draw.rectangle((120, 420, 520, 800), outline=crayons[0], width=10)
    draw.polygon([(100, 420), (320, 220), (540, 420)], outline=crayons[4], width=10)
    for i in range(figures):
        x, y, r = 640 + i * 170 + rng.randint(-20, 20), 480 + rng.randint(-40, 40), rng.randint(45, 70)
        ink = crayons[rng.randrange(len(crayons))]
        draw.ellipse((x - r, y - r, x + r, y + r), outline=ink, width=8)
        draw.ellipse((x - r // 2 - 6, y - r // 3 - 6, x - r // 2 + 6, y - r // 3 + 6), fill=ink)
        draw.ellipse((x + r // 2 - 6, y - r // 3 - 6, x + r // 2 + 6, y - r // 3 + 6), fill=ink)
        draw.arc((x - r // 2, y - r // 4, x + r // 2, y + r // 2), 20, 160, fill=ink, width=7)
        draw.line((x, y + r, x, y + r + 180), fill=ink, width=9)
        draw.line((x - 90, y + r + 60, x + 90, y + r + 60), fill=ink, width=9)
        draw.line((x, y + r + 180, x - 70, y + r + 320), fill=ink, width=9)
        draw.line((x, y + r + 180, x + 70, y + r + 320), fill=ink, width=9)
    b.add(image, Reference(name, f"a child's drawing: {figures} stick figures with smiley faces, no real face"))


def bath(b: Builder, cut: FaceCut, name: str, bare: bool) -> None:
    """A bath: tiles, a tub, bubbles and a child in it, bare-shouldered (sensitive) or in a swimsuit."""
    image = Image.new("RGB", SCENE_SIZE, (200, 225, 235))
    draw = ImageDraw.Draw(image)
    for x in range(0, SCENE_SIZE[0], 80):
        draw.line((x, 0, x, 700), fill=(170, 200, 215), width=3)
    for y in range(0, 700, 80):
        draw.line((0, y, SCENE_SIZE[0], y), fill=(170, 200, 215), width=3)
    face = cut.pasted(image, (700, 260), 220)
    body = (520, face[3] - 10, 1120, 1020)
    draw.ellipse(body, fill=SKIN)  # shoulders, chest and arms above the water
    draw.ellipse((380, 640, 620, 760), fill=SKIN)
    draw.ellipse((1020, 640, 1260, 760), fill=SKIN)
    if not bare:
        draw.rectangle((640, 760, 1000, 1020), fill=(30, 80, 200))
    draw.rounded_rectangle((150, 820, 1450, 1200), radius=120, fill=(250, 250, 250))
    for _ in range(60):
        x, y, r = b.rng.randint(250, 1350), b.rng.randint(780, 900), b.rng.randint(12, 45)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255), outline=(220, 230, 240))
    what = "a child in a bath, bare shoulders and chest" if bare else "a child in a bath in a blue swimsuit top"
    b.add(image, Reference(name, what, faces=(face,), sensitive=bare))


def beach(b: Builder, cuts: list[FaceCut], name: str) -> None:
    """A beach: sky, sea and sand, two children in swimsuits."""
    image = Image.new("RGB", SCENE_SIZE, (150, 200, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, SCENE_SIZE[0], 620), fill=(40, 120, 170))
    draw.rectangle((0, 620, SCENE_SIZE[0], SCENE_SIZE[1]), fill=(230, 205, 150))
    boxes = []
    for i, (x, w) in enumerate(((400, 130), (1000, 110))):
        face = cuts[i].pasted(image, (x, 420), w, mirror=bool(i))
        boxes.append(face)
        cx = (face[0] + face[2]) // 2
        draw.rounded_rectangle((cx - w, face[3] + 10, cx + w, face[3] + 4 * w), radius=w // 2, fill=SKIN)
        draw.rectangle((cx - w + 10, face[3] + 2 * w, cx + w - 10, face[3] + 3 * w), fill=(220, 40, 90))
    b.add(image, Reference(name, "two children on a beach in swimsuits", faces=tuple(boxes)))


def bare_torso(b: Builder, cut: FaceCut, name: str, background: tuple[int, int, int], where: str) -> None:
    """A child's bare upper body filling a portrait photo: skin cut from a real cheek, shaded, a real face."""
    import numpy as np
    from skimage import data as skdata

    size = (1200, 1600)
    cheek = Image.fromarray(skdata.astronaut()).crop((195, 120, 255, 150)).resize((600, 300), Image.Resampling.BICUBIC)
    skin = Image.new("RGB", size)
    for x in range(0, size[0], cheek.width):
        for y in range(0, size[1], cheek.height):
            skin.paste(cheek if (x // cheek.width + y // cheek.height) % 2 == 0 else ImageOps.mirror(cheek), (x, y))
    body = Image.new("L", size, 0)
    draw = ImageDraw.Draw(body)
    for shape in ((250, 420, 950, 1700), (100, 470, 450, 820), (750, 470, 1100, 820)):  # torso, shoulders
        draw.ellipse(shape, fill=255)
    image = Image.new("RGB", size, background)
    image.paste(skin.filter(ImageFilter.GaussianBlur(3)), (0, 0), body.filter(ImageFilter.GaussianBlur(8)))
    across = 1 - 0.25 * np.abs(np.arange(size[0]) - size[0] / 2) / (size[0] / 2)  # rounder towards the sides
    image = Image.fromarray(np.clip(np.asarray(image) * across[None, :, None], 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for x0, y0, r in ((520, 680, 13), (655, 680, 13), (590, 1020, 8)):  # nipples, navel
        draw.ellipse((x0, y0, x0 + 2 * r, y0 + 2 * r), fill=(170, 100, 90))
    face = cut.pasted(image, (500, 150), 200)
    b.add(image, Reference(name, f"a child's bare upper body {where}", faces=(face,), sensitive=True))


def sign(b: Builder, name: str, lines: tuple[str, ...], cap: int) -> None:
    """A drawn scene with a sign of ``lines`` at cap height ``cap``; the sign's box is the text region."""
    from kidsafe.bench.feed import _font

    image = _scene(b.rng)
    draw = ImageDraw.Draw(image)
    font = _font(0, int(cap * 1.35))
    width = int(max(draw.textlength(line, font=font) for line in lines))
    x0, y0 = b.rng.randint(40, SCENE_SIZE[0] - width - 120), b.rng.randint(40, 500)
    box = (x0, y0, x0 + width + 2 * cap, y0 + int(cap * 1.8) * len(lines) + 2 * cap)
    draw.rectangle(box, fill=(250, 250, 245), outline=(30, 30, 30), width=4)
    for i, line in enumerate(lines):
        draw.text((x0 + cap, y0 + cap + i * int(cap * 1.8)), line, font=font, fill=(25, 30, 60))
    b.add(image, Reference(name, f"a scene with a sign ({len(lines)} lines, {cap} px capitals)", text=(box,)))


# --- The set ----------------------------------------------------------------------------------------


def build() -> list[tuple[Reference, Image.Image]]:
    """Every reference photo, drawn or composed in a fixed order from a fixed seed."""
    from skimage import data as skdata

    b = Builder()
    cuts = face_cuts()
    b.add(Image.fromarray(skdata.astronaut()), Reference("astronaut.jpg", "NASA portrait (scikit-image)",
                                                         faces=((180, 62, 268, 176),)))
    b.add(Image.fromarray(skdata.camera()), Reference("cameraman.jpg", "a man in profile behind a camera, grey",
                                                      faces=((195, 108, 258, 198),)))
    b.add(_real("Samsung GT-I9000 (Galaxy S).jpg"),
          Reference("train.jpg", "a real phone photo: a man in profile at a train window, his reflection",
                    faces=((95, 118, 200, 270),), optional_faces=((215, 93, 345, 225),)))
    b.add(_real("Apple iPhone 4.jpg"), Reference("receipt.jpg", "a real phone photo of a printed table ticket",
                                                 text=((275, 340, 1100, 700),)))
    b.add(_real("Sony DSC-HX5V (2).jpg"), Reference("street-sign.jpg", "a real camera photo of a street sign",
                                                    text=((200, 160, 553, 241),)))
    for name in ("FujiFilm FinePixS1Pro (1).jpg", "HTC Desire.jpg", "Nikon D5000.jpg"):
        b.add(_real(name), Reference(_slug(name), "a real camera photo, no person"))
    for name, loader in (("cat.jpg", skdata.chelsea), ("coffee.jpg", skdata.coffee), ("rocket.jpg", skdata.rocket)):
        b.add(Image.fromarray(loader()), Reference(name, f"a scikit-image photo ({name[:-4]}), no person"))
    for i, width in enumerate((48, 72, 110, 180, 320)):
        crowd(b, cuts[:1], 1, (width, width), f"one-face-{width}px.jpg", f"one real face {width} px wide in a scene")
    crowd(b, cuts, 3, (90, 200), "family.jpg", "three real faces, 90-200 px, in a scene")
    crowd(b, cuts, 8, (50, 130), "crowd.jpg", "a crowd: eight real faces, 50-130 px")
    crowd(b, cuts, 12, (40, 80), "class.jpg", "a class: twelve real faces, 40-80 px")
    crowd(b, cuts, 6, (28, 40), "small-faces.jpg", "six small faces, 28-40 px, in a 1600-px photo")
    crowd(b, cuts[1:], 4, (60, 160), "profiles.jpg", "four faces in profile (cameraman, train)")
    crowd(b, cuts, 3, (70, 180), "portrait.jpg", "a portrait photo with three faces", size=(1200, 1600))
    for seed in range(4):
        b.add(_scene(b.rng), Reference(f"scene-{seed}.jpg", "a drawn scene with people-sized figures, no face"))
    drawing(b, "drawing-2.jpg", 2)
    drawing(b, "drawing-4.jpg", 4)
    bath(b, cuts[0], "bath-bare.jpg", bare=True)
    bath(b, cuts[0], "bath-swimsuit.jpg", bare=False)
    beach(b, cuts, "beach.jpg")
    bare_torso(b, cuts[0], "bare-torso-bathroom.jpg", (200, 225, 235), "against bathroom tiles")
    bare_torso(b, cuts[0], "bare-torso-sand.jpg", (230, 205, 150), "against sand")
    sign(b, "sign-big.jpg", ("OAKFIELD PRIMARY SCHOOL", "Headteacher Mrs Patel"), 56)
    sign(b, "sign-small.jpg", ("Happy 7th Birthday Maisie!",), 34)
    return b.photos


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.rsplit(".", 1)[0].lower()).strip("-") + ".jpg"


def write(folder: Path = REFERENCE_DIR, photos: list[tuple[Reference, Image.Image]] | None = None) -> list[Reference]:
    """Write the photos as JPEGs and ``expected.json`` with each photo's sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    refs = []
    for ref, image in photos if photos is not None else build():
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY)
        (folder / ref.file).write_bytes(out.getvalue())
        refs.append(Reference(**{**asdict(ref), "sha256": hashlib.sha256(out.getvalue()).hexdigest()}))
    doc = {"version": SET_VERSION, "photos": [asdict(r) for r in refs]}
    (folder / EXPECTED_FILE).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return refs


def load(folder: Path = REFERENCE_DIR) -> list[tuple[Reference, bytes]]:
    """The reference photos and what each shows; raises ValueError when a photo is not the one recorded."""
    doc = json.loads((folder / EXPECTED_FILE).read_text(encoding="utf-8"))
    out = []
    for row in doc["photos"]:
        ref = Reference(**{k: _boxes(v) if k in ("faces", "optional_faces", "text") else v for k, v in row.items()})
        data = (folder / ref.file).read_bytes()
        if hashlib.sha256(data).hexdigest() != ref.sha256:
            raise ValueError(f"reference photo {ref.file} differs from the one recorded in {EXPECTED_FILE}")
        out.append((ref, data))
    return out


def _boxes(rows: list[list[int]]) -> tuple[Box, ...]:
    return tuple((int(a), int(b), int(c), int(d)) for a, b, c, d in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the accuracy guard's reference photos.")
    parser.add_argument("--out", type=Path, default=REFERENCE_DIR)
    args = parser.parse_args(argv)
    refs = write(args.out)
    print(f"{len(refs)} reference photos, {sum(len(r.faces) for r in refs)} faces, written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
