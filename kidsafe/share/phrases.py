"""Who one caption has named so far, so two different people never become the same words.

"Maisie and Rosa have been besties" about two daughters must not read "my daughter and my
daughter": the second becomes "her sister". A second friend is "another friend"; a friend after
a child is named is "her friend"; a second dog is "our other dog".
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRONOUNS = {"daughter": "her", "son": "his"}
SIBLINGS = {"daughter": "sister", "son": "brother"}


@dataclass
class Phrasebook:
    """The people one caption names, in reading order, and the words each was given."""

    children: dict[str, tuple[str, str]] = field(default_factory=dict)  # who -> (noun, owner form)
    friends: list[str] = field(default_factory=list)
    strangers: list[str] = field(default_factory=list)
    pets: dict[str, str] = field(default_factory=dict)  # name -> noun said
    parents: list[str] = field(default_factory=list)

    def child(self, who: str, noun: str) -> tuple[str, str]:
        """(bare noun, phrase with its owner) for a child: ("daughter", "my daughter") the first time.

        A second child of the same noun is ("other daughter", "her sister"): "our other daughter"
        after a possessive, else the sister of the first child named.
        """
        if who in self.children:
            return self.children[who]
        same = [n for n, _ in self.children.values() if n.split()[-1] == noun]
        if not same:
            said = (noun, f"my {noun}")
        else:
            first_noun = next(iter(self.children.values()))[0].split()[-1]
            bare = ("other " if len(same) == 1 else "third ") + noun
            sibling = ("" if len(same) == 1 else "other ") + SIBLINGS.get(noun, "sibling")
            said = (bare, f"{PRONOUNS.get(first_noun, 'their')} {sibling}")
        self.children[who] = said
        return said

    @property
    def last_pronoun(self) -> str | None:
        """"her" or "his" (or "their") of the last child named, None before any."""
        if not self.children:
            return None
        return PRONOUNS.get(list(self.children.values())[-1][0].split()[-1], "their")

    def friend(self, key: str) -> str:
        """"her friend" after a child was named, else "a friend"; "another friend" for a second one."""
        if key not in self.friends:
            self.friends.append(key)
        if self.friends.index(key) > 0:
            return "another friend"
        pronoun = self.last_pronoun
        return f"{pronoun} friend" if pronoun else "a friend"

    def stranger(self, key: str) -> str:
        """"someone" for a name the dossier did not place; "someone else" for a second one."""
        if key not in self.strangers:
            self.strangers.append(key)
        return "someone" if self.strangers.index(key) == 0 else "someone else"

    def pet(self, key: str, noun: str) -> str:
        """The pet's noun ("dog"), or "other dog" for a second pet of the same kind."""
        if key not in self.pets:
            same = sum(1 for n in self.pets.values() if n.split()[-1] == noun)
            self.pets[key] = ("other " if same else "") + noun
        return self.pets[key]

    def parent(self, key: str) -> str:
        """"partner" for the first parent named, "other parent" for a second one (said after "my")."""
        if key not in self.parents:
            self.parents.append(key)
        return "partner" if self.parents.index(key) == 0 else "other parent"
