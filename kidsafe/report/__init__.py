"""The report: the stranger's dossier told to a parent, above the engine.

Summaries and the JSON contract (``summary``, ``dossier_json``), plain words (``plain``), the cards and
reveal (``narrative``, ``presenter``), risk (``risk``), where and when (``wherewhen``), who is in the
pictures (``pictures``), the leaking words (``leaks``), the fixes (``fixes``, ``fixgroups``) and the
advice and handouts (``advice``, ``handout``, ``takehome``). It reads the dossier and the kind registry
(``kidsafe.kinds``); nothing here detects a fact again.
"""
