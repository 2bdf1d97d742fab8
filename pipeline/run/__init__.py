"""The run wing: a batch of inputs -> shards -> part files on an engine -> the run folder.

``shards`` runs one shard of documents into part files; ``runner`` plans shards, resumes and merges;
``engines`` maps shards over a process pool; ``dask_engine`` does the same on Dask; ``processes`` ties the
processes a run starts to its life; ``model_host`` loads a small batch's model in a process beside the run.
"""
