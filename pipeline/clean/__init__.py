"""The clean wing: :class:`~pipeline.types.RawDoc` -> :class:`~pipeline.types.Article` -> sentences.

``dialect`` names the dump dialect of the text (plain, node lines, markdown, screen dump) and reads a block's
visible text in it, ``blocks`` cuts the text into line groups, ``features`` measures each, ``evidence`` gives
the block model its general evidence; the passes that drop clutter share ``pagestate`` (the page they decide) and
hold one job a module: ``patterns`` (the rules of one block, date lines), ``block_model``, ``lists`` (and link
runs), ``teasers``, ``comments``, ``cards``, ``boxes``, ``captions``, ``repeats``, ``bios``, ``zones`` (around the
title and body), ``dumps`` (a dump's columns and link slugs); ``titles`` holds the passes that find the headline,
``passes`` runs both in the order the signals of ``rules/clutter.toml`` name,
``dates`` reads release times, ``config`` loads both rule files, ``page`` puts them together, ``segment``
splits the kept body into sentences with offsets.
"""
