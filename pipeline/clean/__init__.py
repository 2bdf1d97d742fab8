"""The clean wing: :class:`~pipeline.types.RawDoc` -> :class:`~pipeline.types.Article` -> sentences.

``blocks`` cuts the text into line groups, ``features`` measures each, ``clutter`` runs the clutter passes
named by ``rules/clutter.toml``, ``dates`` reads release times, ``config`` loads both rule files, ``page``
puts them together, ``segment`` splits the kept body into sentences with offsets.
"""
