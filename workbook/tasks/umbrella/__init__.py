"""Task 4, negotiate the umbrella: options, stances, the agreement map, readiness.

Plain DataFrames for notebook 4; no widgets. Modules, each importing only those above it:

* ``options``: the option list of each umbrella parameter (schema defaults, seeded from the
  coalitions' footprints with counts, overridable under [umbrella] in community.toml);
* ``stances``: the stance form built from the options, three ways in with one reader (Excel
  form, web form under a coalition's code, the facilitator live), rounds kept append-only in
  ``umbrella_*`` tables, movement between rounds;
* ``agreement``: the parameter x option x coalition matrix, blocks, the set closest to
  consensus and what each coalition concedes under it, like-minded groups, recording an
  agreed option to the decision log;
* ``readiness``: the self-assessment on Casey's five ingredients, results in bands, and the
  log of opportunity moments;
* ``charter``: the draft charter (.docx) from the decision log and the final stances, with
  "To be decided" wherever the room has not decided.
"""
