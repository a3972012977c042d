"""The parts of the safe share (``kidsafe.share.export.share`` is the entry point).

images (rebuild from pixels), covers (faces and text), keep (whose face may stay), leftout
(sensitive posts left out), terms / spans / names / hashtags / phrases / wording / redact (captions),
captions (the redact-and-recheck loop), writer (the ZIP), verify / words / second_look / lowercase (the
checks of the copy), outcome (what they left) and report (what changed). What is found in a text without
the dossier (names, places, schools, postcodes, initials, ages, times) comes from the engine's wide net,
``kidsafe.engine.net``; these modules only call it and rewrite what it returns.
"""
