"""``python -m kidsafe bench``: a synthetic feed, kidsafe's audit of it per stage, and side-by-side baselines."""
