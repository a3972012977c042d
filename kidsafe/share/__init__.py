"""The parts of the safe share (``kidsafe.safe_share.share`` is the entry point).

images (rebuild from pixels), covers (faces and text), keep (whose face may stay), leftout
(sensitive posts left out), terms / spans / names / ages / hashtags / vague / phrases / wording /
redact (captions), captions (the redact-and-recheck loop), writer (the ZIP), verify / words (the
checks of the copy), outcome (what they left) and report (what changed).
"""
