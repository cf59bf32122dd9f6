//! `cargo xtask fuzz`: generated-input testing of the parsers that read outside text — the URL
//! fragment (`ViewState::parse`), budget files as JSON (`validate::parse`) and as CSV
//! (`csv::parse`).
//!
//! Each target is a proptest strategy for its input bytes and a check that runs the parser and
//! everything the app does with its result. proptest's `TestRunner` runs the cases, turns a panic
//! in the code under test into a failure, and shrinks the first failing input; the check fails on
//! a broken invariant (a URL state that does not survive `format` → `parse`, a file accepted
//! against the data contract, totals that do not add up). The shrunk input is printed and saved
//! under `target/fuzz/`, with the command that replays it.
//!
//! ```text
//! cargo xtask fuzz                      1,000,000 cases per target, seed from the clock
//! cargo xtask fuzz --short              20,000 cases per target (the test command)
//! cargo xtask fuzz --seed N --cases N   repeat a run (the seed is always printed)
//! cargo xtask fuzz --target csv --input target/fuzz/csv-N.input   check one saved input
//! ```
//!
//! The strategies mix random bytes and text with edit scripts applied to valid inputs (the real
//! data, small subsets of it, synthetic budgets), so that most cases get past the first syntax
//! check and into the code behind it. An edit picks what it changes with `sample::Index`, which
//! resolves against whatever the input holds by then, so proptest can shrink a script by dropping
//! edits. Adding a target is one entry in `TARGETS`.

mod decoded;
mod json;
mod strategies;
mod tabular;
mod url;

use kumamoto_sme_budget::core::filter::{Filter, SearchIndex, Selection};
use kumamoto_sme_budget::core::lang::Message;
use kumamoto_sme_budget::core::model::Budget;
use kumamoto_sme_budget::core::view_state::{Column, Sort};
use kumamoto_sme_budget::core::{aggregate, export, money, table, text, validate, EMBEDDED_BUDGET};
use proptest::strategy::BoxedStrategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const FULL_CASES: u32 = 1_000_000;
const SHORT_CASES: u32 = 20_000;
/// Longest input printed in full; longer ones are cut in the report (the saved file has them).
const SHOWN_BYTES: usize = 1_500;
/// How long proptest may spend shrinking a failure, in milliseconds.
const SHRINK_MS: u32 = 60_000;

pub struct Target {
    name: &'static str,
    what: &'static str,
    input: fn(&'static Corpus) -> BoxedStrategy<Vec<u8>>,
    check: fn(&[u8], &Corpus) -> Result<(), String>,
}

static TARGETS: &[Target] = &[
    Target {
        name: "view_state",
        what: "ViewState::parse → format → parse, reconcile, filter, chart",
        input: url::input,
        check: url::check,
    },
    Target {
        name: "validate",
        what: "validate::parse on JSON texts, export round trip, totals",
        input: json::input,
        check: json::check,
    },
    Target {
        name: "csv",
        what: "csv::parse on CSV files, CSV and JSON round trips, totals",
        input: tabular::input,
        check: tabular::check,
    },
    Target {
        name: "decoded",
        what: "import::read on UTF-16, Shift_JIS and texts with U+FFFD and private-use characters",
        input: decoded::input,
        check: decoded::check,
    },
];

// ---------------------------------------------------------------------------------------------
// Command line and the run.

struct Options {
    seed: u64,
    cases: u32,
    targets: Vec<&'static Target>,
    input: Option<String>,
}

fn usage() -> String {
    let list: Vec<String> = TARGETS
        .iter()
        .map(|t| format!("  {:<12} {}", t.name, t.what))
        .collect();
    format!(
        "usage: cargo xtask fuzz [--short] [--cases N] [--seed N] [--target NAME]... [--input FILE]\n  \
         --short        {SHORT_CASES} cases per target (default {FULL_CASES})\n  \
         --cases N      cases per target\n  \
         --seed N       proptest's seed (default: from the clock; always printed)\n  \
         --target NAME  only this target; may be repeated\n  \
         --input FILE   run the targets' checks on this file only (a panic shows where it is)\n\n\
         targets:\n{}",
        list.join("\n")
    )
}

fn number(flag: &str, value: Option<&String>) -> Result<u64, String> {
    let text = value.ok_or_else(|| format!("{flag} needs a number\n{}", usage()))?;
    let clean: String = text.chars().filter(|c| !matches!(c, '_' | ',')).collect();
    clean
        .parse()
        .map_err(|_| format!("{flag}: not a number: {text}"))
}

/// The options, or `None` when only the usage was asked for.
fn options(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        // Not a random generator: a different seed for each run, printed so it can be repeated.
        seed: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
        cases: FULL_CASES,
        targets: Vec::new(),
        input: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--short" => o.cases = SHORT_CASES,
            "--cases" => {
                o.cases = u32::try_from(number(arg, it.next())?)
                    .map_err(|_| format!("--cases: at most {}", u32::MAX))?
            }
            "--seed" => o.seed = number(arg, it.next())?,
            "--input" => o.input = it.next().cloned(),
            "--target" => {
                let name = it.next().map(String::as_str).unwrap_or_default();
                let t = TARGETS
                    .iter()
                    .find(|t| t.name == name)
                    .ok_or_else(|| format!("unknown target \"{name}\"\n{}", usage()))?;
                o.targets.push(t);
            }
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument \"{other}\"\n{}", usage())),
        }
    }
    if o.targets.is_empty() {
        o.targets = TARGETS.iter().collect();
    }
    Ok(Some(o))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let Some(o) = options(args)? else {
        println!("{}", usage());
        return Ok(());
    };
    // Strategies hold on to the corpus for the whole run.
    let corpus: &'static Corpus = Box::leak(Box::new(Corpus::new()?));
    if let Some(file) = &o.input {
        return check_file(&o, corpus, Path::new(file));
    }
    println!(
        "fuzz: seed {}, {} cases per target (repeat with --seed {})",
        o.seed, o.cases, o.seed
    );
    let mut failed = Vec::new();
    for t in &o.targets {
        let started = Instant::now();
        let outcome = fuzz(t, corpus, o.cases, o.seed);
        let secs = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => println!(
                "fuzz {}: {} cases, seed {}, 0 failures, {secs:.1} s",
                t.name, o.cases, o.seed
            ),
            Err(failure) => {
                println!(
                    "fuzz {}: FAILED (seed {}) after {secs:.1} s: {}",
                    t.name, o.seed, failure.reason
                );
                report(t, o.seed, &failure);
                failed.push(t.name);
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("fuzz: failures in {}", failed.join(", ")))
    }
}

/// A failing case as proptest left it: the reason (a broken invariant or the panic's message)
/// and the smallest input it found that still fails.
#[derive(Debug)]
pub struct Failure {
    reason: String,
    input: Vec<u8>,
}

fn fuzz(t: &Target, corpus: &'static Corpus, cases: u32, seed: u64) -> Result<(), Failure> {
    run_property(
        &(t.input)(corpus),
        |input| (t.check)(input, corpus),
        cases,
        seed,
    )
}

/// Runs `check` on `cases` inputs drawn from `strategy` with proptest's runner (a fixed seed, so
/// a run can be repeated; nothing persisted beside the sources).
fn run_property(
    strategy: &BoxedStrategy<Vec<u8>>,
    check: impl Fn(&[u8]) -> Result<(), String>,
    cases: u32,
    seed: u64,
) -> Result<(), Failure> {
    let config = Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_time: SHRINK_MS,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(strategy, |input| check(&input).map_err(TestCaseError::fail));
    match result {
        Ok(()) => Ok(()),
        Err(TestError::Fail(reason, input)) => Err(Failure {
            reason: reason.message().to_string(),
            input,
        }),
        Err(TestError::Abort(reason)) => Err(Failure {
            reason: format!("aborted: {}", reason.message()),
            input: Vec::new(),
        }),
    }
}

fn report(t: &Target, seed: u64, failure: &Failure) {
    println!(
        "    smallest failing input found ({} bytes): {}",
        failure.input.len(),
        shown(&failure.input)
    );
    let dir = crate::root().join("target/fuzz");
    let file = dir.join(format!("{}-{seed}.input", t.name));
    let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, &failure.input));
    let shown_path = file.strip_prefix(crate::root()).unwrap_or(&file).display();
    match saved {
        Ok(()) => println!(
            "    saved: {shown_path}\n    replay: cargo xtask fuzz --target {} --input {shown_path}",
            t.name
        ),
        Err(err) => println!("    (could not save the input: {err})"),
    }
}

/// Runs the checks on one file, outside proptest: a panic goes through the default hook, with
/// its location.
fn check_file(o: &Options, corpus: &Corpus, file: &Path) -> Result<(), String> {
    let input = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut failed = false;
    for t in &o.targets {
        match (t.check)(&input, corpus) {
            Ok(()) => println!("fuzz {}: {} passes", t.name, file.display()),
            Err(reason) => {
                println!("fuzz {}: {} FAILS: {reason}", t.name, file.display());
                failed = true;
            }
        }
    }
    if failed {
        Err("fuzz: the input fails".into())
    } else {
        Ok(())
    }
}

/// A Rust string literal when the bytes are UTF-8, else byte escapes (`\xff`).
fn escaped(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => format!("{s:?}"),
        Err(_) => format!("b\"{}\"", bytes.escape_ascii()),
    }
}

fn shown(bytes: &[u8]) -> String {
    if bytes.len() <= SHOWN_BYTES {
        return escaped(bytes);
    }
    let mut cut = SHOWN_BYTES;
    if let Ok(s) = std::str::from_utf8(bytes) {
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
    }
    format!(
        "{} … ({} more bytes)",
        escaped(&bytes[..cut]),
        bytes.len() - cut
    )
}

// ---------------------------------------------------------------------------------------------
// What the strategies start from.

pub struct Corpus {
    budget: Budget,
    index: SearchIndex,
    departments: Vec<String>,
    groups: Vec<Vec<String>>,
    /// Names, titles and departments, for realistic strings.
    words: Vec<String>,
    /// The whole budget as contract JSON, as a tree to edit.
    full_tree: json::J,
    /// The whole budget as `csv::to_csv_with_notes` writes it (with `#meta` rows), and as rows of cells.
    full_csv: Vec<u8>,
    full_csv_rows: Vec<Vec<String>>,
}

impl Corpus {
    fn new() -> Result<Self, String> {
        let budget = validate::parse(EMBEDDED_BUDGET).map_err(|e| {
            let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
            format!(
                "the embedded budget does not validate:\n{}",
                lines.join("\n")
            )
        })?;
        let index = SearchIndex::new(&budget, text::nfkc_lower);
        let departments: Vec<String> = budget.departments().iter().map(|s| s.to_string()).collect();
        let mut groups: Vec<Vec<String>> =
            budget.lines.iter().map(|m| m.departments.clone()).collect();
        groups.dedup();
        let mut words: Vec<String> = departments.clone();
        words.extend(budget.lines.iter().map(|m| m.name.clone()));
        words.extend(budget.directions.iter().map(|d| d.title.clone()));
        words.extend(budget.initiatives.iter().map(|i| i.title.clone()));
        let full_tree = json::tree(&export::to_json(&budget));
        let all: Vec<usize> = (0..budget.lines.len()).collect();
        let full_csv = kumamoto_sme_budget::core::csv::to_csv_with_notes(&budget, &all, &[]);
        let full_csv_rows = tabular::rows(&full_csv);
        Ok(Corpus {
            full_csv,
            full_csv_rows,
            budget,
            index,
            departments,
            groups,
            words,
            full_tree,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// What every accepted file must satisfy (the JSON and CSV targets share it).

/// A refused file is refused for a reason, and each reason is said in both languages; `reason`
/// gives an error's message and its Japanese line (rendered here, so that a panic in it counts).
fn refused_well<E: ToString>(
    parser: &str,
    errors: &[E],
    reason: impl Fn(&E) -> (&Message, String),
) -> Result<(), String> {
    if errors.is_empty() {
        return Err(format!("rejected without a reason: {parser} gave no error"));
    }
    for e in errors {
        let (message, japanese) = reason(e);
        said_in_both(message, [e.to_string(), japanese])?;
    }
    Ok(())
}

/// A problem's reason says something in each language, its Japanese is Japanese, and its lines
/// (rendered by the caller, so that a panic in either counts) are not empty.
fn said_in_both(reason: &Message, lines: [String; 2]) -> Result<(), String> {
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    if reason.en.trim().is_empty() || lines.iter().any(|l| l.trim().is_empty()) {
        return Err(format!("empty error: {reason:?}"));
    }
    if !reason.ja.chars().any(japanese) {
        return Err(format!("untranslated error: {reason:?}"));
    }
    Ok(())
}

/// A budget the validator accepted must keep the contract, survive export, and add up.
fn check_accepted(b: &Budget) -> Result<(), String> {
    contract_holds(b)?;
    let exported = export::to_json(b);
    match validate::parse(&exported) {
        Ok(again) if &again == b => {}
        Ok(_) => return Err("export round trip: validate(export(b)) differs from b".into()),
        Err(e) => {
            return Err(format!(
                "export round trip: the exported file is rejected: {}",
                e.first().map(ToString::to_string).unwrap_or_default()
            ))
        }
    }
    // What the app does with a file: index, select everything, group, order, print amounts.
    let expected: u128 = b.lines.iter().map(|m| m.counted_amount() as u128).sum();
    let all = Selection::all(b);
    if all.total as u128 != expected {
        return Err(format!(
            "selection total: {} but the amounts add up to {expected} (u64 overflow)",
            all.total
        ));
    }
    let by_direction: u128 = aggregate::by_direction(b, &all)
        .iter()
        .map(|n| n.total as u128)
        .sum();
    if by_direction != expected {
        return Err(format!(
            "direction totals: they add up to {by_direction}, the lines to {expected}"
        ));
    }
    let by_department: u128 = aggregate::by_department(b, &all)
        .iter()
        .map(|n| n.total as u128)
        .sum();
    if by_department != expected {
        return Err(format!(
            "department totals: they add up to {by_department}, the lines to {expected}"
        ));
    }
    let order = table::sorted_lines(
        b,
        &all,
        Sort {
            column: Column::Amount,
            descending: false,
        },
    );
    let key = |i: usize| b.lines[i].amount.map_or(0u128, |n| n as u128 + 1);
    if order.windows(2).any(|w| key(w[0]) > key(w[1])) {
        return Err("amount order: the table sorted by amount is out of order".into());
    }
    for m in &b.lines {
        let n = m.amount.unwrap_or(0);
        let _ = (
            money::readable(n),
            money::readable_en(n),
            money::share(n, all.total),
        );
    }
    let _ = (money::readable(all.total), money::exact(all.total));
    let index = SearchIndex::new(b, text::nfkc_lower);
    // A line's whole name finds it (a prefix might not: NFKC can join a cut-off character).
    if let Some(m) = b.lines.last() {
        let hit = Filter {
            query: m.name.clone(),
            ..Filter::default()
        }
        .apply(b, &index);
        if !hit.lines.contains(&(b.lines.len() - 1)) {
            return Err(format!(
                "search: the name {:?} does not find its own line",
                m.name
            ));
        }
    }
    Ok(())
}

/// What the contract promises of every accepted budget (DESIGN.md), checked independently of
/// the validator: a second reading of the rules, not a copy of its code.
fn contract_holds(b: &Budget) -> Result<(), String> {
    let bad_text = |s: &str| s.trim().is_empty() || s.trim() != s;
    let m = &b.meta;
    for (field, value) in [
        ("title", &m.title),
        ("city", &m.city),
        ("era_year", &m.era_year),
        ("unit", &m.unit),
        ("as_of", &m.as_of),
        ("source", &m.source),
        ("note", &m.note),
    ] {
        if bad_text(value) {
            return Err(format!("contract: meta.{field} accepted as {value:?}"));
        }
    }
    if m.priorities.is_empty() || m.priorities.iter().any(|p| bad_text(p)) {
        return Err(format!(
            "contract: meta.priorities accepted as {:?}",
            m.priorities
        ));
    }
    let d = m.as_of.as_bytes();
    if d.len() != 10 || d[4] != b'-' || d[7] != b'-' {
        return Err(format!("contract: as_of accepted as {:?}", m.as_of));
    }
    let mut directions = BTreeMap::new();
    for x in &b.directions {
        if x.id.0 == 0 || directions.insert(x.id, ()).is_some() || bad_text(&x.title) {
            return Err(format!(
                "contract: direction {} accepted (zero, repeated or bad title)",
                x.id.0
            ));
        }
    }
    let mut initiatives = BTreeMap::new();
    for x in &b.initiatives {
        if x.id.0 == 0 || initiatives.insert(x.id, ()).is_some() || bad_text(&x.title) {
            return Err(format!(
                "contract: initiative {} accepted (zero, repeated or bad title)",
                x.id.0
            ));
        }
        if !directions.contains_key(&x.direction) {
            return Err(format!(
                "contract: initiative {} accepted under a missing direction",
                x.id.0
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for x in &b.lines {
        if x.id.initiative.0 == 0 || x.id.number == 0 || !seen.insert(x.id) {
            return Err(format!(
                "contract: line {} accepted (zero or repeated id)",
                x.id
            ));
        }
        if !initiatives.contains_key(&x.id.initiative) {
            return Err(format!(
                "contract: line {} accepted under a missing initiative",
                x.id
            ));
        }
        if bad_text(&x.name)
            || bad_text(&x.description)
            || x.departments.is_empty()
            || x.departments.iter().any(|d| bad_text(d))
        {
            return Err(format!(
                "contract: line {} accepted with an empty or padded text",
                x.id
            ));
        }
    }
    for x in &b.lines {
        if let Some(r) = x.relisted_of {
            let Some(o) = b.line(r) else {
                return Err(format!(
                    "contract: line {} accepted relisting a missing line {r}",
                    x.id
                ));
            };
            if r == x.id
                || o.relisted_of.is_some()
                || o.name != x.name
                || o.amount != x.amount
                || o.departments != x.departments
            {
                return Err(format!(
                    "contract: line {} accepted relisting {r}, which does not match",
                    x.id
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::{Strategy, ValueTree};

    fn corpus() -> &'static Corpus {
        Box::leak(Box::new(Corpus::new().unwrap()))
    }

    /// The first inputs a target's strategy draws with `seed`.
    fn drawn(t: &Target, c: &'static Corpus, seed: u64) -> Vec<Vec<u8>> {
        let config = Config {
            rng_seed: RngSeed::Fixed(seed),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let strategy = (t.input)(c);
        (0..40)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect()
    }

    #[test]
    fn a_seed_draws_the_same_inputs_every_time() {
        let c = corpus();
        for t in TARGETS {
            assert_eq!(drawn(t, c, 7), drawn(t, c, 7), "{}", t.name);
            assert_ne!(drawn(t, c, 7), drawn(t, c, 8), "{}", t.name);
        }
    }

    #[test]
    fn the_json_writer_writes_what_the_validator_reads() {
        let c = corpus();
        for (pretty, ascii) in [(false, false), (true, false), (false, true)] {
            let text = json::write(&c.full_tree, pretty, ascii);
            assert_eq!(validate::parse(&text).unwrap(), c.budget);
            assert_eq!(json::tree(&text), c.full_tree);
        }
    }

    #[test]
    fn the_csv_rows_are_the_cells_the_core_wrote() {
        let c = corpus();
        let header = c
            .full_csv_rows
            .iter()
            .find(|r| !r[0].starts_with('#'))
            .unwrap();
        let names: Vec<&str> = kumamoto_sme_budget::core::csv::COLUMNS
            .iter()
            .map(|c| c.header)
            .collect();
        assert_eq!(header, &names);
        assert!(c.full_csv_rows.len() > c.budget.lines.len());
    }

    /// Most generated inputs reach the code behind the syntax check: some are accepted, and the
    /// others are refused for many different reasons.
    #[test]
    fn the_inputs_get_past_the_first_check() {
        let c = corpus();
        let json = TARGETS.iter().find(|t| t.name == "validate").unwrap();
        let inputs = drawn(json, c, 3);
        let accepted = inputs
            .iter()
            .filter(|i| validate::parse(&String::from_utf8_lossy(i)).is_ok())
            .count();
        assert!(accepted > 0, "no generated JSON file was accepted");
        let csv = TARGETS.iter().find(|t| t.name == "csv").unwrap();
        let accepted = drawn(csv, c, 3)
            .iter()
            .filter(|i| kumamoto_sme_budget::core::csv::parse(i).is_ok())
            .count();
        assert!(accepted > 0, "no generated CSV file was accepted");
    }

    #[test]
    fn a_broken_property_is_reported_with_a_shrunk_input() {
        let c = corpus();
        let url = TARGETS.iter().find(|t| t.name == "view_state").unwrap();
        let strategy = (url.input)(c);
        let failure = run_property(
            &strategy,
            |input| match input.iter().position(|&b| b == b'&') {
                Some(_) => Err("found an &".into()),
                None => Ok(()),
            },
            1000,
            1,
        )
        .unwrap_err();
        assert_eq!(failure.reason, "found an &");
        assert_eq!(failure.input, b"&");
    }

    #[test]
    fn a_panic_in_the_code_under_test_is_a_failure_with_its_input() {
        let c = corpus();
        let csv = TARGETS.iter().find(|t| t.name == "csv").unwrap();
        let failure = run_property(
            &(csv.input)(c),
            |input| {
                assert!(input.len() < 10, "long input");
                Ok(())
            },
            1000,
            1,
        )
        .unwrap_err();
        assert!(failure.reason.contains("long input"), "{}", failure.reason);
        assert_eq!(failure.input.len(), 10);
    }
}
