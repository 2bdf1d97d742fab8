"""The outputs wing: the run folder's files and everything that reads them back.

``writers`` writes CSV/JSONL/Parquet atomically; ``report`` renders report.html; ``review`` carries
reviewers' decisions; ``diff`` compares two runs; ``evaluate`` scores a run against gold rows.
"""
