"""A made-up family and the captions its parent posts over a few years, for the benchmark feed.

Everything here is invented for benchmarking: names, schools, clubs and relatives are made up,
towns are real places with rough coordinates (so that reverse geocoding has work). The
captions vary in length, tone, emoji and hashtags, and about a third leak nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# --- The family ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with a position (degrees)."""

    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Child:
    """One child of the family."""

    name: str
    nickname: str
    born: date
    school: str


@dataclass(frozen=True, slots=True)
class Activity:
    """A weekly club: what, which weekday, what hour, where."""

    what: str
    weekday: int  # 0 = Monday
    hour: int
    venue: Place


@dataclass(frozen=True, slots=True)
class Family:
    """Everything the captions of one made-up account draw on."""

    surname: str
    partner: str
    children: tuple[Child, ...]
    pet: str
    pet_kind: str
    relatives: tuple[str, ...]  # with their kin title: "Granny Maureen"
    friends: tuple[str, ...]  # other people's children
    town: Place
    home: Place
    schools: tuple[Place, ...]
    activities: tuple[Activity, ...]
    outings: tuple[Place, ...]
    holidays: tuple[Place, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        surname="Abernethy", partner="Gareth",
        children=(Child("Imogen", "Immy", date(2016, 4, 23), "Fellside Primary School"),
                  Child("Rafferty", "Raff", date(2019, 11, 2), "Fellside Primary School"),
                  Child("Wren", "Wrenny", date(2022, 7, 9), "Little Acorns Nursery")),
        pet="Biscuit", pet_kind="dog",
        relatives=("Granny Maureen", "Grandpa Clive", "Auntie Bex", "Uncle Dev"),
        friends=("Saoirse", "Hamish", "Priya", "Ezra"),
        town=Place("Kendal", 54.3280, -2.7460),
        home=Place("home", 54.3312, -2.7391),
        schools=(Place("Fellside Primary School", 54.3251, -2.7502),
                 Place("Little Acorns Nursery", 54.3333, -2.7448)),
        activities=(Activity("swimming", 1, 17, Place("Kendal Leisure Centre", 54.3209, -2.7378)),
                    Activity("ballet", 5, 9, Place("Castle Street Studio", 54.3299, -2.7420)),
                    Activity("football", 6, 10, Place("Netherfield Fields", 54.3190, -2.7310))),
        outings=(Place("Windermere", 54.3807, -2.9068), Place("Lancaster", 54.0466, -2.8007),
                 Place("Sizergh Castle", 54.2810, -2.7660)),
        holidays=(Place("Tenby", 51.6727, -4.7036), Place("Padstow", 50.5420, -4.9390),
                  Place("Lisbon", 38.7223, -9.1393)),
    ),
    Family(
        surname="Varga", partner="Tamsin",
        children=(Child("Beatrix", "Bea", date(2017, 2, 14), "St Columba's Primary School"),
                  Child("Oskar", "Ozzy", date(2020, 8, 30), "St Columba's Primary School")),
        pet="Pickle", pet_kind="cat",
        relatives=("Nonna Lucia", "Grandad Pete", "Aunty Mel"),
        friends=("Juniper", "Dara", "Anouk"),
        town=Place("Stroud", 51.7450, -2.2170),
        home=Place("home", 51.7482, -2.2233),
        schools=(Place("St Columba's Primary School", 51.7431, -2.2105),),
        activities=(Activity("gymnastics", 2, 16, Place("Five Valleys Gym", 51.7405, -2.2051)),
                    Activity("piano", 3, 18, Place("Rowcroft Music Rooms", 51.7461, -2.2166)),
                    Activity("rugby", 6, 9, Place("Fromehall Park", 51.7380, -2.2290))),
        outings=(Place("Cirencester", 51.7190, -1.9680), Place("Gloucester", 51.8642, -2.2382),
                 Place("Slimbridge", 51.7410, -2.4050)),
        holidays=(Place("St Ives", 50.2110, -5.4800), Place("Bordeaux", 44.8378, -0.5792)),
    ),
    Family(
        surname="Okonjo-Reid", partner="Marcus",
        children=(Child("Amara", "Mara", date(2015, 9, 5), "Riverbend Elementary School"),
                  Child("Tobias", "Toby", date(2018, 3, 17), "Riverbend Elementary School"),
                  Child("Nell", "Nelly", date(2021, 12, 1), "Sprouts Daycare")),
        pet="Waffles", pet_kind="dog",
        relatives=("Grandma Yvonne", "Papa Lionel", "Aunt Cecile", "Uncle Ray"),
        friends=("Kenji", "Marisol", "Otto", "Delphine"),
        town=Place("Guelph", 43.5448, -80.2482),
        home=Place("home", 43.5502, -80.2611),
        schools=(Place("Riverbend Elementary School", 43.5421, -80.2550),
                 Place("Sprouts Daycare", 43.5510, -80.2480)),
        activities=(Activity("hockey", 5, 8, Place("Exhibition Park Arena", 43.5560, -80.2600)),
                    Activity("karate", 0, 18, Place("Gordon Street Dojo", 43.5350, -80.2350)),
                    Activity("swimming", 3, 17, Place("Victoria Road Pool", 43.5580, -80.2330))),
        outings=(Place("Kitchener", 43.4516, -80.4925), Place("Elora", 43.6850, -80.4310),
                 Place("Toronto", 43.6532, -79.3832)),
        holidays=(Place("Tobermory", 45.2550, -81.6640), Place("Quebec City", 46.8139, -71.2080)),
    ),
)

# --- Words the captions are built from --------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HAPPY = ("😍", "❤️", "🥰", "😂", "🙌", "✨", "💛", "😊", "🌈", "👏")
TIRED = ("😴", "🙃", "😩", "☕️", "🫠", "😅")
FOOD = ("pancakes", "spag bol", "fish and chips", "homemade pizza", "banana bread", "tacos", "a roast dinner",
        "ice lollies", "crumpets", "a picnic")
WEATHER = ("in the drizzle", "in glorious sunshine", "in the wind", "before the rain came", "on a frosty morning",
           "in the heat")
GENERIC_TAGS = ("#familytime", "#momlife", "#parenting", "#weekendvibes", "#makingmemories", "#siblings",
                "#outdoorkids", "#rainydays", "#toddlerlife", "#sundayfunday", "#blessed", "#nofilter")
FILLER = (
    "Not a bad way to spend the afternoon.", "Who knew mud could be so exciting?", "Zero regrets.",
    "Someone needs a nap and it's probably me.", "Core memory unlocked.", "The house is a bomb site but worth it.",
    "Managed one photo before it all went wrong.", "Back to reality tomorrow.", "10/10 would do again.",
    "Snacks demolished in record time.", "Proud doesn't even cover it.", "",
)

PLAIN_SIGNS = (("NO BALL GAMES",), ("FRESH BREAD", "OPEN 7 DAYS"), ("PLEASE SHUT THE GATE",),
               ("FARM SHOP", "EGGS HONEY JAM"), ("CAR PARK", "PAY AND DISPLAY"))
"""Text in photos that leaks nothing (OCR still has to read it)."""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _age(child: Child, on: date) -> int:
    return on.year - child.born.year - ((on.month, on.day) < (child.born.month, child.born.day))


# --- Posts -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedPost:
    """One post to write: its caption, when the photo was taken and posted, where, and any sign text."""

    id: str
    caption: str
    taken: datetime
    posted: datetime
    gps: Place | None
    sign: tuple[str, ...] = ()  # lines of text shown in the photo (a sign, banner or certificate)


class CaptionWriter:
    """Writes a family's posts in date order from a seeded random generator."""

    def __init__(self, family: Family, rng: random.Random) -> None:
        """Start writing posts for ``family``."""
        self.f = family
        self.rng = rng

    def pick(self, seq):  # type: ignore[no-untyped-def]
        """One random element."""
        return self.rng.choice(seq)

    def kid(self, on: date) -> Child:
        """A child already born on that date."""
        born = [c for c in self.f.children if c.born <= on]
        return self.pick(born or self.f.children)

    def called(self, child: Child) -> str:
        """The child's name as a parent writes it (mostly the name, sometimes the nickname)."""
        return child.nickname if self.rng.random() < 0.3 else child.name

    def tail(self) -> str:
        """Emoji and hashtags at the end of a caption (sometimes none)."""
        bits = [self.pick(HAPPY)] if self.rng.random() < 0.7 else []
        if self.rng.random() < 0.5:
            bits += self.rng.sample(GENERIC_TAGS, self.rng.randint(1, 3))
        return " ".join(bits)

    def write(self, pid: str, when: datetime) -> PlannedPost:
        """One post taken at ``when``: a birthday, school, club, outing, relative, pet, sensitive or plain one."""
        kinds = ("birthday", "school", "activity", "outing", "relative", "pet", "sensitive", "plain", "holiday")
        weights = (4, 10, 16, 12, 8, 8, 5, 30, 7)
        kind = self.rng.choices(kinds, weights)[0]
        text, gps, sign, when = getattr(self, f"_{kind}")(when)
        text = " ".join(p for p in (text, self.pick(FILLER) if self.rng.random() < 0.4 else "", self.tail()) if p)
        posted = when + timedelta(minutes=self.rng.randint(5, 60 * 30))
        return PlannedPost(pid, text.strip(), when, posted, gps, sign)

    def _near(self, place: Place, metres: float = 60) -> Place:
        jitter = metres / 111_000
        return Place(place.name, place.lat + self.rng.uniform(-jitter, jitter),
                     place.lon + self.rng.uniform(-jitter, jitter))

    def _birthday(self, when: datetime):  # type: ignore[no-untyped-def]
        child = self.kid(when.date())
        day = child.born.replace(year=when.year)
        when = datetime.combine(day, when.time())
        n = max(1, _age(child, day))
        name = self.called(child)
        text = self.pick((
            f"Happy {_ordinal(n)} birthday to our gorgeous {name}! 🎂 How are you {n} already?!",
            f"{name} is {n} today!!! 🎉 Party, cake, sugar crash. In that order.",
            f"{n} years of {child.name}. Best thing that ever happened to us. Happy birthday baby girl 🎈"
            if self.rng.random() < 0.5 else f"Birthday boy {name} turned {n} today 🦖🎂",
            f"Can't believe my little {name} turns {n} today. Where did the time go 😭",
            f"Happy birthday {name}! {n} candles and he still blew them all out in one go 🕯️",
        ))
        sign = (f"HAPPY {_ordinal(n).upper()} BIRTHDAY", child.name.upper()) if self.rng.random() < 0.45 else ()
        return text, self._near(self.f.home, 25), sign, when

    def _school(self, when: datetime):  # type: ignore[no-untyped-def]
        child = self.kid(when.date())
        when = when.replace(hour=8, minute=self.rng.randint(20, 55))
        school = next((s for s in self.f.schools if s.name == child.school), self.f.schools[0])
        name = self.called(child)
        short = child.school.split(" ")[0]
        text = self.pick((
            f"First day at {child.school} for {name} 🎒 didn't even look back!",
            f"{name} got star of the week at {short} today ⭐ so proud of this one",
            f"Back to school! {name} is in year {max(1, _age(child, when.date()) - 4)} now, how??",
            f"World Book Day at {child.school} 📚 {name} went as a very grumpy dragon",
            f"Sports day at {short}. {name} came second in the egg and spoon and is still furious 😂",
            f"School photos came back and {name} has pulled THE face again",
            "Back to school today and the house is so quiet. Too quiet.",
        ))
        sign: tuple[str, ...] = ()
        roll = self.rng.random()
        if roll < 0.22:
            sign = (child.school.upper(),)
        elif roll < 0.34:
            sign = ("CERTIFICATE OF ACHIEVEMENT", f"awarded to {child.name}", child.school)
        return text, self._near(school, 40), sign, when

    def _activity(self, when: datetime):  # type: ignore[no-untyped-def]
        act = self.pick(self.f.activities)
        child = self.kid(when.date())
        day = when.date() + timedelta(days=(act.weekday - when.weekday()) % 7)
        when = datetime.combine(day, when.time()).replace(hour=act.hour, minute=self.rng.randint(0, 40))
        name = self.called(child)
        weekday = WEEKDAYS[act.weekday]
        text = self.pick((
            f"{act.what.capitalize()} with {name} every {weekday} at {act.hour % 12 or 12}"
            f"{'am' if act.hour < 12 else 'pm'} at {act.venue.name}, never misses it",
            f"{weekday} means {act.what} 💪 {name} moved up a group today!",
            f"Proud mama moment: {name} smashed it at {act.what} tonight",
            f"{name}'s first {act.what} badge! All those {weekday}s paid off",
            f"Freezing on the sidelines at {act.venue.name} again. {name} loved every minute of {act.what}.",
            f"{act.what.capitalize()} {weekday.lower()} {self.pick(TIRED)}",
        ))
        sign = (act.venue.name.upper(),) if self.rng.random() < 0.12 else ()
        return text, self._near(act.venue, 50), sign, when

    def _outing(self, when: datetime):  # type: ignore[no-untyped-def]
        place = self.pick(self.f.outings + (self.f.town,))
        child = self.kid(when.date())
        name = self.called(child)
        text = self.pick((
            f"Day out in {place.name} {self.pick(WEATHER)} {self.pick(HAPPY)}",
            f"{name} and {self.pick(self.f.friends)} at the park in {self.f.town.name}, best friends since nursery",
            f"Lunch in {place.name} then {self.pick(FOOD)} for tea. {name} approved.",
            f"Exploring {place.name} today. Legs tired, hearts full.",
            f"Took {name} and their bestie {self.pick(self.f.friends)} for {self.pick(FOOD)}",
            f"Market morning in {self.f.town.name} 🥕 #{self.f.town.name.lower()}",
        ))
        sign = (f"WELCOME TO {place.name.upper()}",) if self.rng.random() < 0.06 else ()
        return text, self._near(place, 400), sign, when

    def _relative(self, when: datetime):  # type: ignore[no-untyped-def]
        rel = self.pick(self.f.relatives)
        child = self.kid(when.date())
        name = self.called(child)
        text = self.pick((
            f"Sunday dinner at {rel}'s. {self.pick(FOOD).capitalize()} and far too much pudding",
            f"{name} helping {rel} in the garden 🌱 (mostly eating the strawberries)",
            f"Sleepover at {rel}'s tonight, {name} has packed 14 teddies",
            f"{rel} taught {name} to play cards and now we can't stop them",
        ))
        return text, self._near(self.f.home, 3000), (), when

    def _pet(self, when: datetime):  # type: ignore[no-untyped-def]
        child = self.kid(when.date())
        pet = self.f.pet
        text = self.pick((
            f"{pet} the {self.f.pet_kind} has claimed the sofa again 🐾",
            f"{self.called(child)} reading bedtime stories to {pet} 🥹",
            f"Happy birthday {pet}! Best {self.f.pet_kind} in the world #{self.f.pet_kind}sofinstagram",
            f"Walkies with {pet} before school, the only calm 10 minutes of the day",
        ))
        return text, self._near(self.f.home, 200), (), when

    def _sensitive(self, when: datetime):  # type: ignore[no-untyped-def]
        child = self.kid(when.date())
        name = self.called(child)
        text = self.pick((
            f"Bath time chaos with {name} 🛁 more water on the floor than in the tub",
            f"Poorly {name} today 🤒 lots of cuddles and Calpol",
            f"Potty training day 3. {name} 1, mum 0 🚽",
            f"Epic tantrum in the supermarket because {name} couldn't carry the eggs",
        ))
        return text, self._near(self.f.home, 20), (), when.replace(hour=self.rng.choice((7, 18, 19)))

    def _plain(self, when: datetime):  # type: ignore[no-untyped-def]
        text = self.pick((
            f"Rainy day baking. {self.pick(FOOD).capitalize()} attempt number two",
            "Lego everywhere. Send help.",
            "Autumn walk, crunchy leaves, muddy wellies 🍂",
            "Movie night with the whole gang 🍿",
            f"Lazy {self.pick(WEEKDAYS)} {self.pick(HAPPY)}",
            "Tried a new recipe and everyone ate it. Framing this moment.",
            "Garden finally looking like a garden 🌻",
            "Crafting session = glitter in places glitter should never be",
            "Sunset from the back step tonight",
            "",
        ))
        sign = self.pick(PLAIN_SIGNS) if self.rng.random() < 0.12 else ()
        return text, self._near(self.f.home, 30) if self.rng.random() < 0.8 else None, sign, when

    def _holiday(self, when: datetime):  # type: ignore[no-untyped-def]
        place = self.pick(self.f.holidays)
        name = self.called(self.kid(when.date()))
        text = self.pick((
            f"Holiday mode in {place.name} 🌊 {name} has found every rock pool",
            f"A week in {place.name}. Sandcastles, gelato and no sleep",
            f"{name} trying {self.pick(FOOD)} in {place.name} #holiday",
        ))
        return text, self._near(place, 800), (), when


def plan_posts(n: int, seed: int = 0, start: date = date(2021, 1, 4)) -> tuple[Family, list[PlannedPost]]:
    """``n`` posts of one made-up family (picked by ``seed``), about one every 1.6 days, in date order."""
    rng = random.Random(seed)
    family = FAMILIES[seed % len(FAMILIES)]
    writer = CaptionWriter(family, rng)
    posts = []
    moment = datetime.combine(start, datetime.min.time()).replace(hour=9)
    for i in range(n):
        moment += timedelta(hours=rng.randint(12, 62), minutes=rng.randint(0, 59))
        taken = moment.replace(hour=rng.randint(8, 19), minute=rng.randint(0, 59), second=rng.randint(0, 59))
        posts.append(writer.write(str(i + 1), taken))
    return family, posts
