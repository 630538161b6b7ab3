//! The committed `schema.graphql` is the schema the server serves.

#[test]
fn the_committed_schema_matches_the_generated_one() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = relais_api::sdl();
    assert!(
        committed == generated,
        "schema.graphql is out of date: run `make schema` and commit it"
    );
}
