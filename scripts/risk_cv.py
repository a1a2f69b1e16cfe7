#!/usr/bin/env python3
"""Leave-one-round-out cross-validation of the risk model's threshold.

For each blind round tests/data/risk_roundN.tsv it trains the risk model on everything the build
trains on except that round (shirube_train_models), then runs `shirube eval` on the held-out
round at every threshold, and on the everyday messages never trained on
(tests/data/everyday_heldout.txt). The counts are pooled over the rounds and printed per
threshold: recall (crisis and check lines caught), the check question on ordinary lines,
ordinary lines answered as crisis leaving violence aside, and the everyday messages asked
about. The rules and the meaning layer are the current ones in every fold (they do not learn
from the rounds), so the figures say what the threshold does, not how new wording fares:
only a new blind round says that.

usage: scripts/risk_cv.py [--build build/debug] [--thresholds 0.3,0.4,0.5]
Exit 0 when it ran, 2 on bad usage or a missing binary.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")

FIGURES = {
    "recall": re.compile(r"^recall: (\d+)/(\d+)", re.M),
    "asked": re.compile(r"^  asked \(check\): (\d+)/(\d+)", re.M),
    "crisis_nv": re.compile(
        r"^  answered as crisis, leaving out lines labelled violence: (\d+)/(\d+)", re.M),
}


def train(build, out_cpp, rounds):
    args = [os.path.join(build, "intents", "shirube_train_models"), "risk", out_cpp]
    for r in rounds:
        args += ["--risk", r]
    args += ["--recall", os.path.join(DATA, "crisis_recall.tsv"),
             "--needs", os.path.join(DATA, "intents_eval.tsv"),
             "--ordinary", os.path.join(DATA, "everyday_train.txt")]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return out_cpp + ".bin"


def evaluate(build, tsv, model, threshold):
    out = subprocess.run([os.path.join(build, "shirube"), "eval", tsv, "--risk-model", model,
                          "--risk-threshold", str(threshold)],
                         check=True, capture_output=True, text=True).stdout
    found = {}
    for name, pattern in FIGURES.items():
        m = pattern.search(out)
        found[name] = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build", "debug"))
    p.add_argument("--thresholds", default="0.3,0.35,0.4,0.45,0.5,0.55,0.6")
    args = p.parse_args()
    try:
        thresholds = [float(t) for t in args.thresholds.split(",")]
    except ValueError:
        print(f"risk_cv: --thresholds: expected numbers, got {args.thresholds!r}",
              file=sys.stderr)
        return 2
    for tool in ("shirube", os.path.join("intents", "shirube_train_models")):
        if not os.access(os.path.join(args.build, tool), os.X_OK):
            print(f"risk_cv: {os.path.join(args.build, tool)}: not built", file=sys.stderr)
            return 2
    rounds = sorted(glob.glob(os.path.join(DATA, "risk_round*.tsv")),
                    key=lambda f: int(re.search(r"(\d+)\.tsv$", f).group(1)))
    pooled = {t: {k: [0, 0] for k in list(FIGURES) + ["everyday"]} for t in thresholds}
    with tempfile.TemporaryDirectory(prefix="shirube-risk-cv-") as work:
        everyday = os.path.join(work, "everyday.tsv")
        with open(os.path.join(DATA, "everyday_heldout.txt"), encoding="utf-8") as src, \
                open(everyday, "w", encoding="utf-8") as dst:
            for line in src:
                line = line.strip()
                if line and not line.startswith("#"):
                    dst.write(f"{line}\tnone\tnone\tja\t-\n")
        for held in rounds:
            name = os.path.basename(held)
            model = train(args.build, os.path.join(work, name + ".cpp"),
                          [r for r in rounds if r != held])
            for t in thresholds:
                f = evaluate(args.build, held, model, t)
                e = evaluate(args.build, everyday, model, t)["asked"]
                for k in FIGURES:
                    pooled[t][k][0] += f[k][0]
                    pooled[t][k][1] += f[k][1]
                pooled[t]["everyday"][0] += e[0]
                pooled[t]["everyday"][1] += e[1]
            print(f"held out {name}", file=sys.stderr)
    print(f"leave-one-round-out over {len(rounds)} rounds (counts pooled)")
    print("| threshold | recall | check on none | crisis on none, violence aside "
          "| everyday asked |")
    print("|---:|---:|---:|---:|---:|")
    for t in thresholds:
        cells = []
        for k in ("recall", "asked", "crisis_nv", "everyday"):
            hit, total = pooled[t][k]
            cells.append(f"{hit}/{total} = {100.0 * hit / total:.1f}%" if total else "-")
        print(f"| {t:g} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
