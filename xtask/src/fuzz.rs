//! `cargo xtask fuzz`: generated-input testing of the parsers that read outside text — the URL
//! fragment (`ViewState::parse`), budget files as JSON (`validate::parse`) and as CSV
//! (`csv::parse`).
//!
//! Each target has a generator (seeded, reproducible: case `n` of seed `s` is always the same
//! input, whatever the number of threads) and a check that runs the parser and everything the app
//! does with its result, under `catch_unwind`. A check fails on a panic or on a broken invariant
//! (a URL state that does not survive `format` → `parse`, a file accepted against the data
//! contract, totals that do not add up). The first failure of each kind is shrunk, saved under
//! `target/fuzz/` and printed with the command that replays it.
//!
//! ```text
//! cargo xtask fuzz                      1,000,000 cases per target, fresh seed
//! cargo xtask fuzz --short              20,000 cases per target (CI)
//! cargo xtask fuzz --seed N --cases N   reproduce a run
//! cargo xtask fuzz --target validate --seed N --case C    replay one case and print its input
//! ```
//!
//! The generators mix random bytes and text with structured mutations of valid inputs (the real
//! data, small subsets of it, synthetic budgets), so that most cases get past the first syntax
//! check and into the code behind it. Adding a target is one entry in `TARGETS`: a name, a
//! generator (`fn(&mut Rng, &Corpus) -> Vec<u8>`, which can start from `corpus.budget` and finish
//! with `mutate_bytes`) and a check (`fn(&[u8], &Corpus) -> Result<(), String>`; an accepted
//! budget can be handed to `check_accepted`).

use kumamoto_sme_budget::core::filter::{
    AmountPresence, Filter, MarkFilter, SearchIndex, Selection,
};
use kumamoto_sme_budget::core::lang::Message;
use kumamoto_sme_budget::core::model::{Budget, DirectionId, InitiativeId, Measure, MeasureId};
use kumamoto_sme_budget::core::view_state::{self, Column, Drill, Lang, Sort, View, ViewState};
use kumamoto_sme_budget::core::{
    aggregate, chart, csv, embedded_budget, export, money, synthetic, table, text, validate,
    EMBEDDED_BUDGET,
};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const FULL_CASES: u64 = 1_000_000;
const SHORT_CASES: u64 = 20_000;
/// Cases a thread takes at a time.
const CHUNK: u64 = 512;
/// Distinct failures (by panic location or broken invariant) kept per target.
const MAX_KINDS: usize = 4;
/// Longest input printed in full; longer ones are cut in the report (the file has them whole).
const SHOWN_BYTES: usize = 1_500;

struct Target {
    name: &'static str,
    what: &'static str,
    generate: fn(&mut Rng, &Corpus) -> Vec<u8>,
    check: fn(&[u8], &Corpus) -> Result<(), String>,
}

static TARGETS: &[Target] = &[
    Target {
        name: "view_state",
        what: "ViewState::parse → format → parse, reconcile, filter, chart",
        generate: gen_url,
        check: check_url,
    },
    Target {
        name: "validate",
        what: "validate::parse on JSON texts, export round trip, totals",
        generate: gen_json,
        check: check_json,
    },
    Target {
        name: "csv",
        what: "csv::parse on CSV files, CSV and JSON round trips, totals",
        generate: gen_csv,
        check: check_csv,
    },
];

// ---------------------------------------------------------------------------------------------
// Command line and the run.

struct Options {
    seed: u64,
    cases: u64,
    targets: Vec<&'static Target>,
    replay: Option<u64>,
    jobs: usize,
}

fn usage() -> String {
    let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
    let list: Vec<String> = TARGETS
        .iter()
        .map(|t| format!("  {:<12} {}", t.name, t.what))
        .collect();
    format!(
        "usage: cargo xtask fuzz [--short] [--cases N] [--seed N] [--target NAME]... [--case N] [--jobs N]\n  \
         --short        {SHORT_CASES} cases per target (default {FULL_CASES})\n  \
         --cases N      cases per target\n  \
         --seed N       seed (default: from the clock; always printed)\n  \
         --target NAME  only this target ({}); may be repeated\n  \
         --case N       replay case N of the seed: print its input and outcome\n  \
         --jobs N       threads (default: the number of cores)\n\n\
         targets:\n{}",
        names.join(", "),
        list.join("\n")
    )
}

fn number(flag: &str, value: Option<&String>) -> Result<u64, String> {
    let text = value.ok_or_else(|| format!("{flag} needs a number\n{}", usage()))?;
    let clean: String = text.chars().filter(|c| !matches!(c, '_' | ',')).collect();
    let parsed = match clean.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => clean.parse(),
    };
    parsed.map_err(|_| format!("{flag}: not a number: {text}"))
}

/// The options, or `None` when only the usage was asked for.
fn options(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        seed: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| mix(d.as_nanos() as u64)),
        cases: FULL_CASES,
        targets: Vec::new(),
        replay: None,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--short" => o.cases = SHORT_CASES,
            "--cases" => o.cases = number(arg, it.next())?,
            "--seed" => o.seed = number(arg, it.next())?,
            "--case" => o.replay = Some(number(arg, it.next())?),
            "--jobs" => o.jobs = number(arg, it.next())?.max(1) as usize,
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
    let corpus = Corpus::new()?;
    let _quiet = QuietPanics::install();
    if let Some(case) = o.replay {
        return replay(&o, &corpus, case);
    }
    println!(
        "fuzz: seed {}, {} cases per target, {} threads (replay with --seed {})",
        o.seed, o.cases, o.jobs, o.seed
    );
    let mut failed = Vec::new();
    for t in &o.targets {
        let report = fuzz(t, &corpus, o.seed, o.cases, o.jobs);
        println!(
            "fuzz {}: {} cases, seed {}, {} panics, {} failures, {:.1} s",
            t.name, report.ran, o.seed, report.panics, report.failures, report.secs
        );
        if report.panics + report.failures > 0 {
            for example in &report.examples {
                describe(t, &corpus, o.seed, example);
            }
            failed.push(t.name);
        } else if report.ran < o.cases {
            failed.push(t.name);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("fuzz: failures in {}", failed.join(", ")))
    }
}

/// One case's seed: depends on the run's seed, the target's name and the case number only.
fn case_rng(seed: u64, target: &str, case: u64) -> Rng {
    let salt = target.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    });
    Rng::new(mix(seed ^ mix(salt ^ mix(case))))
}

#[derive(Clone, Debug)]
enum Outcome {
    Pass,
    Panic { message: String, location: String },
    Fail(String),
}

impl Outcome {
    /// What makes two failures "the same": the panic's location, or the broken invariant's name
    /// (the message up to its first ':').
    fn kind(&self) -> String {
        match self {
            Outcome::Pass => String::new(),
            Outcome::Panic { location, .. } => format!("panic at {location}"),
            Outcome::Fail(m) => m.split(':').next().unwrap_or_default().to_string(),
        }
    }
}

thread_local! {
    /// Set while a case runs: its panic is recorded for the report instead of printed.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Replaces the panic hook (which would print every caught panic) with one that records the
/// message of a case's panic for the report, and prints any other; the default hook is back when
/// this is dropped.
struct QuietPanics;

impl QuietPanics {
    fn install() -> Self {
        panic::set_hook(Box::new(|info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            let location = info
                .location()
                .map_or_else(|| "?".into(), |l| format!("{}:{}", l.file(), l.line()));
            if CATCHING.with(Cell::get) {
                LAST_PANIC.with(|p| *p.borrow_mut() = Some((message, location)));
            } else {
                eprintln!("panicked at {location}: {message}");
            }
        }));
        QuietPanics
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        let _ = panic::take_hook();
    }
}

/// Runs `f`, turning a panic into its message and location.
fn caught<R>(f: impl FnOnce() -> R) -> Result<R, (String, String)> {
    LAST_PANIC.with(|p| p.borrow_mut().take());
    CATCHING.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(false));
    result.map_err(|_| {
        LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| ("(no message)".into(), "?".into()))
    })
}

fn run_case(t: &Target, input: &[u8], corpus: &Corpus) -> Outcome {
    match caught(|| (t.check)(input, corpus)) {
        Ok(Ok(())) => Outcome::Pass,
        Ok(Err(message)) => Outcome::Fail(message),
        Err((message, location)) => Outcome::Panic { message, location },
    }
}

/// The generator is ours, not the code under test; a panic there is reported as such.
fn generate(t: &Target, corpus: &Corpus, seed: u64, case: u64) -> Result<Vec<u8>, String> {
    let mut rng = case_rng(seed, t.name, case);
    caught(|| (t.generate)(&mut rng, corpus)).map_err(|(message, location)| {
        format!("generator: it panicked at case {case} (seed {seed}): {message} at {location}")
    })
}

struct Example {
    case: u64,
    outcome: Outcome,
    input: Vec<u8>,
}

struct Report {
    ran: u64,
    panics: u64,
    failures: u64,
    examples: Vec<Example>,
    secs: f64,
}

fn fuzz(t: &Target, corpus: &Corpus, seed: u64, cases: u64, jobs: usize) -> Report {
    let started = Instant::now();
    let next = AtomicU64::new(0);
    let per_thread: Vec<(u64, u64, u64, Vec<Example>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    let (mut ran, mut panics, mut failures) = (0u64, 0u64, 0u64);
                    let mut examples: Vec<Example> = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= cases {
                            break;
                        }
                        for case in start..(start + CHUNK).min(cases) {
                            let (input, outcome) = match generate(t, corpus, seed, case) {
                                Ok(input) => {
                                    ran += 1;
                                    let outcome = run_case(t, &input, corpus);
                                    (input, outcome)
                                }
                                Err(e) => (Vec::new(), Outcome::Fail(e)),
                            };
                            match &outcome {
                                Outcome::Pass => continue,
                                Outcome::Panic { .. } => panics += 1,
                                Outcome::Fail(_) => failures += 1,
                            }
                            let kind = outcome.kind();
                            if !examples.iter().any(|e| e.outcome.kind() == kind)
                                && examples.len() < MAX_KINDS
                            {
                                examples.push(Example {
                                    case,
                                    outcome,
                                    input,
                                });
                            }
                        }
                    }
                    (ran, panics, failures, examples)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut report = Report {
        ran: 0,
        panics: 0,
        failures: 0,
        examples: Vec::new(),
        secs: 0.0,
    };
    let mut all: Vec<Example> = Vec::new();
    for (ran, panics, failures, examples) in per_thread {
        report.ran += ran;
        report.panics += panics;
        report.failures += failures;
        all.extend(examples);
    }
    // The earliest case of each kind, so that a rerun with the same seed reports the same cases.
    all.sort_by_key(|e| e.case);
    for e in all {
        if report.examples.len() < MAX_KINDS
            && !report
                .examples
                .iter()
                .any(|k| k.outcome.kind() == e.outcome.kind())
        {
            report.examples.push(e);
        }
    }
    report.secs = started.elapsed().as_secs_f64();
    report
}

fn describe(t: &Target, corpus: &Corpus, seed: u64, e: &Example) {
    match &e.outcome {
        Outcome::Panic { message, location } => println!(
            "  PANIC in {} at case {} (seed {seed}): {message}\n    at {location}",
            t.name, e.case
        ),
        Outcome::Fail(message) => println!(
            "  FAILED in {} at case {} (seed {seed}): {message}",
            t.name, e.case
        ),
        Outcome::Pass => return,
    }
    if e.outcome.kind() == "generator" {
        return;
    }
    println!("    input ({} bytes): {}", e.input.len(), shown(&e.input));
    let small = shrink(t, corpus, &e.input, &e.outcome.kind());
    if small.len() < e.input.len() {
        println!(
            "    smallest input found that fails the same way ({} bytes): {}",
            small.len(),
            shown(&small)
        );
    }
    let dir = crate::root().join("target/fuzz");
    let file = dir.join(format!("{}-{seed}-{}", t.name, e.case));
    let saved = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(file.with_extension("input"), &e.input))
        .and_then(|()| std::fs::write(file.with_extension("min"), &small));
    match saved {
        Ok(()) => println!(
            "    saved: {} (.input, .min)",
            file.strip_prefix(crate::root()).unwrap_or(&file).display()
        ),
        Err(err) => println!("    (could not save the input: {err})"),
    }
    println!(
        "    replay: cargo xtask fuzz --target {} --seed {seed} --case {}",
        t.name, e.case
    );
}

fn replay(o: &Options, corpus: &Corpus, case: u64) -> Result<(), String> {
    let mut failed = false;
    for t in &o.targets {
        let input = generate(t, corpus, o.seed, case)?;
        println!(
            "fuzz {} case {case} (seed {}), {} bytes:\n{}",
            t.name,
            o.seed,
            input.len(),
            escaped(&input)
        );
        let outcome = run_case(t, &input, corpus);
        match &outcome {
            Outcome::Pass => println!("  passes"),
            _ => {
                failed = true;
                describe(
                    t,
                    corpus,
                    o.seed,
                    &Example {
                        case,
                        outcome,
                        input,
                    },
                );
            }
        }
    }
    if failed {
        Err("fuzz: the case fails".into())
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

/// Greedy delta debugging: removes runs of lines, then of characters (bytes when the input is
/// not UTF-8), keeping each removal after which the input still fails the same way, until
/// nothing more can go. Bounded in time.
fn shrink(t: &Target, corpus: &Corpus, input: &[u8], kind: &str) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let late = || Instant::now() >= deadline;
    let fails = |candidate: &[u8]| {
        let o = run_case(t, candidate, corpus);
        !matches!(o, Outcome::Pass) && o.kind() == kind
    };
    let mut best = input.to_vec();
    // A JSON document shrinks best as a tree: drop entries and fields, shorten strings.
    if let Some(mut tree) = std::str::from_utf8(&best).ok().and_then(parse_json) {
        let write = |tree: &J| {
            let mut out = String::new();
            write_json(tree, false, false, 0, &mut out);
            out.into_bytes()
        };
        if fails(&write(&tree)) {
            shrink_tree(&mut tree, &|t: &J| fails(&write(t)), &late);
            best = write(&tree);
        }
    }
    for by_lines in [true, false] {
        let mut atoms: Vec<Vec<u8>> = if by_lines {
            best.split_inclusive(|&b| b == b'\n')
                .map(<[u8]>::to_vec)
                .collect()
        } else {
            match std::str::from_utf8(&best) {
                Ok(s) => s.chars().map(|c| c.to_string().into_bytes()).collect(),
                Err(_) => best.iter().map(|&b| vec![b]).collect(),
            }
        };
        loop {
            let before = atoms.len();
            let mut chunk = atoms.len() / 2;
            while chunk >= 1 && !late() {
                let mut at = 0;
                while at < atoms.len() && !late() {
                    let end = (at + chunk).min(atoms.len());
                    let candidate: Vec<u8> = atoms[..at]
                        .iter()
                        .chain(&atoms[end..])
                        .flatten()
                        .copied()
                        .collect();
                    if fails(&candidate) {
                        atoms.drain(at..end);
                    } else {
                        at += chunk;
                    }
                }
                chunk /= 2;
            }
            if atoms.len() == before || late() {
                break;
            }
        }
        best = atoms.concat();
    }
    // Report what the parser saw: a UTF-8 text, when that still fails.
    let text = String::from_utf8_lossy(&best).into_owned().into_bytes();
    if text != best && fails(&text) {
        text
    } else {
        best
    }
}

/// Tries, for every node from the last to the first (so that a removal never moves a node still
/// to be visited), removing it from its parent and making strings shorter; repeats until nothing
/// changes.
fn shrink_tree(tree: &mut J, fails: &dyn Fn(&J) -> bool, late: &dyn Fn() -> bool) {
    fn paths(j: &J, here: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        out.push(here.clone());
        let children: Vec<&J> = match j {
            J::Arr(items) => items.iter().collect(),
            J::Obj(fields) => fields.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        for (i, child) in children.into_iter().enumerate() {
            here.push(i);
            paths(child, here, out);
            here.pop();
        }
    }
    fn node<'a>(j: &'a mut J, path: &[usize]) -> Option<&'a mut J> {
        let Some((&first, rest)) = path.split_first() else {
            return Some(j);
        };
        match j {
            J::Arr(items) => node(items.get_mut(first)?, rest),
            J::Obj(fields) => node(&mut fields.get_mut(first)?.1, rest),
            _ => None,
        }
    }
    loop {
        let mut changed = false;
        let mut all = Vec::new();
        paths(tree, &mut Vec::new(), &mut all);
        for path in all.iter().rev() {
            if late() {
                return;
            }
            // Remove the node from its parent.
            if let Some((&last, parent)) = path.split_last() {
                let mut candidate = tree.clone();
                let removed = match node(&mut candidate, parent) {
                    Some(J::Arr(items)) if last < items.len() => {
                        items.remove(last);
                        true
                    }
                    Some(J::Obj(fields)) if last < fields.len() => {
                        fields.remove(last);
                        true
                    }
                    _ => false,
                };
                if removed && fails(&candidate) {
                    *tree = candidate;
                    changed = true;
                    continue;
                }
            }
            // Shorten a string to nothing or to its first character.
            let text = match node(tree, path) {
                Some(J::Str(s)) if s.chars().count() > 1 => s.clone(),
                _ => continue,
            };
            for shorter in [String::new(), text.chars().take(1).collect()] {
                let mut candidate = tree.clone();
                if let Some(slot) = node(&mut candidate, path) {
                    *slot = J::Str(shorter);
                }
                if fails(&candidate) {
                    *tree = candidate;
                    changed = true;
                    break;
                }
            }
        }
        if !changed || late() {
            return;
        }
    }
}

/// Reads a JSON text into a `J` (numbers kept as written), for shrinking; `None` when it is not
/// JSON or nests deeper than the validator would read.
fn parse_json(text: &str) -> Option<J> {
    struct P<'a> {
        s: &'a [u8],
        i: usize,
    }
    impl P<'_> {
        fn ws(&mut self) {
            while self.s.get(self.i).is_some_and(|b| b" \t\r\n".contains(b)) {
                self.i += 1;
            }
        }
        fn eat(&mut self, b: u8) -> bool {
            self.ws();
            let ok = self.s.get(self.i) == Some(&b);
            self.i += usize::from(ok);
            ok
        }
        fn hex4(&mut self) -> Option<u32> {
            let h = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
            self.i += 4;
            u32::from_str_radix(h, 16).ok()
        }
        fn string(&mut self) -> Option<String> {
            if !self.eat(b'"') {
                return None;
            }
            let mut out = Vec::new();
            loop {
                let b = *self.s.get(self.i)?;
                self.i += 1;
                match b {
                    b'"' => return String::from_utf8(out).ok(),
                    b'\\' => {
                        let e = *self.s.get(self.i)?;
                        self.i += 1;
                        let c = match e {
                            b'"' => '"',
                            b'\\' => '\\',
                            b'/' => '/',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'n' => '\n',
                            b'r' => '\r',
                            b't' => '\t',
                            b'u' => {
                                let mut u = self.hex4()?;
                                if (0xD800..0xDC00).contains(&u) {
                                    if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                        return None;
                                    }
                                    self.i += 2;
                                    let low = self.hex4()?;
                                    u = 0x10000 + ((u - 0xD800) << 10) + low.checked_sub(0xDC00)?;
                                }
                                char::from_u32(u)?
                            }
                            _ => return None,
                        };
                        out.extend_from_slice(c.to_string().as_bytes());
                    }
                    _ => out.push(b),
                }
            }
        }
        fn value(&mut self, depth: usize) -> Option<J> {
            if depth > 200 {
                return None;
            }
            self.ws();
            match *self.s.get(self.i)? {
                b'{' => {
                    self.i += 1;
                    let mut fields = Vec::new();
                    if self.eat(b'}') {
                        return Some(J::Obj(fields));
                    }
                    loop {
                        let k = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        fields.push((k, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            return Some(J::Obj(fields));
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                b'[' => {
                    self.i += 1;
                    let mut items = Vec::new();
                    if self.eat(b']') {
                        return Some(J::Arr(items));
                    }
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            return Some(J::Arr(items));
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                b'"' => self.string().map(J::Str),
                _ => {
                    let start = self.i;
                    while self
                        .s
                        .get(self.i)
                        .is_some_and(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
                    {
                        self.i += 1;
                    }
                    match &self.s[start..self.i] {
                        b"null" => Some(J::Null),
                        b"true" => Some(J::Bool(true)),
                        b"false" => Some(J::Bool(false)),
                        n if !n.is_empty() && (n[0] == b'-' || n[0].is_ascii_digit()) => {
                            Some(J::Num(String::from_utf8(n.to_vec()).ok()?))
                        }
                        _ => None,
                    }
                }
            }
        }
    }
    let mut p = P {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64, the same on every platform.

fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// `0..=max`, mostly small: each bit length is as likely as the next.
    fn small(&mut self, max: usize) -> usize {
        let bits = self.below(usize::BITS as usize - max.leading_zeros() as usize + 1);
        let n = if bits == 0 {
            0
        } else {
            self.below(1usize << bits.min(usize::BITS as usize - 1))
        };
        n.min(max)
    }
}

// ---------------------------------------------------------------------------------------------
// What the generators start from and the checks compare against.

pub struct Corpus {
    budget: Budget,
    index: SearchIndex,
    departments: Vec<String>,
    groups: Vec<Vec<String>>,
    /// Names, titles and departments, for realistic strings.
    words: Vec<String>,
    full_tree: J,
    /// The whole budget as `csv::to_csv` writes it, and as rows of cells.
    full_csv: Vec<u8>,
    full_csv_rows: Vec<Vec<String>>,
}

impl Corpus {
    fn new() -> Result<Self, String> {
        let budget = embedded_budget().map_err(|e| {
            let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
            format!(
                "the embedded budget does not validate:\n{}",
                lines.join("\n")
            )
        })?;
        let index = SearchIndex::new(&budget, text::nfkc_lower);
        let departments: Vec<String> = budget.departments().iter().map(|s| s.to_string()).collect();
        let mut groups: Vec<Vec<String>> = budget
            .measures
            .iter()
            .map(|m| m.departments.clone())
            .collect();
        groups.dedup();
        let mut words: Vec<String> = departments.clone();
        words.extend(budget.measures.iter().map(|m| m.name.clone()));
        words.extend(budget.directions.iter().map(|d| d.title.clone()));
        words.extend(budget.initiatives.iter().map(|i| i.title.clone()));
        let full_tree = doc_tree(&budget, &budget.measures.iter().collect::<Vec<_>>());
        let all: Vec<usize> = (0..budget.measures.len()).collect();
        let full_csv = csv::to_csv(&budget, &all);
        let full_csv_rows = read_csv(&String::from_utf8_lossy(&full_csv));
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

/// Random text: ASCII, URL and JSON punctuation, Japanese, combining marks and emoji, controls,
/// and any scalar value at all.
fn random_char(rng: &mut Rng) -> char {
    let pick = |rng: &mut Rng, lo: u32, hi: u32| {
        char::from_u32(lo + rng.below((hi - lo + 1) as usize) as u32)
    };
    let c = match rng.below(12) {
        0..=3 => pick(rng, 0x20, 0x7E),
        4 => Some(*rng.pick(&['&', '=', '%', ',', '+', '#', ':', '-', '"', '\\', '[', '{'])),
        5 => pick(rng, 0x3041, 0x3096), // hiragana
        6 => pick(rng, 0x30A1, 0x30FA), // katakana
        7 => pick(rng, 0x4E00, 0x9FFF), // kanji
        8 => match rng.below(4) {
            0 => pick(rng, 0xFF01, 0xFF5E), // full width
            1 => pick(rng, 0xFF61, 0xFF9F), // half width kana
            2 => pick(rng, 0x0300, 0x036F), // combining
            _ => Some(*rng.pick(&[
                '\u{3000}',
                '\u{200D}',
                '\u{FEFF}',
                '\u{00A0}',
                '\u{2028}',
                '\u{1F600}',
                '\u{1F1EF}',
            ])),
        },
        9 => pick(rng, 0x00, 0x1F).or(Some('\u{7F}')),
        10 => pick(rng, 0x80, 0x7FF),
        _ => pick(rng, 0, 0x10_FFFF),
    };
    c.unwrap_or('\u{FFFD}')
}

fn random_text(rng: &mut Rng, max: usize) -> String {
    let n = rng.small(max);
    (0..n).map(|_| random_char(rng)).collect()
}

/// A realistic word from the data, a piece of one, or random text.
fn some_text(rng: &mut Rng, c: &Corpus) -> String {
    match rng.below(4) {
        0 | 1 => rng.pick(&c.words).clone(),
        2 => {
            let w: Vec<char> = rng.pick(&c.words).chars().collect();
            let a = rng.below(w.len());
            let b = rng.range(a, w.len());
            w[a..b].iter().collect()
        }
        _ => random_text(rng, 12),
    }
}

/// Mutations of bytes that any text format meets: truncation, flipped and inserted bytes,
/// deleted and duplicated runs, format tokens (one or thousands of times), huge numbers.
fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, tokens: &[&str]) {
    for _ in 0..1 + rng.small(4) {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(10) {
            0 => data.truncate(at),
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.below(256) as u8;
            }
            3 => {
                let bytes: Vec<u8> = (0..1 + rng.small(8))
                    .map(|_| rng.below(256) as u8)
                    .collect();
                data.splice(at..at, bytes);
            }
            4 | 5 => {
                let token = rng.pick(tokens).as_bytes();
                let times = if rng.chance(10) {
                    1 + rng.small(6000)
                } else {
                    1
                };
                let run: Vec<u8> = token.repeat(times);
                data.splice(at..at, run);
            }
            6 => {
                let span = rng.small(64);
                let end = rng.range(at, (at + span).min(len));
                data.drain(at..end);
            }
            7 => {
                let span = rng.small(64);
                let end = rng.range(at, (at + span).min(len));
                let copy = data[at..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            8 => {
                // A run of digits made huge, negative or fractional.
                if let Some(start) = (at..len).find(|&i| data[i].is_ascii_digit()) {
                    let end = (start..len)
                        .find(|&i| !data[i].is_ascii_digit())
                        .unwrap_or(len);
                    let n = interesting_number(rng);
                    data.splice(start..end, n.into_bytes());
                }
            }
            _ => {
                let text = random_text(rng, 6);
                data.splice(at..at, text.into_bytes());
            }
        }
    }
}

fn random_bytes(rng: &mut Rng, max: usize) -> Vec<u8> {
    (0..rng.small(max)).map(|_| rng.below(256) as u8).collect()
}

/// Numbers at the edges: ids, u8/u16/u32/i64/u64 limits, floats, exponents, signs, long digit
/// strings.
fn interesting_number(rng: &mut Rng) -> String {
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        "0", "1", "2", "5", "10", "63", "254", "255", "256", "999", "9999", "10000", "65535",
        "65536", "4294967295", "4294967296", "9007199254740993", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "99999999999999999999", "999999999999999", "1000000000000000", "-0", "-1", "-255",
        "-9223372036854775808", "-9223372036854775809", "0.0", "1.0", "1.5", "0.5", "-0.5", "1e0",
        "1E2", "1e-2", "2.5e3", "1e308", "1e309", "-1e309", "5e-324", "1e400", "24200", "3739426",
    ];
    match rng.below(6) {
        0..=2 => rng.pick(EDGES).to_string(),
        3 => rng.next().to_string(),
        4 => rng.below(300).to_string(),
        _ => {
            let n = 1 + rng.small(400);
            let mut s: String = (0..n)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect();
            if rng.chance(30) {
                s.insert(0, '-');
            }
            if rng.chance(20) {
                s.push_str(".5");
            }
            s
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Target: the URL fragment.

#[rustfmt::skip]
const URL_KEYS: &[&str] = &[
    "v", "at", "q", "dir", "ini", "dep", "mk", "min", "max", "amt", "sel", "sort", "lang", "embed",
];

/// Keys that look like real ones but are not (keys are not decoded).
#[rustfmt::skip]
const URL_ODD_KEYS: &[&str] = &[
    "", "V", "%76", "q ", " q", "#v", "dir[]", "Q", "sel%3D", "\u{FEFF}v",
];

/// Escapes and near-escapes that decoding has to refuse or get right.
#[rustfmt::skip]
const URL_TOKENS: &[&str] = &[
    "%", "%%", "%2", "%G0", "%zz", "%FF", "%C3", "%C3%28", "%E8%A6", "%F0%9F%98", "%ED%A0%80",
    "%C0%AF", "%00", "%25", "%2C", "%26", "%3D", "%23", "%E8%A6%B3", "+", ",", ",,", "&", "&&", "=",
    "==", "#", "-", ":", "g:", "d", "i", "%20", "%E3%80%80",
];

#[rustfmt::skip]
const URL_INVALID: &[&str] = &[
    "", "0", "00", "01", "256", "-1", "+1", "1.0", "1e3", " 1", "1 ", "１", "٣",
    "99999999999999999999", "18446744073709551616", "1000000000000000", "9999999999999999", ",",
    ",,", "1,", ",1", "1,,2", "x", "DIR", "Dept", "Ja", "EN", "with ", "WITH", "-", "--amount",
    "-id-", "kk", "knck", "K", "d", "d0", "d256", "d01", "i", "i0", "g:", "g:,", "g:a,", "i1x",
    "0-1", "1-0", "256-1", "1-65536", "1-65535", "255-65535", "1-1-1", "1--1", "a-b", "-1-1",
    "null", "true", "1", "2",
];

fn id_text(rng: &mut Rng, real_max: usize) -> String {
    if rng.chance(80) {
        rng.range(1, real_max).to_string()
    } else {
        rng.range(1, 255).to_string()
    }
}

fn list_text(rng: &mut Rng, item: impl Fn(&mut Rng) -> String) -> String {
    let items: Vec<String> = (0..1 + rng.small(4)).map(|_| item(rng)).collect();
    items.join(",")
}

fn encoded_names(rng: &mut Rng, c: &Corpus) -> String {
    list_text(rng, |rng| {
        let name = if rng.chance(80) {
            rng.pick(&c.departments).clone()
        } else {
            some_text(rng, c)
        };
        if rng.chance(90) {
            view_state::encode(&name)
        } else {
            name
        }
    })
}

fn url_value(rng: &mut Rng, key: &str, c: &Corpus) -> String {
    let b = &c.budget;
    let mut value = if rng.chance(25) {
        rng.pick(URL_INVALID).to_string()
    } else {
        match key {
            "v" => rng.pick(&["dir", "dept", "table"]).to_string(),
            "at" => match rng.below(5) {
                0 => format!("d{}", id_text(rng, b.directions.len())),
                1 => format!("i{}", id_text(rng, b.initiatives.len())),
                2 | 3 => {
                    let group: Vec<String> = rng
                        .pick(&c.groups)
                        .iter()
                        .map(|s| view_state::encode(s))
                        .collect();
                    format!("g:{}", group.join(","))
                }
                _ => format!("g:{}", encoded_names(rng, c)),
            },
            "q" => {
                let q: String = (0..1 + rng.small(3))
                    .map(|_| some_text(rng, c))
                    .collect::<Vec<_>>()
                    .join(" ");
                if rng.chance(70) {
                    view_state::encode(&q)
                } else {
                    q
                }
            }
            "dir" => list_text(rng, |rng| id_text(rng, b.directions.len())),
            "ini" => list_text(rng, |rng| id_text(rng, b.initiatives.len())),
            "dep" => encoded_names(rng, c),
            "mk" => {
                let mut flags = vec!['k', 'n', 'c'];
                let n = rng.range(1, 3);
                (0..n)
                    .map(|_| flags.remove(rng.below(flags.len())))
                    .collect()
            }
            "min" | "max" => match rng.below(3) {
                0 => rng.pick(&b.measures).budget.unwrap_or(0).to_string(),
                1 => rng.below(1_000_000).to_string(),
                _ => (rng.next() % 1_000_000_000_000_000).to_string(),
            },
            "amt" => rng.pick(&["with", "without"]).to_string(),
            "sel" => {
                if rng.chance(70) {
                    rng.pick(&b.measures).id.to_string()
                } else {
                    format!("{}-{}", rng.range(1, 255), rng.range(1, 65535))
                }
            }
            "sort" => format!(
                "{}{}",
                if rng.chance(50) { "-" } else { "" },
                rng.pick(&["id", "name", "dept", "amount"])
            ),
            "lang" => rng.pick(&["ja", "en"]).to_string(),
            "embed" => "1".into(),
            _ => random_text(rng, 10),
        }
    };
    if rng.chance(35) {
        mutate_url_value(rng, &mut value);
    }
    value
}

/// Char-boundary edits of one value: escape junk, encoding, truncation, repetition, case.
fn mutate_url_value(rng: &mut Rng, value: &mut String) {
    for _ in 0..1 + rng.small(2) {
        let bounds: Vec<usize> = (0..=value.len())
            .filter(|&i| value.is_char_boundary(i))
            .collect();
        let at = *rng.pick(&bounds);
        match rng.below(8) {
            0 => {
                let token = *rng.pick(URL_TOKENS);
                value.insert_str(at, token);
            }
            1 => *value = view_state::encode(value),
            2 => {
                if let Some(ch) = value[at..].chars().next() {
                    let enc = view_state::encode(&ch.to_string());
                    value.replace_range(at..at + ch.len_utf8(), &enc);
                }
            }
            3 => value.truncate(at),
            4 => *value = format!("{value},{value}"),
            5 => *value = value.repeat(1 + rng.small(400)),
            6 => *value = value.to_uppercase(),
            _ => value.insert(at, random_char(rng)),
        }
    }
}

fn url_pairs(rng: &mut Rng, c: &Corpus) -> String {
    let mut out = String::new();
    match rng.below(20) {
        0..=9 => out.push('#'),
        10 => out.push_str("##"),
        11 => out.push_str("?#"),
        _ => {}
    }
    let mut used: Vec<&str> = Vec::new();
    for i in 0..rng.small(16) {
        if i > 0 {
            out.push_str(match rng.below(40) {
                0 => "&&",
                1 => ";",
                2 => "",
                _ => "&",
            });
        }
        let key: String = match rng.below(100) {
            0..=79 => rng.pick(URL_KEYS).to_string(),
            80..=87 if !used.is_empty() => rng.pick(&used).to_string(),
            _ => rng.pick(URL_ODD_KEYS).to_string(),
        };
        if let Some(k) = URL_KEYS.iter().find(|k| **k == key) {
            used.push(k);
        }
        let value = url_value(rng, &key, c);
        match rng.below(20) {
            0 => out.push_str(&key),
            1 => out.push_str(&format!("{key}={value}={}", url_value(rng, &key, c))),
            2 => out.push_str(&format!("={value}")),
            _ => out.push_str(&format!("{key}={value}")),
        }
    }
    out
}

/// A state the app could be in (mostly naming real items), as `format` writes it.
fn random_state(rng: &mut Rng, c: &Corpus) -> ViewState {
    let b = &c.budget;
    let view = *rng.pick(&[View::Directions, View::Departments, View::Table]);
    let small_id = |rng: &mut Rng, real: usize| -> u8 {
        if rng.chance(80) {
            rng.range(1, real) as u8
        } else {
            rng.range(1, 255) as u8
        }
    };
    let drill = match (view, rng.below(3)) {
        (View::Directions, 1) => Drill::Direction(DirectionId(small_id(rng, b.directions.len()))),
        (View::Directions, 2) => {
            Drill::Initiative(InitiativeId(small_id(rng, b.initiatives.len())))
        }
        (View::Departments, 1 | 2) => Drill::DepartmentGroup(if rng.chance(70) {
            rng.pick(&c.groups).clone()
        } else {
            (0..1 + rng.small(3))
                .map(|_| format!("{}課", some_text(rng, c)))
                .collect()
        }),
        _ => Drill::Top,
    };
    let amount = |rng: &mut Rng| match rng.below(3) {
        0 => None,
        1 => Some(rng.below(100_000) as u64),
        _ => Some(rng.next() % 1_000_000_000_000_000),
    };
    let filter = Filter {
        query: if rng.chance(50) {
            String::new()
        } else {
            some_text(rng, c)
        },
        directions: (0..rng.small(3))
            .map(|_| DirectionId(small_id(rng, b.directions.len())))
            .collect(),
        initiatives: (0..rng.small(3))
            .map(|_| InitiativeId(small_id(rng, b.initiatives.len())))
            .collect(),
        departments: (0..rng.small(3))
            .map(|_| {
                if rng.chance(80) {
                    rng.pick(&c.departments).clone()
                } else {
                    format!("{}課", random_text(rng, 5))
                }
            })
            .collect::<BTreeSet<String>>(),
        marks: MarkFilter {
            key: rng.chance(30),
            new: rng.chance(30),
            covid: rng.chance(30),
        },
        min: amount(rng),
        max: amount(rng),
        presence: *rng.pick(&[
            AmountPresence::Any,
            AmountPresence::With,
            AmountPresence::Without,
        ]),
    };
    ViewState {
        view,
        drill,
        filter,
        selected: rng.chance(40).then(|| {
            if rng.chance(80) {
                rng.pick(&b.measures).id
            } else {
                MeasureId {
                    initiative: InitiativeId(rng.range(1, 255) as u8),
                    number: rng.range(1, 65535) as u16,
                }
            }
        }),
        sort: Sort {
            column: *rng.pick(&[Column::Id, Column::Name, Column::Department, Column::Amount]),
            descending: rng.chance(50),
        },
        lang: *rng.pick(&[None, Some(Lang::Ja), Some(Lang::En)]),
        ..ViewState::default()
    }
}

fn gen_url(rng: &mut Rng, c: &Corpus) -> Vec<u8> {
    let mut out = match rng.below(100) {
        0..=7 => return random_bytes(rng, 300),
        8..=17 => random_text(rng, 300).into_bytes(),
        18..=64 => url_pairs(rng, c).into_bytes(),
        _ => {
            let mut text = random_state(rng, c).format();
            if rng.chance(10) {
                text.push_str("&embed=1");
            }
            if rng.chance(50) {
                text.insert(0, '#');
            }
            if rng.chance(20) {
                return text.into_bytes(); // exactly as the app writes it
            }
            text.into_bytes()
        }
    };
    if rng.chance(40) {
        mutate_bytes(rng, &mut out, URL_TOKENS);
    }
    out
}

fn check_url(input: &[u8], c: &Corpus) -> Result<(), String> {
    let fragment = String::from_utf8_lossy(input);
    let (state, _) = ViewState::parse(&fragment);
    // What was read is a valid state that `format` writes canonically.
    let link = state.format();
    let (again, notices) = ViewState::parse(&link);
    if !notices.is_empty() || again != state {
        return Err(format!(
            "round trip: format → parse changed the state (link {link:?}, notices {notices:?}, {state:?} became {again:?})"
        ));
    }
    if again.format() != link {
        return Err(format!(
            "canonical link: {link:?} reads back as {:?}",
            again.format()
        ));
    }
    // What the app does with a link: reconcile with the data, filter, build the chart level and
    // the table order.
    let b = &c.budget;
    let mut view = state;
    view.reconcile(b);
    let mut twice = view.clone();
    let more = twice.reconcile(b);
    if !more.is_empty() || twice != view {
        return Err(format!("reconcile twice: the second pass dropped {more:?}"));
    }
    let (back, notices) = ViewState::parse(&view.format());
    if !notices.is_empty() || back != view {
        return Err(format!(
            "reconciled round trip: {view:?} became {back:?} ({notices:?})"
        ));
    }
    let selection = view.filter.apply(b, &c.index);
    if selection.lines.iter().any(|&i| i >= b.measures.len()) {
        return Err("selection: a line index is out of range".into());
    }
    let level = chart::level(b, &selection, view.view, &view.drill, view.others, "全体");
    if level.nodes.len() > chart::MAX_CELLS || level.others > view.others {
        return Err(format!(
            "chart level: {} cells on 「その他」 page {} of {} asked",
            level.nodes.len(),
            level.others,
            view.others
        ));
    }
    if level.nodes.iter().map(|n| n.total as u128).sum::<u128>() > selection.total as u128 {
        return Err(format!(
            "chart level: its nodes add up to more than the selection ({})",
            selection.total
        ));
    }
    let lines = table::sorted_lines(b, &selection, view.sort);
    if lines.len() != selection.lines.len() {
        return Err("table order: lines were lost or added".into());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Target: budget files (JSON).

/// A JSON document we can mutate below the text: numbers are kept as their text (so they can be
/// huge, negative, fractional or malformed) and `Raw` is inserted verbatim.
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    Raw(String),
}

fn js(s: &str) -> J {
    J::Str(s.to_string())
}

fn jn(n: impl ToString) -> J {
    J::Num(n.to_string())
}

fn obj(fields: Vec<(&str, J)>) -> J {
    J::Obj(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn measure_tree(m: &Measure) -> J {
    obj(vec![
        ("id", js(&m.id.to_string())),
        ("initiative", jn(m.id.initiative.0)),
        ("number", jn(m.id.number)),
        ("name", js(&m.name)),
        (
            "departments",
            J::Arr(m.departments.iter().map(|d| js(d)).collect()),
        ),
        ("budget", m.budget.map_or(J::Null, jn)),
        ("key", J::Bool(m.marks.key)),
        ("new", J::Bool(m.marks.new)),
        ("covid", J::Bool(m.marks.covid)),
        (
            "relisted_of",
            m.relisted_of.map_or(J::Null, |r| js(&r.to_string())),
        ),
        ("description", js(&m.description)),
    ])
}

/// The contract document of `b` with only `measures` in it (and the directions and initiatives
/// those need, or all of them).
fn doc_tree(b: &Budget, measures: &[&Measure]) -> J {
    let m = &b.meta;
    obj(vec![
        (
            "meta",
            obj(vec![
                ("title", js(&m.title)),
                ("city", js(&m.city)),
                ("fiscal_year", jn(m.fiscal_year)),
                ("era_year", js(&m.era_year)),
                ("unit", js(&m.unit)),
                ("as_of", js(&m.as_of)),
                ("source", js(&m.source)),
                (
                    "priorities",
                    J::Arr(m.priorities.iter().map(|p| js(p)).collect()),
                ),
                ("note", js(&m.note)),
            ]),
        ),
        (
            "directions",
            J::Arr(
                b.directions
                    .iter()
                    .map(|d| obj(vec![("id", jn(d.id.0)), ("title", js(&d.title))]))
                    .collect(),
            ),
        ),
        (
            "initiatives",
            J::Arr(
                b.initiatives
                    .iter()
                    .map(|i| {
                        obj(vec![
                            ("id", jn(i.id.0)),
                            ("direction", jn(i.direction.0)),
                            ("title", js(&i.title)),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "projects",
            J::Arr(measures.iter().map(|m| measure_tree(m)).collect()),
        ),
    ])
}

/// A small valid document: a handful of the real lines (with their directions and initiatives,
/// relistings kept only with their originals), a tiny hand-made one, or a small synthetic one.
fn small_doc(rng: &mut Rng, c: &Corpus) -> J {
    match rng.below(10) {
        0 => {
            let relisting = rng.chance(50);
            let mut doc = obj(vec![
                (
                    "meta",
                    obj(vec![
                        ("title", js("t")),
                        ("city", js("c")),
                        ("fiscal_year", jn(2023)),
                        ("era_year", js("e")),
                        ("unit", js("千円")),
                        ("as_of", js("2023-03-31")),
                        ("source", js("s")),
                        ("priorities", J::Arr(vec![js("p")])),
                        ("note", js("n")),
                    ]),
                ),
                (
                    "directions",
                    J::Arr(vec![obj(vec![("id", jn(1)), ("title", js("D"))])]),
                ),
                (
                    "initiatives",
                    J::Arr(vec![obj(vec![
                        ("id", jn(1)),
                        ("direction", jn(1)),
                        ("title", js("I")),
                    ])]),
                ),
                ("projects", J::Arr(Vec::new())),
            ]);
            let lines = if relisting { 2 } else { 1 + rng.small(2) };
            if let Some(list) = list_mut(&mut doc, "projects") {
                for n in 1..=lines {
                    list.push(obj(vec![
                        ("id", js(&format!("1-{n}"))),
                        ("initiative", jn(1)),
                        ("number", jn(n)),
                        ("name", js("A")),
                        ("departments", J::Arr(vec![js("X課")])),
                        ("budget", jn(10)),
                        ("key", J::Bool(false)),
                        ("new", J::Bool(false)),
                        ("covid", J::Bool(false)),
                        (
                            "relisted_of",
                            if relisting && n == 2 {
                                js("1-1")
                            } else {
                                J::Null
                            },
                        ),
                        ("description", js("d")),
                    ]));
                }
            }
            doc
        }
        1 => {
            let b = synthetic::generate(1 + rng.small(6), rng.next());
            doc_tree(&b, &b.measures.iter().collect::<Vec<_>>())
        }
        _ => {
            let b = &c.budget;
            let wanted = 1 + rng.small(6);
            let mut chosen: Vec<&Measure> = Vec::new();
            let start = rng.below(b.measures.len());
            for m in b.measures.iter().cycle().skip(start).take(b.measures.len()) {
                if chosen.len() < wanted && rng.chance(30) {
                    chosen.push(m);
                }
            }
            chosen.sort_by_key(|m| m.id);
            let ids: BTreeSet<MeasureId> = chosen.iter().map(|m| m.id).collect();
            let kept: Vec<Measure> = chosen
                .iter()
                .map(|m| {
                    let mut m = (*m).clone();
                    m.relisted_of = m.relisted_of.filter(|r| ids.contains(r));
                    m
                })
                .collect();
            let mut doc = doc_tree(b, &kept.iter().collect::<Vec<_>>());
            if rng.chance(50) {
                // Only the initiatives and directions the lines need.
                let inits: BTreeSet<u8> = kept.iter().map(|m| m.id.initiative.0).collect();
                let dirs: BTreeSet<u8> = b
                    .initiatives
                    .iter()
                    .filter(|i| inits.contains(&i.id.0))
                    .map(|i| i.direction.0)
                    .collect();
                let has = |item: &J, set: &BTreeSet<u8>| matches!(get(item, "id"), Some(J::Num(n)) if n.parse().is_ok_and(|n: u8| set.contains(&n)));
                if let Some(list) = list_mut(&mut doc, "initiatives") {
                    list.retain(|i| has(i, &inits));
                }
                if let Some(list) = list_mut(&mut doc, "directions") {
                    list.retain(|d| has(d, &dirs));
                }
            }
            doc
        }
    }
}

fn get<'a>(j: &'a J, key: &str) -> Option<&'a J> {
    match j {
        J::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn get_mut<'a>(j: &'a mut J, key: &str) -> Option<&'a mut J> {
    match j {
        J::Obj(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn list_mut<'a>(doc: &'a mut J, key: &str) -> Option<&'a mut Vec<J>> {
    match get_mut(doc, key)? {
        J::Arr(items) => Some(items),
        _ => None,
    }
}

const LISTS: &[&str] = &["directions", "initiatives", "projects"];
#[rustfmt::skip]
const FIELD_NAMES: &[&str] = &[
    "meta", "directions", "initiatives", "projects", "title", "city", "fiscal_year", "era_year",
    "unit", "as_of", "source", "priorities", "note", "id", "direction", "initiative", "number",
    "name", "departments", "budget", "key", "new", "covid", "relisted_of", "description",
];

/// One item of the document: the meta object or an entry of one of the lists (projects most).
fn random_item<'a>(rng: &mut Rng, doc: &'a mut J) -> Option<&'a mut J> {
    let list = match rng.below(8) {
        0 => return get_mut(doc, "meta"),
        1 => "directions",
        2 => "initiatives",
        _ => "projects",
    };
    let items = list_mut(doc, list)?;
    let i = rng.below(items.len());
    items.get_mut(i)
}

/// The string ids of the projects (for references that exist).
fn project_ids(doc: &J) -> Vec<String> {
    match get(doc, "projects") {
        Some(J::Arr(items)) => items
            .iter()
            .filter_map(|p| match get(p, "id") {
                Some(J::Str(s)) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn interesting_string(rng: &mut Rng, c: &Corpus) -> String {
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        "", " ", "a", " a", "a ", "\t", "\u{3000}", "\u{3000}a", "\n", "\u{0}", "\u{FEFF}", "1-1",
        "4-5", "0-1", "1-0", "01-1", "1-01", "256-1", "1-65536", "1-65535", "255-65535", "-", "1-",
        "-1", "1-1-1", "１-１", "1 -1", "+1-1", "2023-03-31", "2023-02-30", "2023-13-01",
        "2023-00-10", "0000-00-00", "9999-12-31", "2023-03-3x", "２０２３-03-31", "2023-03-31 ",
        "2023/03/31", "20230331xx", "千円", "null", "true", "1",
    ];
    match rng.below(6) {
        0..=2 => rng.pick(EDGES).to_string(),
        3 => some_text(rng, c),
        4 => random_text(rng, 40),
        _ => rng
            .pick(&["あ", "a", "課", "\\", "\"", "😀"])
            .repeat(1 + rng.small(40_000)),
    }
}

/// Literals and fragments that are not JSON, or barely.
#[rustfmt::skip]
const BAD_JSON: &[&str] = &[
    "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x10", "'a'", "undefined", "True",
    "nul", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u00\"", "\"\\x41\"", "\"a\nb\"", "\"\t\"",
    "[1,]", "{\"a\":1,}", "[,1]", "{,}", "\"\\uD83D\\uDE00\"", "1e99999", "-", "--1", "/* */1",
];

/// Deep nesting (serde_json stops at 128 levels), bad literals and other raw text.
fn raw_junk(rng: &mut Rng) -> String {
    let depth = *rng.pick(&[2, 64, 126, 127, 128, 129, 200, 1000, 5000, 20_000]);
    match rng.below(8) {
        0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        1 => "[".repeat(depth),
        2 => format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
        3 => format!("{}{}", "[{\"id\":".repeat(depth), "1}]".repeat(depth)),
        _ => rng.pick(BAD_JSON).to_string(),
    }
}

fn random_value(rng: &mut Rng, c: &Corpus) -> J {
    match rng.below(12) {
        0 => J::Null,
        1 => J::Bool(rng.chance(50)),
        2..=4 => J::Num(interesting_number(rng)),
        5..=7 => J::Str(interesting_string(rng, c)),
        8 => J::Arr(
            (0..rng.small(4))
                .map(|_| J::Str(some_text(rng, c)))
                .collect(),
        ),
        9 => J::Obj(
            (0..rng.small(3))
                .map(|_| {
                    (
                        rng.pick(FIELD_NAMES).to_string(),
                        J::Num(interesting_number(rng)),
                    )
                })
                .collect(),
        ),
        10 => J::Arr(Vec::new()),
        _ => J::Raw(raw_junk(rng)),
    }
}

fn renamed(rng: &mut Rng, key: &str) -> String {
    match rng.below(6) {
        0 => rng.pick(FIELD_NAMES).to_string(),
        1 => key.to_uppercase(),
        2 => format!("{key} "),
        3 => String::new(),
        4 => format!("{key}s"),
        _ => random_text(rng, 8),
    }
}

/// Schema-aware mutations: the ones a hand-edited or half-converted file has.
fn mutate_semantic(rng: &mut Rng, doc: &mut J, c: &Corpus) {
    let ids = project_ids(doc);
    match rng.below(12) {
        0 => {
            // A field dropped.
            if let Some(J::Obj(fields)) = random_item(rng, doc) {
                if !fields.is_empty() {
                    fields.remove(rng.below(fields.len()));
                }
            }
        }
        1 => {
            // A field given a value of the wrong type or at an edge.
            if let Some(J::Obj(fields)) = random_item(rng, doc) {
                if !fields.is_empty() {
                    let i = rng.below(fields.len());
                    fields[i].1 = random_value(rng, c);
                }
            }
        }
        2 => {
            // A relisting pointing at another line, itself, nothing, or something malformed.
            let target = match rng.below(4) {
                0 | 1 if !ids.is_empty() => js(rng.pick(&ids).as_str()),
                2 => js(&format!("{}-{}", rng.range(1, 12), rng.range(1, 12))),
                _ => random_value(rng, c),
            };
            if let Some(p) = list_mut(doc, "projects").and_then(|l| {
                let i = rng.below(l.len());
                l.get_mut(i)
            }) {
                if let Some(v) = get_mut(p, "relisted_of") {
                    *v = target;
                }
            }
        }
        3 => {
            // An initiative under a direction that may not exist.
            if let Some(i) = list_mut(doc, "initiatives").and_then(|l| {
                let k = rng.below(l.len());
                l.get_mut(k)
            }) {
                if let Some(v) = get_mut(i, "direction") {
                    *v = jn(rng.range(0, 12));
                }
            }
        }
        4 => {
            // A line moved to another initiative or renumbered (the id may no longer agree).
            if let Some(p) = list_mut(doc, "projects").and_then(|l| {
                let k = rng.below(l.len());
                l.get_mut(k)
            }) {
                let field = *rng.pick(&["initiative", "number", "id"]);
                let value = match field {
                    "id" if rng.chance(50) && !ids.is_empty() => js(rng.pick(&ids).as_str()),
                    "id" => js(&format!("{}-{}", rng.range(0, 12), rng.range(0, 30))),
                    _ => jn(rng.range(0, 300)),
                };
                if let Some(v) = get_mut(p, field) {
                    *v = value;
                }
            }
        }
        5 => {
            // An item duplicated (same id twice).
            let list = *rng.pick(LISTS);
            if let Some(l) = list_mut(doc, list) {
                if !l.is_empty() {
                    let i = rng.below(l.len());
                    let copy = l[i].clone();
                    let to = rng.below(l.len() + 1);
                    l.insert(to, copy);
                }
            }
        }
        6 => {
            // A new relisting of a line, correct or nearly so.
            if let Some(l) = list_mut(doc, "projects") {
                if !l.is_empty() {
                    let i = rng.below(l.len());
                    let mut copy = l[i].clone();
                    let original = match get(&copy, "id") {
                        Some(J::Str(s)) => s.clone(),
                        _ => "1-1".into(),
                    };
                    let ini = rng.range(1, 10);
                    let num = rng.range(20, 40);
                    for (field, value) in [
                        ("id", js(&format!("{ini}-{num}"))),
                        ("initiative", jn(ini)),
                        ("number", jn(num)),
                        ("relisted_of", js(&original)),
                    ] {
                        if let Some(v) = get_mut(&mut copy, field) {
                            *v = value;
                        }
                    }
                    if rng.chance(30) {
                        let field = *rng.pick(&["name", "budget", "departments"]);
                        if let Some(v) = get_mut(&mut copy, field) {
                            *v = random_value(rng, c);
                        }
                    }
                    l.push(copy);
                }
            }
        }
        7 => {
            // Amounts: huge, negative, fractional, missing.
            for _ in 0..1 + rng.small(3) {
                if let Some(p) = list_mut(doc, "projects").and_then(|l| {
                    let k = rng.below(l.len());
                    l.get_mut(k)
                }) {
                    if let Some(v) = get_mut(p, "budget") {
                        *v = if rng.chance(10) {
                            J::Null
                        } else {
                            J::Num(interesting_number(rng))
                        };
                    }
                }
            }
        }
        8 => {
            if let Some(J::Obj(fields)) = random_item(rng, doc) {
                if !fields.is_empty() {
                    let i = rng.below(fields.len());
                    fields[i].0 = renamed(rng, &fields[i].0);
                }
            }
        }
        9 => {
            if let Some(J::Obj(fields)) = random_item(rng, doc) {
                let name = if rng.chance(50) {
                    rng.pick(FIELD_NAMES).to_string()
                } else {
                    random_text(rng, 10)
                };
                fields.push((name, random_value(rng, c)));
            }
        }
        10 => {
            // An item removed: lines and initiatives pointing at it dangle.
            let list = *rng.pick(LISTS);
            if let Some(l) = list_mut(doc, list) {
                if !l.is_empty() {
                    l.remove(rng.below(l.len()));
                }
            }
        }
        _ => {
            if let Some(meta) = get_mut(doc, "meta") {
                let (field, value) = match rng.below(3) {
                    0 => ("as_of", J::Str(interesting_string(rng, c))),
                    1 => ("fiscal_year", J::Num(interesting_number(rng))),
                    _ => ("priorities", random_value(rng, c)),
                };
                if let Some(v) = get_mut(meta, field) {
                    *v = value;
                }
            }
        }
    }
}

/// Generic mutations at a random node: objects lose, repeat, rename or gain fields; lists lose,
/// repeat or reorder entries; any value may become another type.
fn mutate_node(rng: &mut Rng, j: &mut J, c: &Corpus) {
    let descend = match j {
        J::Arr(v) => !v.is_empty(),
        J::Obj(v) => !v.is_empty(),
        _ => false,
    } && !rng.chance(25);
    if descend {
        match j {
            J::Arr(items) => {
                let i = rng.below(items.len());
                mutate_node(rng, &mut items[i], c);
            }
            J::Obj(fields) => {
                let i = rng.below(fields.len());
                mutate_node(rng, &mut fields[i].1, c);
            }
            _ => {}
        }
        return;
    }
    match j {
        J::Obj(fields) if !fields.is_empty() && rng.chance(60) => {
            let i = rng.below(fields.len());
            match rng.below(5) {
                0 => {
                    fields.remove(i);
                }
                1 => {
                    let copy = fields[i].clone();
                    fields.push(copy);
                }
                2 => fields[i].0 = renamed(rng, &fields[i].0),
                3 => {
                    let k = rng.below(fields.len());
                    fields.swap(i, k);
                }
                _ => fields.push((rng.pick(FIELD_NAMES).to_string(), random_value(rng, c))),
            }
        }
        J::Arr(items) if !items.is_empty() && rng.chance(60) => {
            let i = rng.below(items.len());
            match rng.below(6) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.insert(i, copy);
                }
                2 => {
                    let k = rng.below(items.len());
                    items.swap(i, k);
                }
                3 => items.clear(),
                4 => items.truncate(i),
                _ => items.insert(i, random_value(rng, c)),
            }
        }
        _ => {
            *j = match rng.below(4) {
                0 => J::Arr(vec![j.clone()]),
                1 => J::Obj(vec![("id".into(), j.clone())]),
                _ => random_value(rng, c),
            }
        }
    }
}

fn write_str(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (ascii && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Serialises compactly or indented, with non-ASCII raw or as `\u` escapes.
fn write_json(j: &J, pretty: bool, ascii: bool, depth: usize, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        if pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
        }
    };
    match j {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) | J::Raw(n) => out.push_str(n),
        J::Str(s) => write_str(s, ascii, out),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_json(item, pretty, ascii, depth + 1, out);
            }
            if !items.is_empty() {
                newline(out, depth);
            }
            out.push(']');
        }
        J::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_str(k, ascii, out);
                out.push_str(if pretty { ": " } else { ":" });
                write_json(v, pretty, ascii, depth + 1, out);
            }
            if !fields.is_empty() {
                newline(out, depth);
            }
            out.push('}');
        }
    }
}

#[rustfmt::skip]
const JSON_TOKENS: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "-", "1e999",
    "\"id\":", "\"projects\":", "\"budget\":", " ", "\n", "\u{FEFF}", "\u{0}", "/*", "0", "1-1",
    "\"1-1\"", "NaN",
];

fn gen_json(rng: &mut Rng, c: &Corpus) -> Vec<u8> {
    let roll = rng.below(100);
    let mut doc = match roll {
        0..=3 => return random_bytes(rng, 400),
        4..=8 => {
            let n = rng.small(300);
            return (0..n)
                .map(|_| *rng.pick(JSON_TOKENS))
                .collect::<String>()
                .into_bytes();
        }
        9..=11 => {
            // The real file, mutated as text.
            let mut text = EMBEDDED_BUDGET.as_bytes().to_vec();
            mutate_bytes(rng, &mut text, JSON_TOKENS);
            return text;
        }
        12..=14 => c.full_tree.clone(),
        _ => small_doc(rng, c),
    };
    let mutations = if rng.chance(10) { 0 } else { 1 + rng.small(6) };
    for _ in 0..mutations {
        if rng.chance(55) {
            mutate_semantic(rng, &mut doc, c);
        } else {
            mutate_node(rng, &mut doc, c);
        }
    }
    let mut text = String::new();
    write_json(&doc, rng.chance(50), rng.chance(10), 0, &mut text);
    let mut out = text.into_bytes();
    if rng.chance(15) {
        mutate_bytes(rng, &mut out, JSON_TOKENS);
    }
    out
}

fn check_json(input: &[u8], _: &Corpus) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    match validate::parse(&text) {
        Err(errors) => {
            if errors.is_empty() {
                return Err("rejected without a reason: parse gave no error".into());
            }
            for e in &errors {
                said_in_both(&e.message, [e.to_string(), e.text(Lang::Ja)])?;
            }
            Ok(())
        }
        Ok(budget) => check_accepted(&budget),
    }
}

// ---------------------------------------------------------------------------------------------
// Target: budget files (CSV).

/// Splits CSV text into rows of cells (RFC 4180 quoting; CRLF, LF or CR), for mutating what
/// `csv::to_csv` writes.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => cell.push(ch),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r' | '\n') => {
                if ch == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, _) => cell.push(ch),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Writes rows back: quoting where needed, everywhere or nowhere (which may break rows), with
/// one line end or a mix, a BOM or not, and now and then another separator.
fn write_csv(rng: &mut Rng, rows: &[Vec<String>]) -> Vec<u8> {
    let sep = match rng.below(40) {
        0 => ";",
        1 => "\t",
        _ => ",",
    };
    let quoting = rng.below(10); // 0: all, 1: none, else: where needed
    let ends = ["\r\n", "\n", "\r"];
    let end = *rng.pick(&ends);
    let mixed = rng.chance(5);
    let mut out = String::new();
    if rng.chance(50) {
        out.push('\u{FEFF}');
    }
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            let line_end = if mixed { *rng.pick(&ends) } else { end };
            out.push_str(line_end);
        }
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                out.push_str(sep);
            }
            let needs = cell.contains([',', '"', '\r', '\n']) || cell.contains(sep);
            if quoting == 0 || (quoting > 1 && needs) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
    }
    if rng.chance(70) {
        out.push_str(end);
    }
    out.into_bytes()
}

/// Cell spellings the importer has to accept or refuse: formulas and their escapes, marks,
/// "no amount" dashes, grouped and full-width numbers, department separators, line breaks.
fn interesting_cell(rng: &mut Rng, c: &Corpus) -> String {
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        "", " ", " a ", "=1+1", "+1", "-1", "@x", "=", "'=x", "'+1", "'", "''", "'a", "\t=1",
        "a\nb", "a\r\nb", "a,b", "\"", "a\"b", "★", "☆", "新", "コロナ", "【新】", "【コロナ】", "【再掲】", "○",
        "〇", "×", "TRUE", "True", "false", "FALSE", "yes", "no", "1", "0", "2", "-", "－", "−", "―",
        "ー", "—", "‐", "--", "24,200", "24200", "２４２００", "24,20", "2,4200", ",200", "1,000,000",
        "1-5", "１－５", "1ー5", "1－5", "0-1", "256-1", "1-65536", "X課|Y課", "X課｜Y課", "|", "X課|", "|X課",
        "X課||Y課", "#meta", "#", "2023/3/31", "2023/03/31", "2023-3-31", "2023/13/1", "2023/2/30",
        "R5", "ＩＤ", "\u{3000}", "\u{FEFF}",
    ];
    match rng.below(8) {
        0..=3 => rng.pick(EDGES).to_string(),
        4 => interesting_number(rng),
        5 => interesting_string(rng, c),
        _ => some_text(rng, c),
    }
}

/// A column header: a column's own, an alias or its English key, respelled (case, full width,
/// spaces, `_`), or something unknown or empty.
fn header_variant(rng: &mut Rng) -> String {
    let col = rng.pick(&csv::COLUMNS);
    let mut names = vec![col.key, col.header];
    names.extend_from_slice(col.aliases);
    let name = rng.pick(&names).to_string();
    match rng.below(8) {
        0 => name.to_uppercase(),
        1 => format!(" {name}\u{3000}"),
        2 => name.replace('_', " "),
        3 => name
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect(),
        4 => random_text(rng, 6),
        5 => String::new(),
        _ => name,
    }
}

/// The index of the header row (the first that is not `#meta` or a comment) and of a column in
/// it, found by its Japanese header.
fn csv_column(rows: &[Vec<String>], key: &str) -> Option<(usize, usize)> {
    let header = rows
        .iter()
        .position(|r| !r.first().is_some_and(|c| c.starts_with('#')))?;
    let name = csv::COLUMNS.iter().find(|c| c.key == key)?.header;
    let column = rows[header].iter().position(|c| c == name)?;
    Some((header, column))
}

fn mutate_csv_rows(rng: &mut Rng, rows: &mut Vec<Vec<String>>, c: &Corpus) {
    let header = rows
        .iter()
        .position(|r| !r.first().is_some_and(|c| c.starts_with('#')))
        .unwrap_or(0);
    let data_row = |rng: &mut Rng, rows: &Vec<Vec<String>>| {
        (header + 1 < rows.len()).then(|| rng.range(header + 1, rows.len() - 1))
    };
    let width = rows.get(header).map_or(0, Vec::len);
    match rng.below(14) {
        0 => {
            if let Some(r) = data_row(rng, rows) {
                let row = &mut rows[r];
                if !row.is_empty() {
                    let k = rng.below(row.len());
                    row[k] = interesting_cell(rng, c);
                }
            }
        }
        1 => {
            if let Some(row) = rows.get_mut(header) {
                if !row.is_empty() {
                    let k = rng.below(row.len());
                    row[k] = header_variant(rng);
                }
            }
        }
        2 if width > 0 => {
            let k = rng.below(width);
            for row in rows.iter_mut().skip(header) {
                if k < row.len() {
                    row.remove(k);
                }
            }
        }
        3 if width > 0 => {
            let k = rng.below(width);
            for row in rows.iter_mut().skip(header) {
                if k < row.len() {
                    let copy = row[k].clone();
                    row.push(copy);
                }
            }
        }
        4 if width > 0 => {
            let (a, b) = (rng.below(width), rng.below(width));
            for row in rows.iter_mut().skip(header) {
                if a < row.len() && b < row.len() {
                    row.swap(a, b);
                }
            }
        }
        5 if !rows.is_empty() => {
            let r = rng.below(rows.len());
            rows.remove(r);
        }
        6 if !rows.is_empty() => {
            let r = rng.below(rows.len());
            let copy = rows[r].clone();
            rows.insert(rng.below(rows.len() + 1), copy);
        }
        7 => {
            let row = match rng.below(4) {
                0 => Vec::new(),
                1 => vec![String::new(); 1 + rng.small(20)],
                2 => vec![format!("#{}", some_text(rng, c))],
                _ => vec![
                    "#meta".into(),
                    rng.pick(&[
                        "title",
                        "note",
                        "priorities",
                        "as_of",
                        "fiscal_year",
                        "colour",
                        "",
                    ])
                    .to_string(),
                    interesting_cell(rng, c),
                ],
            };
            let at = rng.below(rows.len() + 1);
            rows.insert(at, row);
        }
        8 => {
            // A #meta row changed: key, value, or dropped.
            let metas: Vec<usize> = (0..header)
                .filter(|&r| rows[r].first().is_some_and(|c| c == "#meta"))
                .collect();
            if !metas.is_empty() {
                let r = *rng.pick(&metas);
                match rng.below(3) {
                    0 => {
                        rows.remove(r);
                    }
                    1 if rows[r].len() > 1 => rows[r][1] = header_variant(rng),
                    _ => {
                        if let Some(v) = rows[r].last_mut() {
                            *v = interesting_cell(rng, c);
                        }
                    }
                }
            }
        }
        9 => {
            if let Some(r) = data_row(rng, rows) {
                let row = &mut rows[r];
                if rng.chance(50) {
                    row.truncate(rng.below(row.len() + 1));
                } else {
                    for _ in 0..1 + rng.small(3) {
                        row.push(if rng.chance(50) {
                            String::new()
                        } else {
                            interesting_cell(rng, c)
                        });
                    }
                }
            }
        }
        10 => {
            // References: a relisting of another line or itself, ids that disagree.
            let key = *rng.pick(&["relisted_of", "id", "number", "initiative", "direction"]);
            let ids: Vec<String> = csv_column(rows, "id")
                .map(|(h, k)| {
                    rows[h + 1..]
                        .iter()
                        .filter_map(|r| r.get(k).cloned())
                        .collect()
                })
                .unwrap_or_default();
            if let (Some((_, k)), Some(r)) = (csv_column(rows, key), data_row(rng, rows)) {
                let value = match key {
                    "relisted_of" | "id" if !ids.is_empty() && rng.chance(70) => {
                        rng.pick(&ids).clone()
                    }
                    "relisted_of" | "id" => format!("{}-{}", rng.range(0, 12), rng.range(0, 30)),
                    _ => rng.range(0, 12).to_string(),
                };
                if let Some(cell) = rows[r].get_mut(k) {
                    *cell = value;
                }
            }
        }
        11 => {
            // A direction or initiative whose title differs between its rows.
            let key = *rng.pick(&["direction_title", "initiative_title"]);
            if let (Some((_, k)), Some(r)) = (csv_column(rows, key), data_row(rng, rows)) {
                if let Some(cell) = rows[r].get_mut(k) {
                    cell.push('X');
                }
            }
        }
        12 => {
            if let (Some((_, k)), Some(r)) = (csv_column(rows, "budget"), data_row(rng, rows)) {
                let value = if rng.chance(50) {
                    interesting_number(rng)
                } else {
                    interesting_cell(rng, c)
                };
                if let Some(cell) = rows[r].get_mut(k) {
                    *cell = value;
                }
            }
        }
        _ => {
            // A new relisting of a line: a copy of its row under another id pointing at it.
            if let (Some((_, id)), Some((_, ini)), Some((_, num)), Some((_, rel)), Some(r)) = (
                csv_column(rows, "id"),
                csv_column(rows, "initiative"),
                csv_column(rows, "number"),
                csv_column(rows, "relisted_of"),
                data_row(rng, rows),
            ) {
                let mut copy = rows[r].clone();
                let original = copy.get(id).cloned().unwrap_or_default();
                let (i, n) = (rng.range(1, 10), rng.range(20, 40));
                for (k, v) in [
                    (id, format!("{i}-{n}")),
                    (ini, i.to_string()),
                    (num, n.to_string()),
                    (rel, original),
                ] {
                    if let Some(cell) = copy.get_mut(k) {
                        *cell = v;
                    }
                }
                rows.push(copy);
            }
        }
    }
}

#[rustfmt::skip]
const CSV_TOKENS: &[&str] = &[
    ",", "\"", "\"\"", "\r\n", "\n", "\r", "|", "｜", "#meta,", "#", "'", "=", "\u{FEFF}",
    "\u{3000}", ",,,,,,,,,,,,,,", "\"a\nb\"", "-", "★",
];

/// Non-UTF-8 files: Shift_JIS-looking bytes (every non-ASCII character as a lead and trail byte)
/// or a workbook or UTF-16 signature in front.
fn foreign_bytes(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    match rng.below(4) {
        0 => {
            let mut out = Vec::with_capacity(text.len());
            for ch in String::from_utf8_lossy(text).chars() {
                if ch.is_ascii() {
                    out.push(ch as u8);
                } else {
                    out.push(rng.range(0x81, 0x9F) as u8);
                    out.push(rng.range(0x40, 0x7E) as u8);
                }
            }
            out
        }
        1 => [b"PK\x03\x04".as_slice(), text].concat(),
        2 => [[0xFF, 0xFE].as_slice(), text].concat(),
        _ => [[0xD0, 0xCF, 0x11, 0xE0].as_slice(), text].concat(),
    }
}

fn gen_csv(rng: &mut Rng, c: &Corpus) -> Vec<u8> {
    let mut rows = match rng.below(100) {
        0..=3 => return random_bytes(rng, 400),
        4..=7 => {
            let n = rng.small(300);
            return (0..n)
                .map(|_| *rng.pick(CSV_TOKENS))
                .collect::<String>()
                .into_bytes();
        }
        8..=10 => {
            let mut bytes = c.full_csv.clone();
            mutate_bytes(rng, &mut bytes, CSV_TOKENS);
            return bytes;
        }
        11..=13 => c.full_csv_rows.clone(),
        _ => {
            // A few lines of the real list, or of a small synthetic one.
            let synthetic;
            let b = if rng.chance(15) {
                synthetic = synthetic::generate(1 + rng.small(6), rng.next());
                &synthetic
            } else {
                &c.budget
            };
            let lines: Vec<usize> = (0..1 + rng.small(6))
                .map(|_| rng.below(b.measures.len()))
                .collect();
            let mut rows = read_csv(&String::from_utf8_lossy(&csv::to_csv(b, &lines)));
            if rng.chance(15) {
                rows.retain(|r| r.first().is_none_or(|c| c != "#meta")); // default meta
            }
            rows
        }
    };
    let mutations = if rng.chance(10) { 0 } else { 1 + rng.small(6) };
    for _ in 0..mutations {
        mutate_csv_rows(rng, &mut rows, c);
    }
    let mut out = write_csv(rng, &rows);
    if rng.chance(15) {
        mutate_bytes(rng, &mut out, CSV_TOKENS);
    }
    if rng.chance(3) {
        out = foreign_bytes(rng, &out);
    }
    out
}

fn check_csv(input: &[u8], _: &Corpus) -> Result<(), String> {
    match csv::parse(input) {
        Err(errors) => {
            if errors.is_empty() {
                return Err("rejected without a reason: csv::parse gave no error".into());
            }
            for e in &errors {
                said_in_both(&e.message, [e.to_string(), e.text(Lang::Ja)])?;
            }
            Ok(())
        }
        Ok(budget) => {
            check_accepted(&budget)?;
            let all: Vec<usize> = (0..budget.measures.len()).collect();
            match csv::parse(&csv::to_csv(&budget, &all)) {
                Ok(again) if again == budget => Ok(()),
                Ok(_) => Err("csv round trip: parse(to_csv(b)) differs from b".into()),
                Err(e) => Err(format!(
                    "csv round trip: the written file is rejected: {}",
                    e.first().map(ToString::to_string).unwrap_or_default()
                )),
            }
        }
    }
}

/// A problem's reason says something in each language, its Japanese is Japanese, and its lines
/// (rendered by the caller, so that a panic in either is caught) are not empty.
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
    let expected: u128 = b.measures.iter().map(|m| m.counted_amount() as u128).sum();
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
    let key = |i: usize| b.measures[i].budget.map_or(0u128, |n| n as u128 + 1);
    if order.windows(2).any(|w| key(w[0]) > key(w[1])) {
        return Err("amount order: the table sorted by amount is out of order".into());
    }
    for m in &b.measures {
        let n = m.budget.unwrap_or(0);
        let _ = (
            money::readable(n),
            money::readable_en(n),
            money::share(n, all.total),
        );
    }
    let _ = (money::readable(all.total), money::exact(all.total));
    let index = SearchIndex::new(b, text::nfkc_lower);
    // A line's whole name finds it (a prefix might not: NFKC can join a cut-off character).
    if let Some(m) = b.measures.last() {
        let hit = Filter {
            query: m.name.clone(),
            ..Filter::default()
        }
        .apply(b, &index);
        if !hit.lines.contains(&(b.measures.len() - 1)) {
            return Err(format!(
                "search: the name {:?} does not find its own line",
                m.name
            ));
        }
    }
    Ok(())
}

/// What the contract promises of every accepted budget (DESIGN.md), checked independently of
/// the validator.
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
    for x in &b.measures {
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
    for x in &b.measures {
        if let Some(r) = x.relisted_of {
            let Some(o) = b.measure(r) else {
                return Err(format!(
                    "contract: line {} accepted relisting a missing line {r}",
                    x.id
                ));
            };
            if r == x.id
                || o.relisted_of.is_some()
                || o.name != x.name
                || o.budget != x.budget
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

    #[test]
    fn a_case_is_the_same_input_every_time() {
        let c = Corpus::new().unwrap();
        for t in TARGETS {
            for case in 0..40 {
                assert_eq!(generate(t, &c, 7, case), generate(t, &c, 7, case));
            }
            assert_ne!(generate(t, &c, 7, 1), generate(t, &c, 8, 1), "{}", t.name);
        }
    }

    #[test]
    fn the_json_writer_and_reader_agree() {
        let c = Corpus::new().unwrap();
        for (pretty, ascii) in [(false, false), (true, false), (false, true)] {
            let mut text = String::new();
            write_json(&c.full_tree, pretty, ascii, 0, &mut text);
            assert_eq!(validate::parse(&text).unwrap(), c.budget);
            let mut again = String::new();
            write_json(&parse_json(&text).unwrap(), pretty, ascii, 0, &mut again);
            assert_eq!(again, text);
        }
        assert!(parse_json(&"[".repeat(1000)).is_none());
    }

    fn fails_on_bad(input: &[u8], _: &Corpus) -> Result<(), String> {
        if input.windows(3).any(|w| w == b"bad") {
            Err("bad: found".into())
        } else {
            Ok(())
        }
    }

    #[test]
    fn shrinking_keeps_the_failure_and_drops_the_rest() {
        let c = Corpus::new().unwrap();
        let t = Target {
            name: "test",
            what: "",
            generate: |_, _| Vec::new(),
            check: fails_on_bad,
        };
        let input = b"#v=dept&q=ba\nbad%E8%A6&sel=4-5";
        assert_eq!(shrink(&t, &c, input, "bad"), b"bad");
        let json = br#"{"a": [1, 2, {"b": "xbadx"}], "c": "long text"}"#;
        assert_eq!(shrink(&t, &c, json, "bad"), b"bad");
    }
}
