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
  scope+population+birth date;
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
* predict with SPLINK_PREDICT_THRESHOLD (default match_probability 0.5) to
  get the candidates, then the one-to-one rule: a pair is kept only if it is
  the best candidate of both its ENT and its PRONOTE record (ties dropped),
  and only if its match_probability >= SPLINK_LINK_THRESHOLD (default 0.99).
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()

import duckdb  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # noqa: E402

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
    link_threshold = float(os.environ.get("SPLINK_LINK_THRESHOLD", "0.99"))
    names = os.environ.get("SPLINK_NAMES", "separate")

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
        ],
        comparisons=[
            *name_comparisons(names),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
        ],
        additional_columns_to_retain=["record_id"],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([ent, pronote], settings, log_level=os.environ.get("SPLINK_LOG", "WARNING"))

    linker.training.estimate_probability_two_random_records_match(
        [block_on("scope", "population", "last_name", "first_name", "birth_date")],
        recall=0.8,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=7)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("scope", "population", "birth_date")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("scope", "population", "last_name")
    )
    t_train = time.perf_counter()

    predictions = linker.inference.predict(threshold_match_probability=predict_threshold)
    t_predict = time.perf_counter()

    # One-to-one: mutual best candidates, ties dropped, then the link threshold.
    table = predictions.physical_name
    links = con.execute(
        f"""
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
        select ent_id, pronote_id from ranked
        where rank_ent = 1 and ties_ent = 1 and rank_pronote = 1 and ties_pronote = 1
          and p >= ?
        order by ent_id, pronote_id
        """,
        [link_threshold],
    ).fetchall()
    n_candidates = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    with open(out_csv, "w", encoding="utf-8", newline="") as out:
        out.write("ent_id,pronote_id\n")
        for ent_id, pronote_id in links:
            out.write(f"{csv_field(ent_id)},{csv_field(pronote_id)}\n")
    end = time.perf_counter()

    print(f"splink records ent={n_ent} pronote={n_pronote} names={names}")
    print(f"splink candidates>={predict_threshold}: {n_candidates}, links>={link_threshold} one-to-one: {len(links)}")
    print(f"splink imports {start - T0:.3f}s load {t_load - start:.3f}s train {t_train - t_load:.3f}s "
          f"predict {t_predict - t_train:.3f}s one-to-one+write {end - t_predict:.3f}s")
    print(f"SECONDS={end - start:.3f}")
    return 0


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


def csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


if __name__ == "__main__":
    sys.exit(main())
