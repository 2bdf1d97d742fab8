"""The ingest wing: files and records -> :class:`~pipeline.types.RawDoc`.

``listing`` finds input files and reads each into documents; ``decode`` turns bytes into text;
``records`` reads JSON Lines/JSON crawler records; ``html`` extracts the article text of markup;
``warc`` reads WARC/WET records.
"""
