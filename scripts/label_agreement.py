#!/usr/bin/env python3
"""How far two people agree on the first category of a message, and where the matcher stands.

tests/data/second_labels.tsv holds a second, independent labelling of the ordinary lines of
some blind rounds (the writer of a round labelled its lines; a second labeller, who saw neither
those labels nor the matcher, labelled them again). For the lines where both name a need, this
prints how often the two first labels are the same: the level an exact top-1 figure can be held
to. Given the output of `shirube eval` on a round (its "misclassified needs" list), it also
prints the matcher's top-1 against the writer, against the second labeller, and against either.

usage: scripts/label_agreement.py [--eval ROUND=EVAL_OUTPUT ...]
  e.g. build/debug/shirube eval tests/data/risk_round18.tsv > /tmp/r18.txt
       scripts/label_agreement.py --eval risk_round18.tsv=/tmp/r18.txt
Exit 0 when it ran, 2 on bad usage or an unreadable file.
"""

import argparse
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")
MISCLASSIFIED = re.compile(r"^\S*?([^/\s]+\.tsv):(\d+): expected (\S+), got (nothing|[a-z_]+)")


def read_second(path):
    second = defaultdict(dict)  # round file -> line -> [categories]
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or not fields[1].isdigit():
                sys.exit(f"{path}:{number}: expected: round file, line, categories")
            second[fields[0]][int(fields[1])] = fields[2].split(",")
    return second


def writer_needs(round_file):
    """Line number -> the writer's categories, for ordinary lines that name a need."""
    needs = {}
    # A round measured but not yet closed waits in tests/data/measured/.
    path = os.path.join(DATA, round_file)
    if not os.path.exists(path):
        path = os.path.join(DATA, "measured", round_file)
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 5 and fields[1] == "none" and fields[2].split(",")[0] != "none":
                needs[number] = fields[2].split(",")
    return needs


def matcher_firsts(eval_path, needs):
    """The matcher's first category per line: the writer's first unless eval listed it."""
    got = {}
    with open(eval_path, encoding="utf-8") as f:
        for line in f:
            m = MISCLASSIFIED.match(line)
            if m:
                got[int(m.group(2))] = m.group(4)
    return {n: got.get(n, cats[0]) for n, cats in needs.items()}


def pct(a, b):
    return f"{a}/{b} = {100.0 * a / b:.1f}%" if b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", default=os.path.join(DATA, "second_labels.tsv"))
    ap.add_argument("--eval", action="append", default=[], metavar="ROUND=EVAL_OUTPUT")
    args = ap.parse_args()
    try:
        second = read_second(args.labels)
        evals = dict(e.split("=", 1) for e in args.eval)
    except (OSError, ValueError) as e:
        print(f"label_agreement: {e}", file=sys.stderr)
        return 2
    total_both = total_same = 0
    for round_file in sorted(second, key=lambda r: int(re.sub(r"\D", "", r) or 0)):
        try:
            needs = writer_needs(round_file)
        except OSError as e:
            print(f"label_agreement: {e}", file=sys.stderr)
            return 2
        both = [n for n in needs if second[round_file].get(n, ["none"])[0] != "none"]
        same = sum(1 for n in both if second[round_file][n][0] == needs[n][0])
        total_both += len(both)
        total_same += same
        print(f"{round_file}: {len(needs)} lines the writer gave a need, the second labeller "
              f"a need on {len(both)}; same first label {pct(same, len(both))}")
        if round_file in evals:
            try:
                firsts = matcher_firsts(evals[round_file], needs)
            except OSError as e:
                print(f"label_agreement: {e}", file=sys.stderr)
                return 2
            w = sum(1 for n in both if firsts[n] == needs[n][0])
            s = sum(1 for n in both if firsts[n] == second[round_file][n][0])
            e = sum(1 for n in both if firsts[n] in (needs[n][0], second[round_file][n][0]))
            print(f"  matcher's first = the writer's {pct(w, len(both))}, = the second "
                  f"labeller's {pct(s, len(both))}, = either's {pct(e, len(both))}")
    print(f"all: same first label {pct(total_same, total_both)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
