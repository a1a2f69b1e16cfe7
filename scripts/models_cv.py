#!/usr/bin/env python3
"""Leave-one-round-out cross-validation of the risk and category models' settings.

For each blind round tests/data/risk_roundN.tsv it trains the model on everything the build
trains on except that round (shirube_train_models), then runs `shirube eval` on the held-out
round with every setting tried, and pools the counts over the rounds.

  risk        per threshold: recall (crisis and check lines caught), the check question on
              ordinary lines, ordinary lines answered as crisis leaving violence aside, and
              the everyday messages never trained on (tests/data/everyday_heldout.txt) asked
              about.
  categories  per weight of the blend (the built-in way: the model's probability times the
              weight added to the rules' scores), and per threshold of the earlier way, for
              Japanese messages only and for every language, with and without the model
              ordering the rules' categories below the threshold: top-1 category on the none
              lines that name a need, top-1 among the needs the line names, and lines that
              name no need given a category anyway; the rules alone (--without-model) for
              reference.

The rules and the meaning layer are the current ones in every fold (they do not learn from
the rounds, but were written after reading them), so the figures say what a setting does, not
how new wording fares: only a new blind round says that.

usage: scripts/models_cv.py risk|categories [--build build/debug] [--thresholds 0.3,0.4]
                            [--weights 5,10] [--from N]
  --from N   hold out only rounds N and later (each still trained on all the others)
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
    "top1": re.compile(r"^top-1 accuracy: (\d+)/(\d+)", re.M),
    "top1_named": re.compile(r"^top-1 among the needs the line names: (\d+)/(\d+)", re.M),
    "read_in": re.compile(r"^a need read into lines that name none: (\d+)/(\d+)", re.M),
}
DEFAULT_THRESHOLDS = {"risk": "0.3,0.35,0.4,0.45,0.5,0.55,0.6",
                      "categories": "0.3,0.4,0.5,0.6,0.7,0.8"}


def train(build, model, out_cpp, rounds):
    args = [os.path.join(build, "intents", "shirube_train_models"), model, out_cpp]
    for r in rounds:
        args += ["--risk", r]
    args += ["--recall", os.path.join(DATA, "crisis_recall.tsv"),
             "--needs", os.path.join(DATA, "intents_eval.tsv"),
             "--ordinary", os.path.join(DATA, "everyday_train.txt")]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return out_cpp + ".bin"


def evaluate(build, tsv, flags):
    out = subprocess.run([os.path.join(build, "shirube"), "eval", tsv] + flags,
                         check=True, capture_output=True, text=True).stdout
    found = {}
    for name, pattern in FIGURES.items():
        m = pattern.search(out)
        found[name] = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    return found


def add(pooled, key, figures):
    cell = pooled.setdefault(key, {k: [0, 0] for k in figures})
    for k, (hit, total) in figures.items():
        cell[k][0] += hit
        cell[k][1] += total


def ratio(hit_total):
    hit, total = hit_total
    return f"{hit}/{total} = {100.0 * hit / total:.1f}%" if total else "-"


def settings(model, thresholds, weights, model_bin):
    """(row label, eval flags) for each setting tried on a held-out round."""
    if model == "risk":
        return [(f"{t:g}", ["--risk-model", model_bin, "--risk-threshold", str(t)])
                for t in thresholds]
    rows = [("rules alone", ["--without-model"])]
    rows += [(f"blend, weight {w:g}", ["--category-model", model_bin, "--category-weight", str(w)])
             for w in weights]
    for scope, extra in (("Japanese", []), ("every language", ["--category-every-language"])):
        for order, more in (("", []), (", orders the rules", ["--category-orders-rules"])):
            rows += [(f"{t:g}, {scope}{order}",
                      ["--category-model", model_bin, "--category-threshold", str(t)] +
                      extra + more) for t in thresholds]
    return rows


def everyday_file(work):
    path = os.path.join(work, "everyday.tsv")
    with open(os.path.join(DATA, "everyday_heldout.txt"), encoding="utf-8") as src, \
            open(path, "w", encoding="utf-8") as dst:
        for line in src:
            line = line.strip()
            if line and not line.startswith("#"):
                dst.write(f"{line}\tnone\tnone\tja\t-\n")
    return path


def print_table(model, rounds, pooled):
    print(f"leave-one-round-out over {rounds} rounds (counts pooled)")
    if model == "risk":
        names = ("recall", "asked", "crisis_nv", "everyday")
        print("| threshold | recall | check on none | crisis on none, violence aside "
              "| everyday asked |")
        print("|---:|---:|---:|---:|---:|")
    else:
        names = ("top1", "top1_named", "read_in")
        print("| setting | top-1 category | top-1 among the needs named "
              "| a need read into lines naming none |")
        print("|---|---:|---:|---:|")
    for label, cell in pooled.items():
        print(f"| {label} | " + " | ".join(ratio(cell[k]) for k in names) + " |")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model", choices=("risk", "categories"))
    p.add_argument("--build", default=os.path.join(ROOT, "build", "debug"))
    p.add_argument("--thresholds")
    p.add_argument("--weights", default="5,10,15,20")
    p.add_argument("--from", dest="first", type=int, default=0)
    args = p.parse_args()
    text = args.thresholds or DEFAULT_THRESHOLDS[args.model]
    try:
        thresholds = [float(t) for t in text.split(",")]
        weights = [float(w) for w in args.weights.split(",")] if args.model == "categories" else []
    except ValueError:
        print(f"models_cv: --thresholds, --weights: expected numbers, got {text!r}, "
              f"{args.weights!r}", file=sys.stderr)
        return 2
    for tool in ("shirube", os.path.join("intents", "shirube_train_models")):
        if not os.access(os.path.join(args.build, tool), os.X_OK):
            print(f"models_cv: {os.path.join(args.build, tool)}: not built", file=sys.stderr)
            return 2
    rounds = sorted(glob.glob(os.path.join(DATA, "risk_round*.tsv")),
                    key=lambda f: int(re.search(r"(\d+)\.tsv$", f).group(1)))
    pooled = {}
    with tempfile.TemporaryDirectory(prefix="shirube-models-cv-") as work:
        everyday = everyday_file(work) if args.model == "risk" else None
        for held in rounds:
            if int(re.search(r"(\d+)\.tsv$", held).group(1)) < args.first:
                continue
            name = os.path.basename(held)
            model_bin = train(args.build, args.model, os.path.join(work, name + ".cpp"),
                              [r for r in rounds if r != held])
            for label, flags in settings(args.model, thresholds, weights, model_bin):
                f = evaluate(args.build, held, flags)
                if everyday:
                    f["everyday"] = evaluate(args.build, everyday, flags)["asked"]
                add(pooled, label, f)
            print(f"held out {name}", file=sys.stderr)
    held_out = [r for r in rounds if int(re.search(r"(\d+)\.tsv$", r).group(1)) >= args.first]
    print_table(args.model, len(held_out), pooled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
