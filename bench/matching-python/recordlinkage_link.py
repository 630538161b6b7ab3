#!/usr/bin/env python3
"""Link ENT and PRONOTE accounts with the Python Record Linkage Toolkit
(recordlinkage), for the account-matching benchmark of issue 7
(scripts/bench-matching.sh).

    recordlinkage_link.py ENT_CSV PRONOTE_CSV OUT_LINKS_CSV

Input: the CSV files of the Rust generator (`id,scope,population,last_name,
first_name,birth_date,related`). Output: `ent_id,pronote_id`, the automatic
links only. Timings go to stdout, the last line being `SECONDS=<float>`
(load + index + compare + classify + one-to-one + write; the process
start-up and the imports are in the wall time the shell script measures).

The configuration follows the toolkit's documentation (the "link two
datasets" and unsupervised-classification examples):

* preprocessing with `recordlinkage.preprocessing.clean` (lower case,
  accents stripped with strip_accents="unicode", punctuation removed,
  hyphens and underscores to spaces), after folding the ligatures it does
  not know (œ, æ); the spaces left are then removed so that compound names
  agree whatever their separators (`Jean-Marie` / `JEAN MARIE`);
* indexing (RL_INDEX=sorted, the default): the union of a
  `SortedNeighbourhood` on the last name (window RL_WINDOW, default 5) and
  a `Block` on the birth date, both within the same scope and population
  (`block_on` / block keys: records only match there). A single Block on
  scope+population alone is the cross product of each establishment's
  population, far too many pairs at the region scale. RL_INDEX=blocks
  takes instead the union of three Blocks (scope+population+last name,
  +first name, +birth date), the candidate pairs of Splink's blocking
  rules; but then most candidates agree on the first name only (all the
  Nathalies of a school), and the ECM fit degenerates (it learns first-name
  agreement as the mark of a non-match and links spouses: F1 ~0.76);
* comparison: `Compare.string(method="jarowinkler")` on first and last
  names, `Compare.exact` on the birth date (missing -> 0), on
  RL_JOBS processes (default 1: the machine is shared);
* classification: `ECMClassifier(binarize=0.85)`, the unsupervised
  Fellegi-Sunter model fitted by expectation/conditional maximisation, the
  names agreeing at Jaro-Winkler >= 0.85 (the threshold of the
  documentation's examples);
* one-to-one: among the pairs the classifier calls matches, a pair is kept
  only if it is the best candidate of both its ENT and its PRONOTE record
  (by ECM match probability, then by the raw Jaro-Winkler similarities),
  ties dropped.
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import recordlinkage  # noqa: E402
from recordlinkage.index import Block, SortedNeighbourhood  # noqa: E402
from recordlinkage.preprocessing import clean  # noqa: E402

JW_THRESHOLD = 0.85


def clean_name(s: pd.Series) -> pd.Series:
    s = s.fillna("").astype(str)
    for ligature, plain in (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss")):
        s = s.str.replace(ligature, plain, regex=False)
    s = clean(s, strip_accents="unicode")
    s = s.str.replace(r"\s+", "", regex=True)
    return s.where(s != "", np.nan)


def load(path: str) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    out = pd.DataFrame(
        {
            "scope": df["scope"],
            "population": df["population"],
            "last_name": clean_name(df["last_name"]),
            "first_name": clean_name(df["first_name"]),
            "birth_date": df["birth_date"].str.strip().replace("", np.nan),
        }
    )
    out.index = pd.Index(df["id"], name="id")
    return out


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    ent_csv, pronote_csv, out_csv = sys.argv[1:]
    jobs = int(os.environ.get("RL_JOBS", "1"))
    index_mode = os.environ.get("RL_INDEX", "sorted")
    window = int(os.environ.get("RL_WINDOW", "5"))

    start = time.perf_counter()
    ent = load(ent_csv)
    pronote = load(pronote_csv)
    t_load = time.perf_counter()

    indexer = recordlinkage.Index()
    within = ["scope", "population"]
    if index_mode == "blocks":
        for key in ("last_name", "first_name", "birth_date"):
            indexer.add(Block(left_on=within + [key]))
    elif index_mode == "sorted":
        indexer.add(SortedNeighbourhood("last_name", window=window, block_on=within))
        indexer.add(Block(left_on=within + ["birth_date"]))
    else:
        raise SystemExit(f"RL_INDEX must be sorted or blocks, not {index_mode!r}")
    candidates = indexer.index(ent, pronote)
    t_index = time.perf_counter()

    compare = recordlinkage.Compare(n_jobs=jobs)
    compare.string("first_name", "first_name", method="jarowinkler", label="first_name")
    compare.string("last_name", "last_name", method="jarowinkler", label="last_name")
    compare.exact("birth_date", "birth_date", missing_value=0, label="birth_date")
    features = compare.compute(candidates, ent, pronote)
    t_compare = time.perf_counter()

    classifier = recordlinkage.ECMClassifier(binarize=JW_THRESHOLD)
    matches = classifier.fit_predict(features)
    probability = pd.Series(classifier.prob(features.loc[matches]), index=matches)
    t_classify = time.perf_counter()

    # One-to-one: mutual best by ECM probability, then raw similarity; ties dropped.
    chosen = pd.DataFrame(
        {
            "ent_id": matches.get_level_values(0),
            "pronote_id": matches.get_level_values(1),
            "p": probability.to_numpy(),
            "s": features.loc[matches].sum(axis=1).to_numpy(),
        }
    )
    chosen = chosen.sort_values(["p", "s"], ascending=False, kind="stable")
    mutual = np.ones(len(chosen), dtype=bool)
    for side in ("ent_id", "pronote_id"):
        first = ~chosen.duplicated(side, keep="first").to_numpy()
        tied = chosen.duplicated([side, "p", "s"], keep=False).to_numpy()
        mutual &= first & ~tied
    links = chosen[mutual]
    links = links.sort_values(["ent_id", "pronote_id"])
    links[["ent_id", "pronote_id"]].to_csv(out_csv, index=False, encoding="utf-8")
    end = time.perf_counter()

    print(f"recordlinkage records ent={len(ent)} pronote={len(pronote)}")
    print(f"recordlinkage candidate pairs {len(candidates)}, ECM matches {len(matches)}, "
          f"links one-to-one {len(links)}")
    print(f"recordlinkage imports {start - T0:.3f}s load {t_load - start:.3f}s "
          f"index {t_index - t_load:.3f}s compare {t_compare - t_index:.3f}s "
          f"classify {t_classify - t_compare:.3f}s one-to-one+write {end - t_classify:.3f}s")
    print(f"SECONDS={end - start:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
