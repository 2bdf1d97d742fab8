"""The outputs wing: the run folder's files and everything that reads them back.

``contract`` owns the columns and row shapes of every output file; ``writers`` writes CSV/JSONL/Parquet
atomically; ``reader`` reads a run folder back; ``review`` carries reviewers' decisions onto a run's claim
rows; ``report`` renders report.html; ``xlsx`` writes claims.xlsx and spreadsheet CSVs; ``diff`` compares two
runs; ``evaluate`` scores a run against gold rows.
"""
