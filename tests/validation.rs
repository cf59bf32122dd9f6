//! Bad budget files (kept under tests/fixtures) get one clear line per problem, naming the item
//! and the field; every problem is reported, not just the first; nothing panics.

use kumamoto_sme_budget::core::validate::parse;

fn messages(fixture: &str) -> Vec<String> {
    let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match parse(&text) {
        Ok(_) => vec![],
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_messages(fixture: &str, expected: &[&str]) {
    let got = messages(fixture);
    assert_eq!(got, expected, "{fixture}");
    for line in &got {
        assert!(!line.contains('\n'), "one line per problem: {line:?}");
    }
}

#[test]
fn the_small_valid_file_passes() {
    assert_messages("valid_small.json", &[]);
}

#[test]
fn missing_fields() {
    assert_messages(
        "missing_fields.json",
        &[
            "meta: field \"unit\": is missing",
            "direction 2: field \"title\": is missing",
            "project 3-2: field \"budget\": is missing",
        ],
    );
}

#[test]
fn fields_outside_the_contract() {
    let got = messages("unknown_fields.json");
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0]
            .starts_with("meta: field \"url\": is not in the data contract (allowed: title, city,"),
        "{got:?}"
    );
    assert!(
        got[1].starts_with("project 1-1: field \"english_name\": is not in the data contract"),
        "{got:?}"
    );
}

#[test]
fn duplicate_ids() {
    assert_messages(
        "duplicate_ids.json",
        &[
            "direction 1: field \"id\": 1 is used by another direction",
            "initiative 3: field \"direction\": points at direction 2, which does not exist",
            "project 3-1: field \"id\": \"3-1\" is used by another project",
        ],
    );
}

#[test]
fn references_to_missing_directions_and_initiatives() {
    assert_messages(
        "missing_references.json",
        &[
            "initiative 3: field \"direction\": points at direction 9, which does not exist",
            "project 7-2: field \"initiative\": points at initiative 7, which does not exist",
        ],
    );
}

#[test]
fn relistings_must_point_at_a_matching_original() {
    assert_messages(
        "bad_relistings.json",
        &[
            "project 3-1: field \"relisted_of\": points at \"1-9\", which does not exist",
            "project 3-2: field \"relisted_of\": points at \"1-1\", whose name differs (\"企業立地促進事業\" vs \"成長産業創出支援事業\")",
        ],
    );
}

#[test]
fn negative_and_malformed_amounts() {
    assert_messages(
        "bad_amounts.json",
        &[
            "project 1-1: field \"budget\": must be a whole number of thousand yen, or null where the source prints \"-\", found \"15,285\"",
            "project 3-2: field \"budget\": must not be negative, found -578800",
        ],
    );
}

#[test]
fn a_truncated_file_says_where_it_breaks() {
    let got = messages("truncated.json");
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("file: is not valid JSON (EOF while parsing"),
        "{got:?}"
    );
    assert!(got[0].contains("line "), "{got:?}");
}

#[test]
fn the_real_data_passes() {
    let text = std::fs::read_to_string(format!("{}/data/budget.json", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    let budget = parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(budget.lines.len(), 63);
}
