"""The wide net: words shaped like a name, a place, a school, a postcode, an initial, an age or a time, found in
a text without the dossier.

The engine's detectors build the dossier from what the whole feed says; the safe share must not depend on
that dossier being complete (a name the engine missed is still a name a stranger reads). So it also casts
this net over every caption and over the copy it writes. Detection lives here, on the engine's floor, with
the gazetteer, the name counts and the word ranks it reads; ``kidsafe.share`` only calls it and rewrites
what it returns. Every finder takes plain text (and the folded words the caller already knows about) and
returns character offsets, so nothing here knows of the share's spans or vocabulary.
"""
