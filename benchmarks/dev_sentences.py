"""Development set for finding claim-extraction errors: fresh corpus sentences plus hand-written ones.

Draws candidate sentences from the research corpora with a seed other than the gold set's, leaving out every
sentence of the gold pointer list, writes them (and the hand-written sentences below) to
``outputs/dev/sentences.jsonl`` (``outputs/`` is not versioned: corpus text never enters the repository), runs
the pipeline on them and prints each sentence with the quantities found, for reading by eye.

Usage::

    python benchmarks/dev_sentences.py [--seed N] [--reuters K] [--bbc K] [--no-run] [--own-only]
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_sentences as bs  # noqa: E402

log = logging.getLogger(__name__)

DEFAULT_OUT = Path("outputs/dev/sentences.jsonl")
DEFAULT_RUN = Path("outputs/dev/run")

#: Hand-written sentences exercising rarer quantity forms (several styles, currencies, units, bounds).
OWN_SENTENCES = (
    "The company posted a net profit of 1.2 billion euros, up from 950 million euros a year earlier.",
    "Shares closed at 14.35 Swiss francs, valuing the group at roughly 3.1 billion francs.",
    "Toyota expects operating profit of 2.5 trillion yen for the year to March.",
    "The rupee fell to 83.2 per dollar, its weakest level on record.",
    "Revenue rose to Rs 4,560 crore from Rs 3,900 crore.",
    "The fund raised A$450 million from institutional investors.",
    "The deal is worth C$2.3bn including debt.",
    "Brent crude rose 1.4% to $82.10 a barrel.",
    "Output averaged 1.2 million barrels per day in May.",
    "The plant will have a capacity of 450 MW when it opens.",
    "The new line is 37 km long and cost 2.4 billion pounds.",
    "Temperatures reached 41.5C in Seville on Tuesday.",
    "The ship can carry 24,000 TEU.",
    "Unemployment fell 0.3 percentage points to 4.1 per cent.",
    "Inflation eased to 2.9 percent in March from 3.2 percent in February.",
    "About two-thirds of voters backed the plan.",
    "Nearly half of the 1,200 staff will lose their jobs.",
    "Three quarters of the firms surveyed expect higher prices.",
    "Between 300 and 400 people attended the rally.",
    "Prices rose by 5-7% in most regions.",
    "The striker has scored 12 goals in 15 games this season.",
    "Federer won 6-3 6-4 7-6 to reach his fifth final.",
    "She finished second in 2 hours 21 minutes.",
    "The company ranked third in global sales last year.",
    "Sales were up threefold compared with 2019.",
    "The index dropped 120.5 points, or 0.8 per cent, to 15,230.4.",
    "At least 25 people were killed and more than 100 injured.",
    "Up to 5,000 jobs could go over the next two years.",
    "The government will spend less than 2% of GDP on defence.",
    "Fewer than 40 of the 650 MPs voted against the bill.",
    "The bank cut its key rate by 25 basis points to 4.5%.",
    "Gold fell $12.40 to $1,932.50 an ounce.",
    "The firm shipped 3.4m units in the quarter, a rise of 17%.",
    "It sold 250,000 tonnes of wheat to Egypt.",
    "The wind farm covers 120 square kilometres.",
    "Annual rainfall here is about 600 mm.",
    "The aircraft flew 12,000 nautical miles.",
    "Microsoft bought the studio for $68.7bn.",
    "The film took 45 million dollars in its opening weekend.",
    "Imports jumped 23.6 pct to 1.45 billion dlrs in January.",
    "The company employs some 12,000 people in 40 countries.",
    "Audiences fell by a quarter to 3.2 million viewers.",
    "Ticket prices will go up from 2.50 pounds to 3 pounds.",
    "The meeting at 10 Downing Street lasted 90 minutes.",
    "The Boeing 747 was carrying 350 passengers.",
    "The G7 ministers met on 12 March 2024.",
    "Chelsea won 3-1 at home on Saturday.",
    "Turnover reached 780 million Swedish crowns.",
    "Exports to China rose 8.5% year on year to 2.1 trillion won.",
    "The loan carries an interest rate of 6.75 percent.",
    "The tower is 828 metres tall.",
    "The company's market value doubled to $1 trillion.",
    "Roughly one in five adults smokes.",
    "The survey of 2,000 adults found 62% were worried.",
    "Dividends will total 45 pence a share.",
    "The car reaches 100 km/h in 3.2 seconds.",
    "Some 1.5 million people visited the exhibition, a record.",
    "Costs have risen tenfold since 1990.",
    "Profits halved to 300 million rand.",
    "The brewer sold 40 million hectolitres of beer.",
    "The utility agreed to sell the unit for €3.5bn, or about $3.8bn.",
    "Nomura posted a loss of ¥120bn in the quarter.",
    "The deal values the firm at 1.2 trillion yuan ($170bn).",
    "The fund bought a 15% stake for SFr 2bn.",
    "The FTSE 100 closed up 3.2 points at 4,820.1.",
    "Nearly half a million people signed the petition.",
    "Nine in 10 firms said they would hire more staff.",
    "Costs were two-and-a-half times higher than planned.",
    "The plane cruised at 30,000 feet at 550 mph.",
    "The mall has 2.3 million square feet of floor space.",
    "The service costs $4.99 per month.",
    "Fire destroyed 3,000 acres of forest.",
    "A 100,000-strong crowd watched the parade.",
    "Temperatures fell to minus 5C overnight.",
    "The economy shrank 0.3% in the third quarter.",
    "Brazil's central bank sold R$3 billion in swaps.",
    "The ministry allocated Rs 1.5 lakh crore for roads.",
    "Shares in the company fell 12p to 345p.",
    "Sales climbed to 5.5bn euros from 4.9bn euros.",
    "He earns £250,000 a year, up from £180,000.",
    "The storm left 1.2 million homes without power.",
    "The car maker recalled 2.1m vehicles worldwide.",
    "Output of crude steel rose 4.5 per cent to 98.2 million tonnes.",
    "The dollar rose to 108.50 yen from 107.90 yen.",
    "Unemployment stands at 5.2%, the lowest in a decade.",
    "The team scored 27 points in the second half to win 27-24.",
    "Dubai Holding raised Dh5m from investors.",
    "The bill would cut taxes by $1.5 trillion over 10 years.",
    "The asteroid is about 1.2 km wide and passed within 4.5 million km of Earth.",
    "The vaccine was 94.5% effective in a trial of 30,000 volunteers.",
    "Sea levels could rise by up to 1.1 metres by 2100.",
    "The Labour majority was cut from 179 to 66.",
    "Turnout was 61.4%, up 2.1 percentage points on 2001.",
    "About 40,000 fans packed the 52,000-capacity stadium.",
    "Bolt ran the 100m in 9.58 seconds.",
    "The marathon winner finished in 2:05:42.",
    "The ship was carrying 2,000 barrels of oil and 15 crew.",
    "Saudi output rose by 400,000 barrels a day to 10.5 million b/d.",
    "The company's debt stood at 4.2 times earnings.",
    "The firm's shares have almost tripled this year.",
    "The yield on 10-year Treasuries rose 12 basis points to 4.25%.",
    "The rupee weakened to 74.5 against the dollar.",
    "Japan's economy grew at an annualised rate of 2.4%.",
    "The bank will axe 1,500 jobs, or 7% of its workforce.",
    "The average house price rose by £12,000 to £285,000.",
    "The new chip packs 16 billion transistors into 5 square millimetres.",
    "The plant emits 3.2 million tonnes of CO2 a year.",
    "The rouble traded at 92 to the dollar.",
    "Exports rose by a third to 12.4 billion dollars.",
    "Only one in three graduates found a job within six months.",
    "The firm expects revenue of between $1.1bn and $1.2bn.",
    "The index has fallen 20% from its peak of 1,850.",
)


def gold_digests(pointers: Path) -> set[str]:
    """sha1 digests of the gold set's sentences."""
    return {row["sha1"] for row in bs.read_pointers(pointers)}


def draw(root: Path, seed: int, n_reuters: int, n_bbc: int, exclude: set[str]) -> list[dict[str, str]]:
    """Seeded draw like ``build_sentences.select``, leaving out excluded sentences; returns JSONL records."""
    rows = bs.select(root, seed, n_reuters, n_bbc)
    records = []
    cache: dict[str, dict[str, bs.Doc]] = {}
    for row in rows:
        if row["sha1"] in exclude:
            continue
        if row["corpus"] == "reuters":
            if row["file"] not in cache:
                cache[row["file"]] = {d.doc: d for d in bs.reuters_bodies(root / "reuters21578" / "raw" / row["file"])}
            doc = cache[row["file"]][row["doc"]]
        else:
            doc = bs.bbc_doc(root, row["file"])
        text = doc.body[int(row["start"]):int(row["end"])]
        records.append({"text": text, "id": f"{row['corpus']}:{row['file']}:{row['doc']}:{row['start']}"})
    return records


def show(records: list[dict[str, str]], run: Path, name: str) -> None:
    """Print every sentence with the claims the run found in it."""
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    with (run / "claims.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found[int(row["source"].rsplit("#", 1)[1])].append(row)
    for n, rec in enumerate(records, 1):
        print(f"#{n} {rec['text']}")
        for c in sorted(found.get(n, []), key=lambda r: int(r["start"])):
            print(f"    {c['quantity']!r} = {c['value']} {c['unit']} {c['bound']} {c['kind']} [{c['rule']}]")
    print(f"{name}: {len(records)} sentences, {sum(len(v) for v in found.values())} claims")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=bs.DEFAULT_CORPORA)
    ap.add_argument("--seed", type=int, default=7919)
    ap.add_argument("--reuters", type=int, default=170)
    ap.add_argument("--bbc", type=int, default=130)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--no-run", action="store_true", help="only write the JSONL files")
    ap.add_argument("--own-only", action="store_true", help="only the hand-written sentences")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sets = [("own", args.out.with_name("own.jsonl"), [{"text": t, "id": f"own:{i}"} for i, t in
                                                        enumerate(OWN_SENTENCES, 1)])]
    if not args.own_only:
        if not args.corpora.is_dir():
            log.error("corpora not found: %s", args.corpora)
            return 2
        exclude = gold_digests(bs.DEFAULT_POINTERS)
        sets.insert(0, ("corpora", args.out, draw(args.corpora, args.seed, args.reuters, args.bbc, exclude)))
    for name, path, records in sets:
        bs.write_jsonl(records, path)
        log.info("wrote %d %s sentences to %s", len(records), name, path)
        if args.no_run:
            continue
        run = DEFAULT_RUN.with_name(f"run-{name}")
        subprocess.run([sys.executable, "-m", "pipeline", "run", str(path), "--no-clean", "-q", "--out", str(run)],
                       check=True)
        show(records, run, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
