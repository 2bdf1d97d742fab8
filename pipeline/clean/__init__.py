"""The clean wing: :class:`~pipeline.types.RawDoc` -> :class:`~pipeline.types.Article` -> sentences.

``dialect`` names the dump dialect of the text (plain, node lines, markdown, screen dump) and reads a block's
visible text in it, ``blocks`` cuts the text into line groups, ``features`` measures each, ``evidence`` gives
the block model its general evidence, ``clutter`` holds the passes that drop clutter, ``titles`` the passes that find the headline,
``passes`` runs both in the order the signals of ``rules/clutter.toml`` name,
``dates`` reads release times, ``config`` loads both rule files, ``page`` puts them together, ``segment``
splits the kept body into sentences with offsets.
"""
