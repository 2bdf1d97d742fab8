"""``report.html``: a self-contained, offline review page of a run folder.

The index lists every document with its status, then every claim in a claims explorer: search and
filters (kind, unit, rule, direction, empty metric or subject, review state, text), pages of
:data:`EXPLORER_PAGE_ROWS` rows, each claim with its sentence, its decision and accept / reject /
corrected buttons. The buttons build a review file (CSV, claims.csv columns) the reviewer downloads and
gives to ``newsclaims run --review``; decisions made in the page are kept in the browser's storage.
Each article shows its blocks in page order: body text with claims highlighted (hover shows value and range end,
unit, bound, kind, direction, metric, subject, period, rule and decision; click selects the claim's row), dropped
blocks greyed with the rule that dropped them, previous / next links between documents, and a claims
table whose rows jump to their highlight. Small runs get one page; large runs get pages of up to
``DOCS_PER_FILE`` documents under ``report/`` and a documents index split into pages, so the number of
files stays a small fraction of the number of documents and the report stays usable at 10,000 documents.

Everything read from the run folder is treated as hostile: all text is HTML-escaped (or JSON-escaped
data the script only ever puts in as text), nothing is ever turned into a link, and a
Content-Security-Policy lets only the page's own style and script run.
"""
from __future__ import annotations

import base64
import bisect
import contextlib
import hashlib
import html
import json
import logging
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from ..types import BODY_KINDS
from .contract import REVIEW_COLUMNS, REVIEW_STATES
from .reader import (
    CLAIMS_FILE, CLUTTER_FILE, IndexedCsv, read_articles, read_documents, read_manifest, read_optional, shown,
    shown_row,
)
from .writers import atomic_open

log = logging.getLogger(__name__)

REPORT_FILE = "report.html"
REPORT_DIR = "report"
#: Beside the pages of a large run: for each page file, a digest of what it was made from and the sha256 of
#: the file, so a later report over mostly the same documents re-renders only the pages that changed.
DIGESTS_FILE = ".pages.json"
#: Runs up to this many documents (and characters) get a single page; larger ones a page per document.
MAX_INLINE_DOCS = 20
MAX_INLINE_CHARS = 500_000
#: Claims shown at once in the claims explorer (the rest are a page away).
EXPLORER_PAGE_ROWS = 100
#: Columns of a claim in the explorer's data (and of the review file it downloads, in this order).
EXPLORER_KEYS = ("claim_id", "doc_id", "source", "paragraph", "sentence", "quantity", "value", "value_max", "unit",
                 "bound", "kind", "direction", "metric", "subject", "period", "start", "end", "rule", *REVIEW_COLUMNS)
#: Rows per page of the documents index.
INDEX_PAGE_ROWS = 1000
#: Documents per page of a large run, and characters of text a page gathers at most (a longer document
#: gets a page of its own): the report's file count grows with documents / DOCS_PER_FILE, not documents.
DOCS_PER_FILE = 100
CHARS_PER_FILE = 5_000_000
#: What one document shows at most (a browser page must stay usable); everything is in the run's files.
MAX_DOC_CHARS = 1_000_000
MAX_DOC_CLAIMS = 5000
DOC_COLUMNS = ("source", "status", "title", "published", "chars", "kept_blocks", "dropped_blocks", "claims", "error")
#: A claim's fields shown as cells of the claims explorer and of each document's claims table, in this order: a
#: range's high end (``value_max``) beside its low end, the way a change went (``direction``) beside its kind.
CLAIM_FIELDS = ("quantity", "value", "value_max", "unit", "bound", "kind", "direction", "metric", "subject", "period")
CLAIM_CELLS = (*CLAIM_FIELDS, "rule", "paragraph")
DETAIL_FIELDS = (*CLAIM_FIELDS[1:], "rule")

Key = tuple[str, str]
#: Renders document ``index`` of a page with its navigation HTML.
Section = Callable[[int, str], str]

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:96em;padding:1em;color:#222}
table{border-collapse:collapse;font-size:13px;margin:.5em 0}
th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}
.st-error td.status{color:#b00;font-weight:bold}.st-empty td.status{color:#a60}
section.doc{border-top:3px solid #888;margin-top:2em}
.meta{color:#555;font-size:13px}
.blk{white-space:pre-wrap;margin:.6em 0;overflow-wrap:anywhere;max-width:60em}
.blk.heading{font-weight:bold;font-size:1.1em}
.blk.drop,.blk.aside{color:#999;background:#f6f6f6;border-left:3px solid #ddd;padding-left:.5em}
.blk.drop .text,.blk.aside .text{font-size:13px}
.tag{display:inline-block;font:11px monospace;color:#666;background:#e8e8e8;border-radius:3px;padding:0 4px;
margin-right:.5em;white-space:nowrap}
mark.c{background:#ffe27a;cursor:pointer;border-bottom:2px solid #d9a400}
mark.c.multi{background:#ffc46b}
mark.c.sel,tr.sel{outline:2px solid #1a6fd1;background:#cfe3ff}
tr.unplaced td{color:#b00}
#detail{position:fixed;right:1em;bottom:1em;max-width:28em;background:#fff;border:1px solid #888;
box-shadow:0 2px 8px #0003;padding:.5em;font-size:13px;display:none;white-space:pre-wrap}
nav a{margin-right:.7em}
.scroll{overflow-x:auto}
#explorer .controls{display:flex;flex-wrap:wrap;gap:.4em .8em;align-items:center;font-size:13px;margin:.5em 0}
#explorer td.sentence{min-width:24em;max-width:40em}
#explorer td.rule{font-size:11px;min-width:16em;max-width:20em;color:#555}
#explorer td.actions{min-width:12em}#explorer td.source{max-width:12em;overflow-wrap:anywhere}
#explorer td.sentence mark{background:#ffe27a}
#explorer tr.st-accepted td.decision{background:#dff5dd}#explorer tr.st-rejected td.decision{background:#fbdcdc}
#explorer tr.st-corrected td.decision{background:#fff1c9}
#explorer button{font-size:12px;margin:1px}#explorer button.on{outline:2px solid #1a6fd1}
#explorer input.note{width:10em;font-size:12px}
.pager{font-size:13px}
.anchor{scroll-margin-top:30vh}
.anchor:target+mark.c,.anchor:target+.anchor+mark.c{outline:3px solid #1a6fd1;background:#cfe3ff}
"""

JS = r"""
(function(){
document.documentElement.setAttribute('data-script','ready');
var detail=document.getElementById('detail');
function pick(mark){
  document.querySelectorAll('.sel').forEach(function(e){e.classList.remove('sel');});
  mark.classList.add('sel');
  var ids=(mark.getAttribute('data-claims')||'').split(' ');
  var sec=mark.closest('section')||document;var rows=sec.querySelectorAll('tr[data-claim-id]');
  rows.forEach(function(r){if(ids.indexOf(r.getAttribute('data-claim-id'))>=0){r.classList.add('sel');}});
  if(detail){detail.textContent=mark.getAttribute('title')||'';detail.style.display='block';}
}
document.addEventListener('click',function(ev){
  var m=ev.target.closest?ev.target.closest('mark.c'):null;
  if(m){pick(m);}else if(detail&&!ev.target.closest('#detail')){detail.style.display='none';}
});
document.addEventListener('keydown',function(ev){
  if(ev.key==='Enter'&&ev.target.matches&&ev.target.matches('mark.c')){pick(ev.target);}
});
var f=document.getElementById('filter'),s=document.getElementById('status');
function filt(){
  var q=f?f.value.toLowerCase():'',st=s?s.value:'';
  document.querySelectorAll('#docs tbody tr').forEach(function(r){
    var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!st||r.getAttribute('data-status')===st);
    r.style.display=ok?'':'none';
    var link=r.querySelector('td.source a'),href=link?link.getAttribute('href'):'';
    if(href&&href.charAt(0)==='#'){var sec=document.getElementById(href.slice(1));
  if(sec){sec.style.display=ok?'':'none';}}
  });
}
if(f){f.addEventListener('input',filt);}if(s){s.addEventListener('change',filt);}
var dataEl=document.getElementById('claims-data');
if(!dataEl){return;}
var D=JSON.parse(dataEl.textContent),K=D.keys,X={},C=D.claims,S=D.sentences,DOCS=D.docs;
D.fields.forEach(function(k,i){X[k]=i;});
var STORE='newsclaims-review:'+D.run,saved={};
try{saved=JSON.parse(window.localStorage.getItem(STORE)||'{}')||{};}catch(e){saved={};}
function cell(c,k){
  if(k==='sentence'){return S[c[X.sentence]];}
  if(k==='source'){return DOCS[c[X.doc]][1];}
  return k==='doc_id'?DOCS[c[X.doc]][0]:c[X[k]];
}
function decision(c){var d=saved[c[X.claim_id]];return d?d:[c[X.review],c[X.review_note]];}
function direction(c){return c[X.direction]||'none';}
function el(id){return document.getElementById(id);}
var q=el('q'),fk=el('f-kind'),fu=el('f-unit'),fr=el('f-rule'),fd=el('f-dir'),fv=el('f-review'),fm=el('f-nometric'),
fs=el('f-nosubject'),body=el('claims-body'),count=el('claim-count'),pageNo=0,hits=[],PAGE=D.page;
function match(c){
  var t=q.value.trim().toLowerCase(),st=decision(c)[0];
  if(fk.value&&c[X.kind]!==fk.value){return false;}
  if(fu.value&&c[X.unit]!==fu.value){return false;}
  if(fr.value&&c[X.rule].split('+').indexOf(fr.value)<0){return false;}
  if(fd.value&&direction(c)!==fd.value){return false;}
  if(fv.value==='undecided'&&st){return false;}
  if(fv.value==='decided'&&!st){return false;}
  if(fv.value&&fv.value!=='undecided'&&fv.value!=='decided'&&st!==fv.value){return false;}
  if(fm.checked&&c[X.metric]){return false;}
  if(fs.checked&&c[X.subject]){return false;}
  if(t&&hay(c).indexOf(t)<0&&String(decision(c)[1]||'').toLowerCase().indexOf(t)<0){return false;}
  return true;
}
var HAY=new Map();
function hay(c){var h=HAY.get(c);if(h===undefined){
  h=[cell(c,'source'),cell(c,'sentence'),c[X.quantity],c[X.metric],c[X.subject],c[X.period]].join(' ');
  h=h.toLowerCase();HAY.set(c,h);}
  return h;}
function text(tag,value,cls){var e=document.createElement(tag);e.textContent=value==null?'':String(value);
  if(cls){e.className=cls;}return e;}
function sentenceCell(c){
  var td=document.createElement('td'),s=cell(c,'sentence'),qt=c[X.quantity],i=qt?s.indexOf(qt):-1;
  td.className='sentence';
  if(i<0){td.textContent=s;return td;}
  td.appendChild(document.createTextNode(s.slice(0,i)));td.appendChild(text('mark',qt));
  td.appendChild(document.createTextNode(s.slice(i+qt.length)));return td;
}
function save(){try{window.localStorage.setItem(STORE,JSON.stringify(saved));}catch(e){}}
function decide(n,state,note){var c=C[n],d=decision(c);saved[c[X.claim_id]]=[state,note==null?d[1]:note];save();}
function row(n){
  var c=C[n],d=decision(c),tr=document.createElement('tr'),doc=DOCS[c[X.doc]];
  tr.setAttribute('data-claim-id',c[X.claim_id]);tr.setAttribute('data-n',String(n));
  tr.className='st-'+(d[0]||'none');
  var a=document.createElement('a');a.textContent=doc[1]||'(no source)';
  a.setAttribute('href',doc[2]+'#m-'+c[X.claim_id]);
  var td=document.createElement('td');td.className='source';td.appendChild(a);tr.appendChild(td);
  tr.appendChild(sentenceCell(c));
  D.cells.forEach(function(k){
    tr.appendChild(text('td',c[X[k]],k));});
  tr.appendChild(text('td',String(c[X.rule]).split('+').join('+​'),'rule'));
  var dec=text('td',d[0],'decision');tr.appendChild(dec);
  var act=document.createElement('td');act.className='actions';
  [['accepted','accept'],['rejected','reject'],['corrected','corrected'],['','clear']].forEach(function(b){
    var btn=text('button',b[1],d[0]===b[0]&&b[0]?'on':'');btn.type='button';btn.setAttribute('data-state',b[0]);
  act.appendChild(btn);});
  var note=document.createElement('input');note.className='note';note.type='text';note.placeholder='note';
  note.value=d[1]||'';
  act.appendChild(note);tr.appendChild(act);return tr;
}
function render(){
  while(body.firstChild){body.removeChild(body.firstChild);}
  var first=pageNo*PAGE,last=Math.min(hits.length,first+PAGE);
  for(var i=first;i<last;i++){body.appendChild(row(hits[i]));}
  count.textContent=(hits.length?(first+1)+'\u2013'+last+' of ':'')+hits.length+' matching claims ('+C.length+
    ' in the run)';
  el('prev-page').disabled=pageNo<=0;el('next-page').disabled=last>=hits.length;
}
function refresh(){hits=[];for(var i=0;i<C.length;i++){if(match(C[i])){hits.push(i);}}pageNo=0;render();}
var typing=null;
q.addEventListener('input',function(){clearTimeout(typing);typing=setTimeout(refresh,C.length>20000?250:60);});
[fk,fu,fr,fd,fv,fm,fs].forEach(function(e){e.addEventListener('change',refresh);});
el('prev-page').addEventListener('click',function(){if(pageNo>0){pageNo--;render();}});
el('next-page').addEventListener('click',function(){if((pageNo+1)*PAGE<hits.length){pageNo++;render();}});
body.addEventListener('click',function(ev){
  var b=ev.target.closest?ev.target.closest('button[data-state]'):null;if(!b){return;}
  var tr=b.closest('tr'),n=+tr.getAttribute('data-n'),st=b.getAttribute('data-state');
  decide(n,st,st?null:'');tr.parentNode.replaceChild(row(n),tr);updated();
});
body.addEventListener('change',function(ev){
  if(!ev.target.matches||!ev.target.matches('input.note')){return;}
  var tr=ev.target.closest('tr'),n=+tr.getAttribute('data-n'),d=decision(C[n]);
  decide(n,d[0]||(ev.target.value?'corrected':''),ev.target.value);tr.parentNode.replaceChild(row(n),tr);updated();
});
function decided(){return C.filter(function(c){var d=decision(c);return d[0]||d[1];});}
function updated(){el('decided-count').textContent=decided().length+' claims decided';}
function csvCell(k,v){v=v==null?'':String(v);
  if(['value','start','end','paragraph'].indexOf(k)<0&&/^[-=+@\t\r]/.test(v)){v="'"+v;}
  return /[",\r\n]/.test(v)?'"'+v.replace(/"/g,'""')+'"':v;}
el('download').addEventListener('click',function(){
  var lines=[K.join(',')];
  decided().forEach(function(c){var d=decision(c);lines.push(K.map(function(k){
    return csvCell(k,k==='review'?d[0]:(k==='review_note'?d[1]:cell(c,k)));}).join(','));});
  var blob=new Blob([lines.join('\r\n')+'\r\n'],{type:'text/csv;charset=utf-8'}),a=document.createElement('a');
  a.href=URL.createObjectURL(blob);a.download='review.csv';document.body.appendChild(a);a.click();
  setTimeout(function(){URL.revokeObjectURL(a.href);a.remove();},1000);
});
refresh();updated();
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


#: Only this page's own style and script may run; nothing may be fetched from anywhere.
CSP = (
    f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\p{Cs}]")


#: Characters :func:`esc` replaces (text without them and without control characters is returned as it is).
_SPECIAL = frozenset("&<>\"'")


def esc(value: Any) -> str:
    """HTML-escape any value for text or a double-quoted attribute; control characters become U+FFFD."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return html.escape(text, quote=True) if not _SPECIAL.isdisjoint(text) else text
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True)


def page_parts(title: str, body: Iterable[str]) -> Iterator[str]:
    """:func:`page` in pieces, the body's pieces as they come (for pages written as they are made)."""
    yield (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(CSP)}\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n"
    )
    yield from body
    yield f"\n<div id=\"detail\" role=\"status\"></div><script>{JS}</script>\n</body></html>\n"


def page(title: str, body: str) -> str:
    """A complete self-contained HTML page."""
    return "".join(page_parts(title, [body]))


@dataclass
class RunData:
    """The run folder's tables, grouped by document (``(doc_id, source)``)."""

    documents: list[dict[str, str]]
    claims: dict[Key, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    clutter: dict[Key, dict[tuple[int, int], dict[str, str]]] = field(default_factory=lambda: defaultdict(dict))
    manifest: dict[str, Any] = field(default_factory=dict)

    def claims_of(self, key: Key) -> list[dict[str, str]]:
        """The claim rows of document ``key`` in file order."""
        return self.claims.get(key, [])

    def clutter_of(self, key: Key) -> dict[tuple[int, int], dict[str, str]]:
        """The clutter rows of document ``key`` by ``(start, end)``."""
        return self.clutter.get(key, {})

    def counts(self) -> tuple[int, int]:
        """Claim rows, and dropped blocks (distinct ``(document, start, end)``; each row without offsets
        counts)."""
        return sum(len(v) for v in self.claims.values()), sum(len(v) for v in self.clutter.values())

    def claim_keys(self) -> set[Key]:
        """Documents that have claim rows."""
        return {k for k, v in self.claims.items() if v}

    def options(self) -> tuple[set[str], set[str], set[str]]:
        """The kinds, units and rule ids (each part of a ``+`` chain) of every claim row."""
        rows = [r for claims in self.claims.values() for r in claims]
        return ({r.get("kind", "") for r in rows}, {r.get("unit", "") for r in rows},
                {part for r in rows for part in r.get("rule", "").split("+")})


def clutter_key(row: Mapping[str, str], placed: Mapping[tuple[int, int], Any]) -> tuple[int, int]:
    """Where a clutter row of a document sits: its ``(start, end)``. A row without offsets (text the HTML
    extractor left out, rule ``html.extractor.v1``) gets a key of its own, ``(-1, -2 - len(placed))`` with
    ``placed`` the document's rows so far (a key no earlier row holds), so each one counts as a dropped block
    and none is placed in the article's text."""
    start, end = _int(row.get("start")), _int(row.get("end"))
    if start >= 0 and end >= 0:
        return start, end
    return -1, -2 - len(placed)


def _int(text: Any, default: int = -1) -> int:
    try:
        return int(str(text).lstrip("'"))
    except ValueError:
        return default


def load_run(run_dir: Path) -> RunData:
    """Read documents.csv (:class:`UsageError` E063 when missing), claims.csv, clutter.csv and manifest.json,
    cells as written before formula neutralisation."""
    data = RunData(documents=[shown_row(r) for r in read_documents(run_dir)])
    for row in read_optional(run_dir, CLAIMS_FILE):
        row = shown_row(row)
        data.claims[(row.get("doc_id", ""), row.get("source", ""))].append(row)
    for row in read_optional(run_dir, CLUTTER_FILE):
        row = shown_row(row)
        key = (row.get("doc_id", ""), row.get("source", ""))
        data.clutter[key][clutter_key(row, data.clutter[key])] = row
    data.manifest = read_manifest(run_dir)
    return data


def _shown_key(row: Mapping[str, str]) -> Key:
    return (shown(row.get("doc_id", "")), shown(row.get("source", "")))


class RunIndex:
    """The run folder as a large report reads it: documents.csv and the manifest in memory, claims.csv and
    clutter.csv indexed by document (:class:`~pipeline.outputs.reader.IndexedCsv`), so a document's rows are
    read when its page is rendered; the same answers as :class:`RunData`, in bounded memory."""

    def __init__(self, run_dir: Path, documents: list[dict[str, str]] | None = None) -> None:
        self.documents = documents if documents is not None else [shown_row(r) for r in read_documents(run_dir)]
        self.manifest = read_manifest(run_dir)
        self.kinds: set[str] = set()
        self.units: set[str] = set()
        self.rules: set[str] = set()

        def visit(row: Mapping[str, str]) -> None:
            self.kinds.add(shown(row.get("kind", "")))
            self.units.add(shown(row.get("unit", "")))
            self.rules.update(shown(row.get("rule", "")).split("+"))

        self.claims = IndexedCsv(Path(run_dir) / CLAIMS_FILE, _shown_key, visit)
        self.clutter = IndexedCsv(Path(run_dir) / CLUTTER_FILE, _shown_key)
        self._dropped: int | None = None

    def claims_of(self, key: Key) -> list[dict[str, str]]:
        """The claim rows of document ``key`` in file order."""
        return [shown_row(r) for r in self.claims.group(key)]

    def clutter_of(self, key: Key) -> dict[tuple[int, int], dict[str, str]]:
        """The clutter rows of document ``key`` by ``(start, end)``."""
        found: dict[tuple[int, int], dict[str, str]] = {}
        for row in self.clutter.group(key):
            row = shown_row(row)
            found[clutter_key(row, found)] = row
        return found

    def counts(self) -> tuple[int, int]:
        """Claim rows, and dropped blocks (distinct ``(document, start, end)``; each row without offsets
        counts)."""
        if self._dropped is None:
            self._dropped = sum(len(self.clutter_of(key)) for key in self.clutter.groups)
        return self.claims.rows, self._dropped

    def claim_keys(self) -> set[Key]:
        """Documents that have claim rows."""
        return set(self.claims.groups)

    def options(self) -> tuple[set[str], set[str], set[str]]:
        """The kinds, units and rule ids (each part of a ``+`` chain) of every claim row."""
        return self.kinds, self.units, self.rules


# --- one document ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A block ready to render: its text (or a stand-in), and where that text starts in the raw text."""

    block: Mapping[str, Any]
    text: str
    raw_start: int | None  # None: ``text`` is a stand-in (preview), claims cannot be placed in it
    note: str = ""


def pieces(article: Mapping[str, Any], clutter: Mapping[tuple[int, int], Mapping[str, str]]) -> list[Piece]:
    """The article's blocks with the best text available for each.

    ``source_text`` (HTML/WARC inputs) gives every block exactly. Otherwise body blocks are cut out of
    ``text`` (body blocks joined by blank lines, in order) and dropped blocks show their own ``text``
    when the record has one, else the clutter.csv preview.
    """
    blocks = [b for b in article.get("blocks") or [] if isinstance(b, Mapping)]
    blocks.sort(key=lambda b: _int(b.get("start")))
    source = article.get("source_text")
    if isinstance(source, str):
        return [Piece(b, source[_int(b.get("start")) : _int(b.get("end"))], _int(b.get("start"))) for b in blocks]
    body_text = str(article.get("text") or "")
    body = [b for b in blocks if b.get("kind") in BODY_KINDS]
    lengths = [_int(b.get("end")) - _int(b.get("start")) for b in body]
    aligned = sum(lengths) + 2 * max(len(body) - 1, 0) == len(body_text) and all(n >= 0 for n in lengths)
    if not aligned and body_text:
        log.warning("%s: body blocks do not add up to the article text; claims are listed, not highlighted",
                    article.get("source"))
    out: list[Piece] = []
    pos = 0
    for block in blocks:
        start, end = _int(block.get("start")), _int(block.get("end"))
        if block.get("kind") in BODY_KINDS:
            if aligned:
                out.append(Piece(block, body_text[pos : pos + end - start], start))
                pos += end - start + 2
            continue
        if isinstance(block.get("text"), str):
            out.append(Piece(block, block["text"], start))
            continue
        row = clutter.get((start, end))
        preview = row.get("preview", "") if row else ""
        if block.get("kind") == "title" and not preview:
            preview = str(article.get("title") or "")
        out.append(Piece(block, preview, None, note="preview" if preview else f"{end - start} characters"))
    if not aligned and body_text:
        out.append(Piece({"kind": "paragraph", "start": -1, "end": -1, "rule": ""}, body_text, None,
                         note="article text"))
    return out


def limit_pieces(items: Sequence[Piece], budget: int) -> tuple[list[Piece], int]:
    """The pieces that fit in ``budget`` characters (the last one cut), and how many characters were left out."""
    out: list[Piece] = []
    hidden = 0
    for piece in items:
        if budget <= 0:
            hidden += len(piece.text)
            continue
        if len(piece.text) > budget:
            hidden += len(piece.text) - budget
            piece = Piece(piece.block, piece.text[:budget], piece.raw_start, note=piece.note or "cut")
        budget -= len(piece.text)
        out.append(piece)
    return out, hidden


def claim_title(row: Mapping[str, str]) -> str:
    """Hover text of one claim (a range as ``low to high``, the direction after the kind); a reviewer's decision,
    when there is one, ends it."""
    high = f" to {row['value_max']}" if row.get("value_max") else ""
    return "\n".join(
        [f"{row.get('quantity', '')}  =  {row.get('value', '')}{high} {row.get('unit', '')} ({row.get('bound', '')})"]
        + [f"{name}: {row.get(name, '')}" for name in ("kind", "direction", "metric", "subject", "period", "rule")]
        + [f"{name}: {row[name]}" for name in REVIEW_COLUMNS if row.get(name)]
    )


def highlight(text: str, spans: Sequence[tuple[int, int, int]], claims: Sequence[Mapping[str, str]]) -> str:
    """Escaped ``text`` with ``<mark>`` around claim spans ``(start, end, claim index)``; overlaps are split."""
    events: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s, e, i in spans:
        if e <= s:
            continue
        events[s].append((1, i))
        events[e].append((0, i))
    points = sorted({0, len(text), *events})
    active: dict[int, None] = {}
    out: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        for kind, i in sorted(events.get(a, ())):
            if kind:
                active[i] = None
                out.append(f'<span class="anchor" id="m-{esc(claims[i].get("claim_id", ""))}"></span>')
            else:
                active.pop(i, None)
        chunk = esc(text[a:b])
        if not active:
            out.append(chunk)
            continue
        rows = [claims[i] for i in active]
        ids = " ".join(r.get("claim_id", "") for r in rows)
        title = "\n\n".join(claim_title(r) for r in rows)
        multi = " multi" if len(rows) > 1 else ""
        out.append(f'<mark class="c{multi}" tabindex="0" data-claims="{esc(ids)}" title="{esc(title)}">{chunk}</mark>')
    return "".join(out)


def place_claims(items: Sequence[Piece], claims: Sequence[Mapping[str, str]]) -> tuple[dict[int, list], set[int]]:
    """Claim spans per piece (relative offsets) and the indexes of claims that could not be placed exactly."""
    located = [(p.raw_start, p.raw_start + len(p.text), n) for n, p in enumerate(items) if p.raw_start is not None]
    located.sort()
    starts = [s for s, _, _ in located]
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    unplaced: set[int] = set()
    for i, row in enumerate(claims):
        s, e = _int(row.get("start")), _int(row.get("end"))
        k = bisect.bisect_right(starts, s) - 1
        if s < 0 or e <= s or k < 0 or e > located[k][1]:
            unplaced.add(i)
            continue
        base, _, n = located[k]
        text = items[n].text
        if text[s - base : e - base] != row.get("quantity", ""):
            unplaced.add(i)
            continue
        spans[n].append((s - base, e - base, i))
    return spans, unplaced


def render_blocks(items: Sequence[Piece], claims: Sequence[Mapping[str, str]]) -> tuple[str, set[int]]:
    """The article's blocks as HTML, and the claims that could not be highlighted."""
    spans, unplaced = place_claims(items, claims)
    out = []
    for n, piece in enumerate(items):
        kind = str(piece.block.get("kind", ""))
        body = kind in BODY_KINDS
        role = "body" if body else ("drop" if kind == "clutter" else "aside")
        cls = f"blk {role} {esc(kind)}"
        rule = str(piece.block.get("rule") or "")
        label = "" if body else f'<span class="tag">{esc(kind)}{" · " + esc(rule) if rule else ""}</span>'
        note = f'<span class="tag">{esc(piece.note)}</span>' if piece.note else ""
        text = highlight(piece.text, spans.get(n, ()), claims)
        out.append(f'<div class="{cls}" data-kind="{esc(kind)}" data-rule="{esc(rule)}">{label}{note}'
                   f'<span class="text">{text}</span></div>')
    return "\n".join(out), unplaced


def claims_table(claims: Sequence[Mapping[str, str]], unplaced: set[int]) -> str:
    """The document's claims as a table, one row per claim carrying its id."""
    if not claims:
        return "<p class=\"meta\">No claims.</p>"
    columns = (*CLAIM_CELLS, "start", "end", *REVIEW_COLUMNS)
    head = "".join(f"<th>{esc(c)}</th>" for c in ("#", *columns))
    opens = [(c, f'<td class="{esc(c)}">') for c in columns]
    rows = []
    for i, row in enumerate(claims):
        cid = esc(row.get("claim_id", ""))
        cls = ' class="unplaced" title="not located in the text"' if i in unplaced else ""
        number = str(i + 1) if i in unplaced else f'<a href="#m-{cid}" title="show in the text">{i + 1}</a>'
        cells = "".join(f'{td}{esc(row.get(c, ""))}</td>' for c, td in opens)
        rows.append(f'<tr data-claim-id="{cid}"{cls}><td>{number}</td>{cells}</tr>')
    return (f'<div class="scroll"><table class="claims"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def document_parts(doc: Mapping[str, str], article: Mapping[str, Any] | None, claims: Sequence[Mapping[str, str]],
                   clutter: Mapping[tuple[int, int], Mapping[str, str]], anchor: str) -> tuple[str, str]:
    """:func:`render_document` without its navigation: the HTML before it and the HTML after it."""
    claims = sorted(claims, key=lambda c: (_int(c.get("start")), _int(c.get("end"))))
    meta = [(k, doc.get(k, "")) for k in ("doc_id", "status", "published", "format", "url", "error")]
    if article and article.get("tags"):
        meta.append(("tags", ", ".join(str(t) for t in article["tags"])))
    meta_html = " · ".join(f"{esc(k)}: <span class=\"{esc(k)}\">{esc(v)}</span>" for k, v in meta if v)
    head = [
        f'<section class="doc" id="{esc(anchor)}" data-doc-id="{esc(doc.get("doc_id", ""))}">',
        f'<h2>{esc(doc.get("title") or doc.get("source") or "(untitled)")}</h2>',
        f'<p class="meta">source: <span class="source">{esc(doc.get("source", ""))}</span> · {meta_html}</p>',
    ]
    parts = []
    total = len(claims)
    claims = claims[:MAX_DOC_CLAIMS]
    unplaced: set[int] = set(range(len(claims)))
    if article is None:
        parts.append('<p class="meta">No article record in articles.jsonl.</p>')
    elif article.get("blocks") or article.get("text"):
        items, hidden = limit_pieces(pieces(article, clutter), MAX_DOC_CHARS)
        blocks_html, unplaced = render_blocks(items, claims)
        parts.append(f'<div class="article">{blocks_html}</div>')
        if hidden:
            parts.append(f'<p class="meta cut">{hidden} more characters not shown (the page would be too large); '
                         "the whole text is in articles.jsonl or the input.</p>")
    parts.append(f"<h3>Claims ({total})</h3>")
    if total > len(claims):
        parts.append(f'<p class="meta cut">The first {len(claims)} claims are shown; '
                     f"all {total} are in claims.csv.</p>")
    parts.append(claims_table(claims, unplaced))
    parts.append("</section>")
    return "\n".join(head), "\n".join(parts)


def render_document(doc: Mapping[str, str], article: Mapping[str, Any] | None, claims: Sequence[Mapping[str, str]],
                    clutter: Mapping[tuple[int, int], Mapping[str, str]], anchor: str, nav: str = "") -> str:
    """One document as a ``<section>``: metadata, navigation ``nav`` (HTML), blocks with highlighted claims,
    claims table."""
    head, tail = document_parts(doc, article, claims, clutter, anchor)
    return f"{head}\n{nav}\n{tail}"


def document_digest(doc: Mapping[str, str], article: Mapping[str, Any] | None, claims: Sequence[Mapping[str, str]],
                    clutter: Mapping[tuple[int, int], Mapping[str, str]], anchor: str) -> str:
    """sha256 of what one document's section is made from besides its navigation: its documents row,
    article record, claim rows, dropped blocks and anchor."""
    data = [doc, article, claims, sorted(clutter.items()), anchor]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
                          .encode("utf-8", "replace")).hexdigest()


# --- index and files ------------------------------------------------------------------------------


def documents_table(rows: Sequence[tuple[int, Mapping[str, str], str]]) -> str:
    """The documents index: ``(number, documents.csv row, link)`` per document."""
    head = "".join(f"<th>{esc(c)}</th>" for c in ("#", *DOC_COLUMNS))
    body = []
    for n, doc, link in rows:
        cells = []
        for c in DOC_COLUMNS:
            value = esc(doc.get(c, ""))
            if c == "source":
                value = f'<a href="{esc(link)}">{value or "(no source)"}</a>'
            cells.append(f'<td class="{esc(c)}">{value}</td>')
        status = esc(doc.get("status", ""))
        body.append(f'<tr class="st-{status}" data-status="{status}"><td>{n}</td>{"".join(cells)}</tr>')
    return (f'<div class="scroll"><table id="docs"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def run_summary(data: RunData | RunIndex | ReportSections, run_dir: Path) -> str:
    """Heading and one line of counts."""
    statuses: dict[str, int] = defaultdict(int)
    for d in data.documents:
        statuses[d.get("status", "")] += 1
    claims, dropped = data.counts()
    m = data.manifest
    by_status = ", ".join(f"{esc(k)}: {v}" for k, v in sorted(statuses.items()))
    bits = [f"{len(data.documents)} documents ({by_status})", f"{claims} claims", f"{dropped} dropped blocks"]
    if m:
        when = f"{esc(m.get('started', ''))} – {esc(m.get('finished', ''))}"
        bits.append(f"newsclaims {esc(m.get('version', ''))}, {when}")
    return f"<h1>newsclaims run: {esc(run_dir.name)}</h1>\n<p class=\"meta\">{' · '.join(bits)}</p>"


def _options(values: Iterable[str], any_label: str, limit: int = 500) -> str:
    found = sorted({v for v in values if v})[:limit]
    return f'<option value="">{esc(any_label)}</option>' + "".join(
        f'<option value="{esc(v)}">{esc(v)}</option>' for v in found)


def json_script(element_id: str, data: Any) -> str:
    """``data`` as an inert JSON data block: ``<``, ``>`` and ``&`` escaped, so no text can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


#: Fields of one claim in the explorer's data (``doc`` indexes ``docs``, ``sentence`` indexes ``sentences``).
EXPLORER_FIELDS = ("doc", *(k for k in EXPLORER_KEYS if k not in ("doc_id", "source")))


def _json(data: Any) -> str:
    """JSON text safe inside a data block (see :func:`json_script`)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _explorer_docs(data: RunData | RunIndex, links: Sequence[str]) -> Iterator[tuple[Key, str]]:
    """``(key, link)`` of each document with claims, in documents.csv order, each key once."""
    seen: set[Key] = set()
    having = data.claim_keys()
    for doc, link in zip(data.documents, links, strict=True):
        key = _key(doc)
        if key in seen:
            continue
        seen.add(key)
        if key in having:
            yield key, link


def _sorted_claims(data: RunData | RunIndex, key: Key) -> list[dict[str, str]]:
    return sorted(data.claims_of(key), key=lambda c: (_int(c.get("start")), _int(c.get("end"))))


def explorer_json(data: RunData | RunIndex, links: Sequence[str], run_key: str) -> Iterator[str]:
    """The claims explorer's data as JSON text in pieces: documents ``[doc_id, source, link]``, sentences once
    each, and each claim as a list of :data:`EXPLORER_FIELDS` (documents in documents.csv order, claims by
    offset). The claims are read twice (sentences, then claims), one document at a time; memory holds a
    digest per distinct sentence."""
    docs = list(_explorer_docs(data, links))
    yield explorer_head(run_key, [[k[0], k[1], link] for k, link in docs])
    sentences: dict[bytes, int] = {}
    for key, _ in docs:
        for row in _sorted_claims(data, key):
            text = row.get("sentence", "")
            digest = _sentence_digest(text)
            if digest not in sentences:
                yield ("," if sentences else "") + _json(text)
                sentences[digest] = len(sentences)
    yield '],"claims":['
    first = True
    for n, (key, _) in enumerate(docs):
        for row in _sorted_claims(data, key):
            cells = _explorer_cells(n, sentences[_sentence_digest(row.get("sentence", ""))], row)
            yield ("" if first else ",") + _json(cells)
            first = False
    yield "]}"


def explorer_head(run_key: str, docs: Sequence[Sequence[str]]) -> str:
    """The explorer's data up to its sentences: the run's key, the review file's columns (``keys``), the
    columns of each claim's list (``fields``), the claim fields shown as cells (``cells``), the rows of a page
    and the documents ``[doc_id, source, link]``."""
    return (f'{{"run":{_json(run_key)},"keys":{_json(list(EXPLORER_KEYS))},"fields":{_json(list(EXPLORER_FIELDS))},'
            f'"cells":{_json(list(CLAIM_FIELDS))},"page":{_json(EXPLORER_PAGE_ROWS)},"docs":{_json(list(docs))},'
            '"sentences":[')


def _sentence_digest(text: str) -> bytes:
    """16-byte digest by which the explorer's data stores each distinct sentence once."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _explorer_cells(doc_number: int, sentence_number: int, row: Mapping[str, str]) -> list[Any]:
    """One claim of the explorer's data: :data:`EXPLORER_FIELDS` of ``row``, the document and the sentence
    given by their numbers."""
    return [doc_number, *(sentence_number if k == "sentence" else row.get(k, "") for k in EXPLORER_FIELDS[1:])]


def explorer_parts(data: RunData | RunIndex | ReportSections, links: Sequence[str], run_key: str) -> Iterator[str]:
    """The claims explorer in pieces: filters, a pager, an empty table the script fills, and the claims as
    JSON data."""
    kinds, units, rules = data.options()
    states = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in REVIEW_STATES)
    head = "".join(f"<th>{esc(c)}</th>" for c in (
        "source", "sentence", *CLAIM_FIELDS, "rule", "decision", "review"))
    yield "\n".join([
        '<section id="explorer"><h2 id="claims">Claims</h2>',
        '<div class="controls">',
        '<input id="q" type="search" placeholder="search sentence, quantity, metric, subject, source, note">',
        f'<select id="f-kind" title="kind">{_options(kinds, "any kind")}</select>',
        f'<select id="f-unit" title="unit">{_options(units, "any unit")}</select>',
        f'<select id="f-rule" title="rule">{_options(rules, "any rule")}</select>',
        '<select id="f-dir" title="direction (the claims.csv column)"><option value="">any direction</option>'
        '<option value="up">up</option><option value="down">down</option>'
        '<option value="none">no direction</option></select>',
        '<select id="f-review" title="decision"><option value="">any decision</option>'
        f'<option value="undecided">undecided</option><option value="decided">decided</option>{states}</select>',
        '<label><input id="f-nometric" type="checkbox"> no metric</label>',
        '<label><input id="f-nosubject" type="checkbox"> no subject</label>',
        "</div>",
        '<p class="pager"><button id="prev-page" type="button">← previous</button> <span id="claim-count"></span> '
        '<button id="next-page" type="button">next →</button> · <span id="decided-count"></span> '
        '<button id="download" type="button">download review.csv</button></p>',
        f'<div class="scroll"><table id="claims-table"><thead><tr>{head}</tr></thead>'
        '<tbody id="claims-body"></tbody></table></div>',
        '<p class="meta">Decisions made here are kept in this browser. "download review.csv" saves every decided '
        "claim (the run's earlier decisions too) as a file for <code>newsclaims run --review review.csv</code>."
        "</p>",
        '<script type="application/json" id="claims-data">',
    ])
    yield from data.explorer_json(run_key) if isinstance(data, ReportSections) else explorer_json(data, links, run_key)
    yield "</script>\n</section>"


def explorer(data: RunData | RunIndex, links: Sequence[str], run_key: str) -> str:
    """The claims explorer: filters, a pager, an empty table the script fills, and the claims as JSON data."""
    return "".join(explorer_parts(data, links, run_key))


def inline_nav(i: int, count: int) -> str:
    """Links of document ``i`` (0-based) of a one-page report: previous, index, next."""
    prev = f'<a href="#doc-{i}">← previous</a>' if i > 0 else ""
    nxt = f'<a href="#doc-{i + 2}">next →</a>' if i + 1 < count else ""
    return f'<nav class="docnav">{prev}<a href="#documents">documents</a><a href="#claims">claims</a>{nxt}' \
           f"<span class=\"meta\">document {i + 1} of {count}</span></nav>"


def page_nav(i: int, hrefs: Sequence[str]) -> str:
    """Links of document ``i`` (0-based) on a page of ``report/``: previous, index, next (``hrefs``: the
    ``page.html#anchor`` of every document)."""
    prev = f'<a href="{esc(hrefs[i - 1])}">← previous</a>' if i > 0 else ""
    nxt = f'<a href="{esc(hrefs[i + 1])}">next →</a>' if i + 1 < len(hrefs) else ""
    return (f'<nav class="docnav">{prev}<a href="../{REPORT_FILE}">all documents</a>'
            f'<a href="../{REPORT_FILE}#claims">claims</a>{nxt}'
            f'<span class="meta">document {i + 1} of {len(hrefs)}</span></nav>')


DOCS_HEADING = '<h2 id="documents">Documents</h2>'
FILTER = ('<p><input id="filter" type="search" placeholder="filter documents"> '
          '<select id="status"><option value="">any status</option><option>ok</option><option>empty</option>'
          '<option>error</option></select></p>')


def _write(path: Path, text: str) -> None:
    with atomic_open(path, "w", encoding="utf-8", errors="replace", newline="\n") as handle:
        handle.write(text)


def _write_plain(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", errors="replace", newline="\n") as handle:
        handle.write(text)


@contextlib.contextmanager
def _fresh_folder(folder: Path) -> Iterator[Path]:
    """A staging folder beside ``folder`` that replaces it (and the pages of any earlier report) on success."""
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    staging.chmod(0o755)
    try:
        yield staging
        old = None
        if folder.exists():
            old = folder.with_name(f"{staging.name}.old")
            os.replace(folder, old)
        os.replace(staging, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _group_files(docs: Sequence[Mapping[str, str]]) -> tuple[list[str], list[str]]:
    """(page file, anchor) of every document of a large run: documents in order, ``DOCS_PER_FILE`` to a page
    and at most about ``CHARS_PER_FILE`` characters of text per page."""
    names: list[str] = []
    page = FIRST_PAGE
    for d in docs:
        page = _placed(page, d)
        names.append(_page_file(page))
    return names, [f"doc-{i + 1}" for i in range(len(docs))]


#: (page number, documents on it, characters of text on it) before the first document is placed.
FIRST_PAGE = (1, 0, 0)


def _placed(page: tuple[int, int, int], doc: Mapping[str, str]) -> tuple[int, int, int]:
    """``page`` (number, documents, characters) after ``doc`` is placed: on a new page once the current one
    holds ``DOCS_PER_FILE`` documents or would pass about ``CHARS_PER_FILE`` characters."""
    page_no, count, chars = page
    size = min(max(_int(doc.get("chars"), 0), 0), MAX_DOC_CHARS)
    if count and (count >= DOCS_PER_FILE or chars + size > CHARS_PER_FILE):
        page_no, count, chars = page_no + 1, 0, 0
    return page_no, count + 1, chars + size


def _page_file(page: tuple[int, int, int]) -> str:
    return f"docs-{page[0]:05d}.html"


def _key(row: Mapping[str, Any]) -> Key:
    return (str(row.get("doc_id", "")), str(row.get("source", "")))


def _articles(run_dir: Path, docs: Sequence[Mapping[str, str]]) -> Iterator[tuple[int, Mapping[str, Any] | None]]:
    """``(document index, article record)`` in articles.jsonl order, then documents with no record."""
    waiting: dict[Key, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        waiting[_key(d)].append(i)
    for record in read_articles(run_dir):
        slots = waiting.get(_key(record))
        if slots:
            yield slots.pop(0), record
    for slots in waiting.values():
        for i in slots:
            yield i, None


def _inline(docs: Sequence[Mapping[str, str]]) -> bool:
    chars = sum(max(_int(d.get("chars"), 0), 0) for d in docs)
    return len(docs) <= MAX_INLINE_DOCS and chars <= MAX_INLINE_CHARS


def _clear_pages(folder: Path, keep: Iterable[str] = ()) -> None:
    """Remove report pages of an earlier run that this run did not write."""
    if not folder.is_dir():
        return
    keep = set(keep)
    for old in [*folder.glob("*.html"), folder / DIGESTS_FILE]:
        if old.name not in keep and old.is_file():
            old.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()


def write_report(run_dir: Path, previous: Path | None = None, final: Path | None = None,
                 sections: ReportSections | None = None) -> Path:
    """Write ``report.html`` (and ``report/*.html`` for large runs) from the run folder; returns its path.

    A large run is written page by page: claims.csv and clutter.csv are indexed, not loaded, each page of
    documents is written (and freed) once its documents are rendered, and report.html is written as it is
    made, so memory does not grow with the run's claims and text. ``previous``: a run folder holding an
    earlier report (may be ``run_dir``); a page of documents whose inputs (rows, article records,
    neighbours' links) and rendering code are unchanged is copied from it instead of rendered again.
    ``final``: the folder the report will live in when ``run_dir`` is a staging folder (its name titles the
    pages and keys the reviewers' saved decisions); ``run_dir`` itself by default. ``sections``: the
    documents' sections rendered while the run was merged (:class:`ReportSections`), used when they are
    those of the run folder's documents (the same bytes as rendering them now); their spool is removed."""
    run_dir = Path(run_dir)
    try:
        shown = Path(final) if final is not None else run_dir
        docs = [shown_row(r) for r in read_documents(run_dir)]
        if _inline(docs):
            return _write_inline(run_dir, shown)
        if sections is not None and sections.matches(docs):
            sections.manifest = read_manifest(run_dir)
            return _write_pages(run_dir, sections, previous, shown)
        return _write_pages(run_dir, RunIndex(run_dir, docs), previous, shown)
    finally:
        if sections is not None:
            sections.discard()


#: Ends each piece of a spooled page of sections; rendered HTML never holds it (control characters are
#: replaced by U+FFFD when escaped).
_SPOOL_END = "\0"


class ReportSections:
    """The documents' sections of a large run's report, rendered while the run's shards are merged, so that
    the report left to write after the last shard is its index and the claims explorer.

    :meth:`add` takes one shard's rows as they will read back from the run folder (documents.csv,
    claims.csv and clutter.csv rows, articles.jsonl records; documents in run order) and spools each
    section, without its navigation, to a file per report page in a hidden folder of ``run_dir``;
    :func:`write_report` joins them with their navigation (which needs the whole run). A run whose
    documents repeat a (doc_id, source) key is rendered from the run folder instead, as before.
    """

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        self.docs: list[dict[str, str]] = []
        self.digests: list[str] = []
        self.names: list[str] = []
        self.usable = True
        self.manifest: dict[str, Any] = {}
        self.kinds: set[str] = set()
        self.units: set[str] = set()
        self.rules: set[str] = set()
        self._claims = 0
        self._dropped = 0
        self._keys: set[Key] = set()
        self._dropped_keys: set[Key] = set()
        #: the claims explorer's documents ([doc_id, source, link]) and the number of each distinct sentence
        self._explorer_docs: list[list[str]] = []
        self._sentences: dict[bytes, int] = {}
        self._explorer: dict[str, Any] = {}
        self._spool: Path | None = None
        self._handle: Any = None
        self._open: str | None = None
        self._page = FIRST_PAGE

    def _name(self, doc: Mapping[str, str]) -> str:
        """The page file of the next document, as :func:`_group_files` places it."""
        self._page = _placed(self._page, doc)
        return _page_file(self._page)

    def _folder(self) -> Path:
        if self._spool is None:
            self._spool = Path(tempfile.mkdtemp(prefix=".report-sections.", dir=self.run_dir))
        return self._spool

    def _explorer_write(self, part: str, text: str) -> None:
        handle = self._explorer.get(part)
        if handle is None:
            handle = self._explorer[part] = open(self._folder() / f"explorer-{part}.json", "w", encoding="utf-8",
                                                 errors="replace", newline="\n")
        handle.write(text)

    def _write(self, name: str, text: str) -> None:
        self._folder()
        if self._open != name:
            if self._handle is not None:
                self._handle.close()
            self._handle = open(self._folder() / name, "w", encoding="utf-8", errors="replace", newline="\n")
            self._open = name
        self._handle.write(text)

    def add(self, documents: Sequence[Mapping[str, str]], claims: Iterable[Mapping[str, str]],
            clutter: Iterable[Mapping[str, str]], articles: Iterable[Mapping[str, Any]]) -> None:
        """Render the sections of one shard's documents (rows with cells as written, before
        :func:`~pipeline.outputs.reader.shown`), after those of every earlier shard."""
        if not self.usable:
            return
        by_doc: dict[Key, list[dict[str, str]]] = defaultdict(list)
        for row in claims:
            row = shown_row(row)
            by_doc[_key(row)].append(row)
            self.kinds.add(row.get("kind", ""))
            self.units.add(row.get("unit", ""))
            self.rules.update(row.get("rule", "").split("+"))
            self._claims += 1
        dropped: dict[Key, dict[tuple[int, int], dict[str, str]]] = defaultdict(dict)
        for row in clutter:
            row = shown_row(row)
            placed = dropped[_key(row)]
            placed[clutter_key(row, placed)] = row
        if any(key in self._dropped_keys for key in dropped):
            self.usable = False  # one document's dropped blocks in two shards: the run folder decides
            return
        self._dropped_keys.update(dropped)
        self._dropped += sum(len(v) for v in dropped.values())
        records: dict[Key, Mapping[str, Any]] = {}
        for record in articles:
            records.setdefault(_key(record), record)
        for doc in documents:
            doc = shown_row(doc)
            key = _key(doc)
            if key in self._keys:
                self.usable = False  # a repeated key: the run folder's reading decides which rows go where
                return
            self._keys.add(key)
            anchor = f"doc-{len(self.docs) + 1}"
            article, rows, blocks = records.get(key), by_doc.get(key, []), dropped.get(key, {})
            head, tail = document_parts(doc, article, rows, blocks, anchor)
            if _SPOOL_END in head or _SPOOL_END in tail:
                self.usable = False
                return
            name = self._name(doc)
            self.docs.append(doc)
            self.names.append(name)
            self.digests.append(document_digest(doc, article, rows, blocks, anchor))
            self._write(name, head + _SPOOL_END + tail + _SPOOL_END)
            if rows:
                self._explore(key, f"{REPORT_DIR}/{name}", rows)

    def _explore(self, key: Key, link: str, rows: list[dict[str, str]]) -> None:
        """Add a document's claims to the explorer's data, as :func:`explorer_json` writes them."""
        n = len(self._explorer_docs)
        self._explorer_docs.append([key[0], key[1], link])
        claims = sorted(rows, key=lambda c: (_int(c.get("start")), _int(c.get("end"))))
        for row in claims:
            text = row.get("sentence", "")
            digest = _sentence_digest(text)
            number = self._sentences.get(digest)
            if number is None:
                self._explorer_write("sentences", ("," if self._sentences else "") + _json(text))
                number = self._sentences[digest] = len(self._sentences)
            cells = _explorer_cells(n, number, row)
            self._explorer_write("claims", ("," if n or row is not claims[0] else "") + _json(cells))

    def counts(self) -> tuple[int, int]:
        """Claim rows, and dropped blocks (distinct ``(document, start, end)``; each row without offsets
        counts)."""
        return self._claims, self._dropped

    def options(self) -> tuple[set[str], set[str], set[str]]:
        """The kinds, units and rule ids (each part of a ``+`` chain) of every claim row."""
        return self.kinds, self.units, self.rules

    @property
    def documents(self) -> list[dict[str, str]]:
        """The documents rows (as shown) in run order."""
        return self.docs

    def explorer_json(self, run_key: str) -> Iterator[str]:
        """The claims explorer's data as :func:`explorer_json` writes it for the same run."""
        for handle in self._explorer.values():
            handle.close()
        yield explorer_head(run_key, self._explorer_docs)
        yield from self._spooled("sentences")
        yield '],"claims":['
        yield from self._spooled("claims")
        yield "]}"

    def _spooled(self, part: str) -> Iterator[str]:
        if part not in self._explorer:
            return
        assert self._spool is not None
        with open(self._spool / f"explorer-{part}.json", encoding="utf-8") as handle:
            yield from iter(lambda: handle.read(1 << 20), "")

    def matches(self, docs: Sequence[Mapping[str, str]]) -> bool:
        """True when the sections are those of ``docs`` (the run folder's documents.csv rows, as shown)."""
        return self.usable and list(docs) == self.docs

    def pages(self) -> Iterator[tuple[str, dict[int, str], Section]]:
        """Each page file in order, with its documents' digests and how to render one with its navigation."""
        if self._handle is not None:
            self._handle.close()
            self._handle, self._open = None, None
        first = 0
        while first < len(self.names):
            name = self.names[first]
            last = first
            while last < len(self.names) and self.names[last] == name:
                last += 1
            assert self._spool is not None
            pieces = (self._spool / name).read_text(encoding="utf-8").split(_SPOOL_END)

            def render(k: int, nav: str, base: int = first, pieces: list[str] = pieces) -> str:
                return f"{pieces[2 * (k - base)]}\n{nav}\n{pieces[2 * (k - base) + 1]}"

            yield name, {k: self.digests[k] for k in range(first, last)}, render
            first = last

    def discard(self) -> None:
        """Remove the spool (idempotent)."""
        if self._handle is not None:
            self._handle.close()
            self._handle, self._open = None, None
        for handle in self._explorer.values():
            handle.close()
        self._explorer.clear()
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)
            self._spool = None


def _run_key(run_dir: Path, manifest: Mapping[str, Any]) -> str:
    return f"{run_dir.resolve()}|{manifest.get('started', '')}"


def _write_inline(run_dir: Path, shown: Path) -> Path:
    """A small run's report: every document on report.html."""
    data = load_run(run_dir)
    docs = data.documents
    out = run_dir / REPORT_FILE
    summary = run_summary(data, shown)
    sections: dict[int, str] = {
        i: render_document(docs[i], a, data.claims_of(_key(docs[i])), data.clutter_of(_key(docs[i])),
                           f"doc-{i + 1}", inline_nav(i, len(docs)))
        for i, a in _articles(run_dir, docs)
    }
    table = documents_table([(i + 1, d, f"#doc-{i + 1}") for i, d in enumerate(docs)])
    claims = explorer(data, [""] * len(docs), _run_key(shown, data.manifest))
    body = "\n".join([summary, claims, DOCS_HEADING, FILTER, table, *(sections[i] for i in range(len(docs)))])
    _write(out, page(f"newsclaims report: {shown.name}", body))
    _clear_pages(run_dir / REPORT_DIR)
    log.info("report: %d documents on one page -> %s", len(docs), out)
    return out


def _index_nav(n: int, index_names: Sequence[str]) -> str:
    top = n == 0
    links = [(f"{REPORT_DIR}/{name}" if top and k else (f"../{REPORT_FILE}" if not top and not k else name))
             for k, name in enumerate(index_names)]
    return "<nav>pages: " + "".join(
        f"<strong>{k + 1}</strong> " if k == n else f'<a href="{esc(link)}">{k + 1}</a>'
        for k, link in enumerate(links)
    ) + "</nav>"


#: What a page's look depends on besides its inputs: this module's code (templates, style, script).
_CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_page_digests(folder: Path) -> dict[str, list[str]]:
    """The page digests of the report pages in ``folder`` (``{page file: [input digest, file sha256]}``);
    empty when there are none or they cannot be read."""
    try:
        found = json.loads((Path(folder) / DIGESTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items()
            if isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)}


def page_digest(name: str, title: str, inputs: Iterable[Sequence[Any]]) -> str:
    """sha256 of everything a page of documents is made from: the rendering code, its file name and title,
    and per document ``[index, document_digest, navigation]`` (``inputs``)."""
    digest = hashlib.sha256(f"{_CODE_DIGEST}\0{name}\0{title}\0".encode())
    for item in inputs:
        digest.update(json.dumps(item, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8", "replace"))
        digest.update(b"\0")
    return digest.hexdigest()


def _read_pages(run_dir: Path, data: RunIndex, names: Sequence[str],
                anchors: Sequence[str]) -> Iterator[tuple[str, dict[int, str], Section]]:
    """Pages of documents as their documents are read from the run folder (in articles.jsonl order): the page
    file, each document's :func:`document_digest` and how to render a document with its navigation."""
    docs = data.documents
    members = Counter(names)
    waiting: dict[str, dict[int, tuple[Any, ...]]] = defaultdict(dict)
    for i, article in _articles(run_dir, docs):
        key = _key(docs[i])
        group = waiting[names[i]]
        group[i] = (docs[i], article, data.claims_of(key), data.clutter_of(key), anchors[i])
        if len(group) < members[names[i]]:
            continue
        del waiting[names[i]]  # the page's documents are all read: render it, then free them

        def render(k: int, nav: str, group: dict[int, tuple[Any, ...]] = group) -> str:
            return render_document(*group[k][:4], anchor=group[k][4], nav=nav)

        yield names[i], {k: document_digest(*v) for k, v in group.items()}, render


def _write_pages(run_dir: Path, data: RunIndex | ReportSections, previous: Path | None = None,
                 shown: Path | None = None) -> Path:
    """A large run's report: pages of documents under report/, index pages, report.html with the explorer;
    from ``data`` the run folder's tables, or the sections rendered while the run was merged."""
    docs = data.documents
    out = run_dir / REPORT_FILE
    shown = shown if shown is not None else run_dir
    run_key = _run_key(shown, data.manifest)
    folder = run_dir / REPORT_DIR
    names, anchors = _group_files(docs)
    hrefs = [f"{name}#{anchor}" for name, anchor in zip(names, anchors, strict=True)]
    pages = [list(range(k, min(k + INDEX_PAGE_ROWS, len(docs)))) for k in range(0, len(docs), INDEX_PAGE_ROWS)]
    index_names = [REPORT_FILE] + [f"index-{n + 1}.html" for n in range(1, len(pages))]
    back = f'<nav><a href="../{REPORT_FILE}">← all documents</a></nav>'
    old_folder = Path(previous) / REPORT_DIR if previous is not None else None
    old_digests = read_page_digests(old_folder) if old_folder is not None else {}
    digests: dict[str, list[str]] = {}
    reused = 0
    with _fresh_folder(folder) as staging:
        made = data.pages() if isinstance(data, ReportSections) else _read_pages(run_dir, data, names, anchors)
        for name, found, render in made:
            order = sorted(found)
            title = " / ".join(str(docs[k].get("source", "")) for k in order[:2]) + (" ..." if len(order) > 2 else "")
            navs = {k: page_nav(k, hrefs) for k in order}
            digest = page_digest(name, title, ([k, found[k], navs[k]] for k in order))
            old = old_digests.get(name)
            if old_folder is not None and old is not None and old[0] == digest and (old_folder / name).is_file() \
                    and _file_sha256(old_folder / name) == old[1]:
                shutil.copyfile(old_folder / name, staging / name)
                reused += 1
            else:
                _write_plain(staging / name, page(title, back + "\n".join(render(k, navs[k]) for k in order)))
            digests[name] = [digest, _file_sha256(staging / name)]
        _write_plain(staging / DIGESTS_FILE, json.dumps(digests, indent=0, sort_keys=True) + "\n")
        if reused:
            log.info("report: %d of %d document pages unchanged, taken from %s", reused, len(digests), old_folder)
        summary = run_summary(data, shown)
        for n, rows in enumerate(pages[1:], start=1):
            nav = _index_nav(n, index_names)
            table = documents_table([(i + 1, docs[i], f"{names[i]}#{anchors[i]}") for i in rows])
            title = f"newsclaims report: {shown.name} ({n + 1}/{len(pages)})"
            _write_plain(staging / index_names[n],
                         page(title, "\n".join([summary, DOCS_HEADING, nav, FILTER, table, nav])))
    nav = _index_nav(0, index_names)
    table = documents_table([(i + 1, docs[i], f"{REPORT_DIR}/{names[i]}#{anchors[i]}") for i in pages[0]])
    title = f"newsclaims report: {shown.name} (1/{len(pages)})"
    links = [f"{REPORT_DIR}/{name}" for name in names]
    tail = "\n".join([DOCS_HEADING, nav, FILTER, table, nav])
    body = [summary, "\n", *explorer_parts(data, links, run_key), "\n" + tail]
    with atomic_open(out, "w", encoding="utf-8", errors="replace", newline="\n") as handle:
        for piece in page_parts(title, body):
            handle.write(piece)
    log.info("report: %d documents, %d index pages -> %s", len(docs), len(pages), out)
    return out
