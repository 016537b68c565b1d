"""Statistics read from the networks, their series and aggregates, dashboards, the weekly
report. Collection: :mod:`.reading` (one small reader per network behind ``read_stats``),
:mod:`.collect` (storing, incremental, honest gaps), :mod:`.aggregate` (weekly and
per-ministry tables the pages read)."""
