"""Task 3, results: the North Star, shared indicators, turn-the-curve, performance measures.

Results-Based Accountability keeps two kinds of accountability apart, and so do these
modules: population accountability (one result for the whole population, tracked by a
few shared indicators: ``northstar``, ``forecast``, ``curve``) and performance
accountability (shared strategies, tracked by performance measures: ``performance``).
The charts are in ``workbook.results_figures``, the alignment workbook and the PNG/SVG
handouts in ``workbook.alignment_export`` (the floors above).

What the room *decides* (the North Star's wording, each shared indicator with its
baseline and target) goes to the one decision log (``workbook.decisions``). What the
room *writes down and keeps revising* (the four turn-the-curve prompts, performance
measures and their figures) goes to ``journal``, an append-only table of its own:
those are working notes, revised many times a meeting, not decisions to review after
a reload, and the log has no subject kind for a prompt or a measure.

Plain DataFrames and dataclasses only; no widgets.
"""
