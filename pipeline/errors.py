"""Named exceptions and the catalogue of numbered messages."""
from __future__ import annotations


class Errors:
    """Numbered messages, formatted with ``str.format``; numbers are never reused."""

    E001 = "[E001] {file}: not valid TOML: {reason}"
    E002 = "[E002] {file}: rule {rule}: unknown field '{field}' (allowed: {allowed})"
    E003 = "[E003] {file}: rule {rule}: duplicate id"
    E004 = "[E004] {file}: rule {rule}: invalid pattern in '{field}': {reason}"
    E005 = "[E005] {file}: rule {rule}: missing required field '{field}'"
    E006 = "[E006] {file}: rule {rule}: field '{field}' must be {expected}"
    E007 = "[E007] {file}: rules file not found"
    E008 = "[E008] {file}: rule {rule}: example does not match its own pattern: {example!r}"
    E009 = "[E009] {file}: rule {rule}: {field} entry {n}: {reason}"
    E010 = "[E010] spaCy model '{model}' is not installed; install the project (pip install .) to get it"
    E020 = "[E020] input not found: {path}"
    E021 = "[E021] unknown rule id(s) to disable: {ids}"
    E022 = "[E022] unknown record field role(s) in --field: {roles} (allowed: {allowed})"
    E030 = "[E030] output folder {path} is not writable: {reason}"
    E040 = "[E040] the dask engine needs the extra: pip install 'newsclaims[dask]'"
    E041 = "[E041] cannot reach the dask scheduler at {address}: {reason}"
    E042 = "[E042] dask could not finish shard {shard}: {reason}"
    E043 = "[E043] worker processes kept dying on shard {shards}; its files are recorded as errors (--resume tries it again)"
    E044 = "[E044] the worker process died on every try while processing this file's shard"
    E220 = "[E220] --scheduler-file {path}: cannot read a dask scheduler address there: {reason}"
    E221 = "[E221] give either --scheduler or --scheduler-file, not both"
    E222 = ("[E222] --out {out}: the run folder must be a local path (it is locked and committed by renames, "
            "which URL file systems do not offer); inputs may be URLs")
    E223 = "[E223] input {url}: {reason}"
    E170 = ("[E170] {out} is not empty and is not a run folder; choose a new or empty folder, or use --force-out"
            " to write the run's files into it (its other files are left alone)")
    E171 = "[E171] another run is working in {out}; wait for it to finish or choose another --out"
    E172 = "[E172] input {input} lies inside the output folder {out}; a run never writes over its inputs"
    E174 = ("[E174] {own} holds review decisions typed since the last run that --review {given} does not have; "
            "run with --review {own} (or copy them into {given}) so that this run does not write over them")
    E176 = ("[E176] {older} and {newer} both hold review decisions typed since the last run, and {newer} lacks some "
            "of {older}'s; copy them into one of the two and run with --review that file, so that none is lost")
    E175 = "[E175] --published takes an ISO 8601 date (2005-03-01, 2005-03-01T09:30:00+00:00), not {value!r}"
    E173 = "[E173] --shard-mb must be a positive number of megabytes, not {value}"
    E100 = "[E100] {file}: rule {rule}: signal '{signal}' has no pass (known signals: {known})"
    E101 = ("[E101] {file}: no rule carries signal '{signal}', so its pass cannot run (to switch the pass off, "
            "keep its rule with enabled = false or use --disable)")
    E102 = "[E102] {file}: rules {first} and {second} both carry signal '{signal}' (one rule per signal)"
    E103 = "[E103] {file}: rule {rule}: pattern lacks the named group(s) {groups} a {what} rule needs"
    E104 = "[E104] {file}: no rule has clock = true (the time-of-day rule; switch it off with enabled = false)"
    E060 = "[E060] {path}: no claims.csv there (not a run folder?)"
    E061 = "[E061] {path}: not a claims file: missing column(s) {columns}"
    E062 = "[E062] {path}: cannot read CSV: {reason}"
    E063 = "[E063] {path}: no {name} there (not a run folder?)"
    E190 = "[E190] {path}: cannot read this claims table: {reason}"
    E191 = "[E191] no input: {what}"
    E192 = "[E192] {path}: no record #{number} there ({count} records)"
    E193 = "[E193] {file}: [meta] disable names rule {rule}, which neither this file nor the built-in file has"
    E110 = (
        "[E110] {file}: rule {rule}: a non-claim rule needs either 'pattern' (checked while quantities are"
        " found) or 'before'/'after'/'clause' (checked on the quantities found), not both or neither"
    )
    E120 = "[E120] {source}: cannot take the document through the stages: {reason}"
    E121 = "[E121] extract_many: {texts} texts but {sources} sources; give one source per text"
    E122 = "[E122] extract_many takes a list of texts, not one string (for one text use extract)"
    E130 = ("[E130] {name}: refusing to {verb} the pinned {figure} ({old} -> {new}); "
            "pass --allow-lower to accept a worse figure")
    E131 = "[E131] {path}: not a quality baseline file: {reason}"
    E132 = "[E132] {name}: its data is not here: {path}"
    E133 = ("[E133] {name}: the data measured has changed (sha256 {pinned:.12}... pinned, {now:.12}... now); "
            "check its figures, then re-pin them: python benchmarks/baseline.py --update --only {name}")
    E134 = "[E134] {name}: {figure} = {value} is below its floor {floor}"
    E135 = "[E135] {name}: {figure} = {value} is above its ceiling {ceiling}"
    E136 = "[E136] {name}: {figure} is pinned but was not measured"
    E137 = "[E137] unknown measurement(s): {names} (known: {known})"
    E230 = "[E230] {file}: rule {rule}: its pattern ran over the per-regex time bound of {seconds:g} s on this document"
    E295 = ("[E295] {path} was not made by a run and a run writes its {what} there; move it out of {out} "
            "(nothing was changed) or choose another --out")
    E296 = ("[E296] {path} was not made by a run and this run writes a file of that name; the earlier outputs are "
            "unchanged and the finished shards kept: move it out of {folder} and run again with --resume")
    E310 = "[E310] the merge of the part files was stopped before its last shard; no output was committed"
    E311 = ("[E311] the process pool's manager thread had not ended {seconds:g} s after its workers were stopped; "
            "the process may not exit before it does")
    E312 = "[E312] the writer of {name} had not ended {seconds:g} s after the merge was stopped; it is left behind"
    E320 = "[E320] {file}: rule {rule}: {reason}"
    E321 = ("[E321] {file}: rule {rule}: field '{field}' names the word list '{{{name}}}', which no 'words' rule "
            "of claims.toml defines (defined: {known})")
    E330 = ("[E330] {file}: rule {rule}: field '{field}' names the word list '{{{name}}}', which no 'words' rule "
            "defines (defined: {known})")


class NewsclaimsError(Exception):
    """Base class of every error newsclaims raises on purpose."""


class RulesError(NewsclaimsError):
    """A rules file is broken: raised before any document is processed."""


class ModelError(NewsclaimsError):
    """The spaCy model is missing or unusable."""


class UsageError(NewsclaimsError):
    """Bad command-line usage or bad input paths."""


class DocumentError(NewsclaimsError):
    """One document cannot be processed; it is recorded with status ``error``."""


class RuleTimeout(DocumentError):
    """A rule's pattern ran over the per-regex time bound (``rules.REGEX_TIMEOUT``) on one document (E230)."""
