#!/usr/bin/env python3
"""Link ENT and PRONOTE accounts with Splink (DuckDB backend), for the
account-matching benchmark of issue 7 (scripts/bench-matching.sh).

    splink_link.py ENT_CSV PRONOTE_CSV OUT_LINKS_CSV

Input: the CSV files of the Rust generator (`id,scope,population,last_name,
first_name,birth_date,related`). Output: `ent_id,pronote_id`, the automatic
links only. Timings go to stdout, the last line being `SECONDS=<float>`
(load + train + predict + one-to-one + write, the process start-up and the
imports excluded: those are in the wall time the shell script measures).

The configuration follows Splink's documentation for linking two person
tables (the febrl4 "link_only" example and the topic guides):

* preprocessing in SQL before Splink sees the data, as the feature
  engineering guide advises: names lower-cased, accents stripped, ligatures
  folded, every character but letters and digits removed (so `Jean-Marie`, `JEAN MARIE` and
  `jeanmarie` agree); an empty name or date becomes NULL;
* link_type "link_only";
* blocking rules for prediction, all within the same scope (establishment or
  base) and population, since records only match there:
  scope+population+last name, scope+population+first name,
  scope+population+birth date, and scope+population with the first and
  last names swapped;
* comparisons: with SPLINK_NAMES=separate (the default), NameComparison on
  first name and on last name (null, exact with term-frequency adjustment,
  Jaro-Winkler 0.92 / 0.88 / 0.70, else); with
  SPLINK_NAMES=forename_surname, the documented ForenameSurnameComparison
  instead (exact on the full name with term frequencies, names swapped,
  Jaro-Winkler 0.92 / 0.88 on both, exact on one, else); and
  DateOfBirthComparison on the birth date (null, exact, Levenshtein <= 1,
  1 month, 1 year, 10 years, else);
* probability that two random records match estimated from deterministic
  rules (scope+population+names+birth date, recall 0.8 as the
  documentation's examples assume), u by random sampling
  (SPLINK_U_MAX_PAIRS, default 1e8 pairs, with Splink's early stop once each
  level has enough observations), m by expectation maximisation with the two
  training blocking rules the documentation recommends for this shape of
  data: one blocking on the birth date (trains the names) and one on the
  last name (trains the first name and the date);
* SPLINK_SAVE_MODEL=path saves the trained model (Splink's JSON);
  SPLINK_MODEL=path loads one instead of training: the run is then
  load + predict + one-to-one + write, Splink's one-off training left out
  (the bench trains once, then times a second run with the saved model).
  TRAIN_SECONDS= is printed before SECONDS=;
* predict with SPLINK_PREDICT_THRESHOLD (default match_probability 0.5) to
  get the candidates, then the one-to-one rule: a pair is kept only if it is
  the best candidate of both its ENT and its PRONOTE record (ties dropped:
  duplicates and homonyms are not linked automatically, as in Relais), and
  only if its match_probability reaches the link threshold.
  SPLINK_LINK_THRESHOLDS (default "0.99 0.5") lists thresholds: the first
  writes OUT_LINKS_CSV, each other t writes OUT_LINKS_CSV with ".p<t>.csv"
  for ".csv", from the same predictions. Splink's documentation leaves the
  threshold to the user; 0.99 is a cautious automatic link, 0.5 the point
  where a match is more likely than not. The probabilities are calibrated on
  all pairs (a small prior), not on the candidates of one establishment,
  so pairs with names only (guardians have no birth date) rarely reach 0.99.
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()

import duckdb  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # noqa: E402
from splink.blocking_rule_library import CustomRule  # noqa: E402

# First and last names written in each other's field (a common slip).
SWAPPED_NAMES = CustomRule(
    "l.scope = r.scope and l.population = r.population"
    " and l.first_name = r.last_name and l.last_name = r.first_name"
)

# The cleaning of a name, as DuckDB SQL: lower case, accents stripped,
# ligatures folded, only the letters and digits kept, NULL when nothing is left.
CLEAN_NAME = """nullif(regexp_replace(
    replace(replace(replace(replace(strip_accents(lower(coalesce({col}, ''))),
        'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'), 'ø', 'o'),
    '[^a-z0-9]', '', 'g'), '')"""

CLEAN_DATE = "try_cast(nullif(trim(coalesce(birth_date, '')), '') as date)"


def load(con: duckdb.DuckDBPyConnection, path: str, table: str) -> int:
    con.execute(
        f"""
        create table {table} as
        select
            id as unique_id,
            id as record_id,
            scope,
            population,
            {CLEAN_NAME.format(col="last_name")} as last_name,
            {CLEAN_NAME.format(col="first_name")} as first_name,
            {CLEAN_DATE} as birth_date,
            nullif(concat_ws(' ', {CLEAN_NAME.format(col="first_name")},
                             {CLEAN_NAME.format(col="last_name")}), '') as full_name
        from read_csv(?, header = true, all_varchar = true, quote = '"',
                      escape = '"', delim = ',')
        """,
        [path],
    )
    return con.execute(f"select count(*) from {table}").fetchall()[0][0]


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    ent_csv, pronote_csv, out_csv = sys.argv[1:]
    u_max_pairs = float(os.environ.get("SPLINK_U_MAX_PAIRS", "1e8"))
    predict_threshold = float(os.environ.get("SPLINK_PREDICT_THRESHOLD", "0.5"))
    # The first threshold gives OUT_LINKS_CSV; each other one t gives
    # OUT_LINKS_CSV with ".p<t>.csv" in place of ".csv" (same run).
    link_thresholds = [float(t) for t in os.environ.get("SPLINK_LINK_THRESHOLDS", "0.99 0.5").split()]
    names = os.environ.get("SPLINK_NAMES", "separate")
    prior = os.environ.get("SPLINK_PRIOR", "within")

    start = time.perf_counter()
    con = duckdb.connect(":memory:")
    n_ent = load(con, ent_csv, "ent")
    n_pronote = load(con, pronote_csv, "pronote")
    db_api = DuckDBAPI(connection=con)
    ent = db_api.register("ent", dataset_display_name="ent")
    pronote = db_api.register("pronote", dataset_display_name="pronote")
    t_load = time.perf_counter()

    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=[
            block_on("scope", "population", "last_name"),
            block_on("scope", "population", "first_name"),
            block_on("scope", "population", "birth_date"),
            SWAPPED_NAMES,
        ],
        comparisons=[
            *name_comparisons(names),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
        ],
        additional_columns_to_retain=["record_id"],
        retain_intermediate_calculation_columns=False,
    )
    log_level = os.environ.get("SPLINK_LOG", "WARNING")
    model = os.environ.get("SPLINK_MODEL", "")
    if model:
        # A model trained once beforehand (SPLINK_SAVE_MODEL): no training.
        linker = Linker([ent, pronote], model, log_level=log_level)
        print(f"splink model loaded from {model}: no training")
    else:
        linker = Linker([ent, pronote], settings, log_level=log_level)
        train(linker, con, prior, n_ent, n_pronote, u_max_pairs)
        save = os.environ.get("SPLINK_SAVE_MODEL", "")
        if save:
            linker.misc.save_model_to_json(save, overwrite=True)
    t_train = time.perf_counter()

    predictions = linker.inference.predict(threshold_match_probability=predict_threshold)
    t_predict = time.perf_counter()

    # One-to-one: mutual best candidates, ties dropped, then the link thresholds.
    table = predictions.physical_name
    con.execute(
        f"""
        create table one_to_one as
        with pairs as (
            select
                case when source_dataset_l = 'ent' then record_id_l else record_id_r end as ent_id,
                case when source_dataset_l = 'ent' then record_id_r else record_id_l end as pronote_id,
                match_probability as p
            from {table}
        ),
        ranked as (
            select *,
                rank() over (partition by ent_id order by p desc) as rank_ent,
                count(*) over (partition by ent_id, p) as ties_ent,
                rank() over (partition by pronote_id order by p desc) as rank_pronote,
                count(*) over (partition by pronote_id, p) as ties_pronote
            from pairs
        )
        select ent_id, pronote_id, p from ranked
        where rank_ent = 1 and ties_ent = 1 and rank_pronote = 1 and ties_pronote = 1
        """
    ).fetchall()
    n_candidates = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    counts = []
    for i, threshold in enumerate(link_thresholds):
        path = out_csv if i == 0 else threshold_path(out_csv, threshold)
        links = con.execute(
            "select ent_id, pronote_id from one_to_one where p >= ? order by ent_id, pronote_id",
            [threshold],
        ).fetchall()
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write("ent_id,pronote_id\n")
            for ent_id, pronote_id in links:
                out.write(f"{csv_field(ent_id)},{csv_field(pronote_id)}\n")
        counts.append(f"{len(links)} at p>={threshold}")
    end = time.perf_counter()

    print(f"splink records ent={n_ent} pronote={n_pronote} names={names}")
    print(f"splink candidates>={predict_threshold}: {n_candidates}, one-to-one links: {', '.join(counts)}")
    print(f"splink imports {start - T0:.3f}s load {t_load - start:.3f}s train {t_train - t_load:.3f}s "
          f"predict {t_predict - t_train:.3f}s one-to-one+write {end - t_predict:.3f}s")
    print(f"TRAIN_SECONDS={t_train - t_load:.3f}")
    print(f"SECONDS={end - start:.3f}")
    return 0


def train(linker: Linker, con, prior: str, n_ent: int, n_pronote: int, u_max_pairs: float) -> None:
    """The one-off training: the prior from a deterministic rule, u by
    random sampling, m by expectation maximisation."""
    linker.training.estimate_probability_two_random_records_match(
        [block_on("scope", "population", "last_name", "first_name", "birth_date")],
        recall=0.8,
    )
    if prior == "within":
        # Splink divides the matches by all ENT x PRONOTE pairs; records only
        # ever meet within their scope and population, so divide by those pairs.
        within_pairs = con.execute(
            """select sum(e.n * p.n) from
                 (select scope, population, count(*) as n from ent group by all) e
                 join (select scope, population, count(*) as n from pronote group by all) p
                 using (scope, population)"""
        ).fetchall()[0][0]
        global_prior = linker._settings_obj._probability_two_random_records_match
        within_prior = min(0.5, global_prior * n_ent * n_pronote / within_pairs)
        linker._settings_obj._probability_two_random_records_match = within_prior
        print(f"splink prior: {global_prior:.3g} over all pairs, {within_prior:.3g} within scope+population")
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=7)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("scope", "population", "birth_date")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("scope", "population", "last_name")
    )


def name_comparisons(names: str) -> list:
    if names == "separate":
        return [
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
        ]
    if names == "forename_surname":
        return [
            cl.ForenameSurnameComparison(
                "first_name", "last_name", forename_surname_concat_col_name="full_name"
            )
        ]
    raise SystemExit(f"SPLINK_NAMES must be separate or forename_surname, not {names!r}")


def threshold_path(out_csv: str, threshold: float) -> str:
    stem = out_csv[:-4] if out_csv.endswith(".csv") else out_csv
    return f"{stem}.p{threshold:g}.csv"


def csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


if __name__ == "__main__":
    sys.exit(main())
