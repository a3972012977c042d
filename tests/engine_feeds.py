"""Small feeds for the engine tests: posts written as views, the engine run on them, and what it found.

No spaCy model is needed: the views carry no docs. Shared by the ``test_engine_*`` modules.
"""

from __future__ import annotations

from datetime import date, datetime

from kidsafe.engine import build_dossier
from kidsafe.engine.views import PostView, TextPart
from kidsafe.models import EvidenceSource, FactKind, GeoPoint, Post

AS_OF = date(2025, 6, 1)


def view(pid: str, caption: str, when: str = "2024-05-04 10:00", gps: tuple[float, float] | None = None,
         people: tuple[str, ...] = (), ocr: tuple[str, ...] = ()) -> PostView:
    moment = datetime.fromisoformat(when)
    parts = [TextPart(caption, EvidenceSource.CAPTION)] + [TextPart(t, EvidenceSource.OCR) for t in ocr]
    return PostView(post=Post(id=pid, caption=caption, posted_at=moment), parts=tuple(parts), local_time=moment,
                    posted_local=moment, gps=GeoPoint(*gps) if gps else None,
                    gps_source=EvidenceSource.EXIF if gps else None, people=people, has_photo=True)


def dossier(*views: PostView):
    return build_dossier(list(views), as_of=AS_OF)


def values(d, kind: FactKind, child: str | None = None) -> set:
    subject = None
    if child:
        subject = next(s.id for s in d.children if s.name == child or child in s.aliases)
    return {str(f.value) for f in d.facts_of_kind(kind) if subject is None or f.subject == subject}


def child_names(d) -> set[str]:
    return {c.name for c in d.children}


OTHER_POSTS = (view("2", "Riley and Zaid at the park again", "2024-08-01 10:00"),
               view("3", "Riley, Zaid and Mason love the beach", "2024-08-02 10:00"))


AGE_POST = view("9", "Rangi is 6 today 🎂", "2024-03-01 09:00")


BIRTHDAY = ("b", "Rowan is 7 today 🎂", "2024-03-02 17:00")


def birthday_view():
    return view(*BIRTHDAY)
