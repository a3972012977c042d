"""The parts of the safe share (``kidsafe.safe_share.share`` is the entry point).

images (rebuild from pixels), covers (faces and text), terms / redact / hashtags / vague
(captions), captions (the redact-and-recheck loop), keep (whose face may stay), writer (the
ZIP), verify (the checks of the output) and report (what changed).
"""
