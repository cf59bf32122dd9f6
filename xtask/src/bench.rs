//! `cargo xtask bench`: sizes of the release build, native timings of the core on a synthetic
//! dataset of 10,000 measures, and browser timings (tests/e2e/bench.mjs) on the real data and on
//! that synthetic set (there also scrolling its table), each beside the peer page
//! (../shared/peer/peer.html, issue 14's baseline) timed by the same harness with the same typed
//! queries in the same run. Prints tables and the ratios app/peer, and writes target/bench.json.

use kumamoto_sme_budget::core::filter::{Filter, SearchIndex};
use kumamoto_sme_budget::core::model::Budget;
use kumamoto_sme_budget::core::treemap::{layout, Rect, GOLDEN};
use kumamoto_sme_budget::core::{
    aggregate, csv, embedded_budget, export, import, money, synthetic, text,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const MEASURES: usize = 10_000;
pub const SEED: u64 = 20_230_331;

/// Median and 95th percentile of `runs` timings of `work`, in milliseconds.
fn time(runs: usize, mut work: impl FnMut()) -> (f64, f64) {
    for _ in 0..runs.min(10) {
        work(); // warm caches and the allocator
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            work();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[runs / 2], ms[runs * 95 / 100])
}

/// One keystroke of the browser bench and what the page must then show (the plan's `queries`).
#[derive(Serialize)]
struct Keystroke {
    q: String,
    count: usize,
    lines: usize,
    /// As the app prints it.
    total: String,
    /// Thousand yen, as the peer prints it.
    total_thousand_yen: u64,
}

/// What the search box holds after each keystroke of a person typing each word and deleting it
/// again.
fn typed(words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
            out.push(chars[..n].iter().collect());
        }
    }
    out
}

/// The typed keystrokes with what the page must then show (computed here, natively, so the
/// browser bench can check it measured the real thing).
fn keystrokes(budget: &Budget, words: &[&str]) -> Vec<Keystroke> {
    let index = SearchIndex::new(budget, text::nfkc_lower);
    typed(words)
        .into_iter()
        .map(|q| {
            let s = Filter {
                query: q.clone(),
                ..Filter::default()
            }
            .apply(budget, &index);
            Keystroke {
                q,
                count: s.measures,
                lines: s.lines.len(),
                total: money::readable(s.total),
                total_thousand_yen: s.total,
            }
        })
        .collect()
}

/// One record of the peer's list: its synthetic.js generates them (`#n=`); the real data is
/// data/budget.json flattened, as the peer embeds it.
#[derive(Deserialize)]
struct PeerLine {
    name: String,
    departments: Vec<String>,
    description: String,
    budget_thousand_yen: Option<u64>,
    relisted: bool,
}

/// The typed keystrokes with what the peer must then show: its own search rule (every term of
/// the NFKC-lower-cased query in the NFKC-lower-cased name, departments and description; unlike
/// the app, no katakana-to-hiragana folding; a relisted line is not counted), computed here with
/// the app's native normaliser, not the page's.
fn peer_keystrokes(lines: &[PeerLine], words: &[&str]) -> Vec<Keystroke> {
    let counted: Vec<(String, u64)> = lines
        .iter()
        .filter(|l| !l.relisted)
        .map(|l| {
            let hay = format!(
                "{}\n{}\n{}",
                l.name,
                l.departments.join("\n"),
                l.description
            );
            (text::nfkc_lower(&hay), l.budget_thousand_yen.unwrap_or(0))
        })
        .collect();
    typed(words)
        .into_iter()
        .map(|q| {
            let folded = text::nfkc_lower(&q);
            let terms: Vec<&str> = folded.split_whitespace().collect();
            let found: Vec<u64> = counted
                .iter()
                .filter(|(hay, _)| terms.iter().all(|t| hay.contains(t)))
                .map(|(_, amount)| *amount)
                .collect();
            let total = found.iter().sum();
            Keystroke {
                q,
                count: found.len(),
                lines: found.len(),
                total: money::readable(total),
                total_thousand_yen: total,
            }
        })
        .collect()
}

/// The real data as the peer embeds it: one record per line.
fn peer_lines_of(budget: &Budget) -> Vec<PeerLine> {
    budget
        .lines
        .iter()
        .map(|l| PeerLine {
            name: l.name.clone(),
            departments: l.departments.clone(),
            description: l.description.clone(),
            budget_thousand_yen: l.amount,
            relisted: l.is_relisting(),
        })
        .collect()
}

/// Where the peer page is: `shared/peer/` beside the repository (issue 14). Served from there,
/// not copied in: its README does not say it may be copied.
pub fn peer_dir(root: &Path) -> Result<PathBuf, String> {
    let dir = root
        .parent()
        .ok_or("the repository has no parent folder")?
        .join("shared/peer");
    if dir.join("peer.html").is_file() && dir.join("synthetic.js").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "the peer page is missing: {} (with its synthetic.js) is what the bench compares the \
             app with (issue 14); put shared/peer/ beside the repository",
            dir.join("peer.html").display()
        ))
    }
}

/// The peer's own `#n=` list, generated by its synthetic.js in Node.
fn peer_synthetic(dir: &Path, n: usize) -> Result<Vec<PeerLine>, String> {
    let script = "import { pathToFileURL } from 'node:url'; \
                  const [file, n] = process.argv.slice(1); \
                  const { synthesize } = await import(pathToFileURL(file)); \
                  process.stdout.write(JSON.stringify(synthesize(Number(n))));";
    let out = crate::cmd(
        "node",
        &[
            "--input-type=module",
            "-e",
            script,
            &dir.join("synthetic.js").display().to_string(),
            &n.to_string(),
        ],
    )
    .output()
    .map_err(|e| format!("cannot run node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the peer's synthetic.js failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let lines: Vec<PeerLine> = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("the peer's synthetic list: {e}"))?;
    if lines.len() != n {
        return Err(format!(
            "the peer generated {} lines, asked for {n}",
            lines.len()
        ));
    }
    Ok(lines)
}

/// The peer's side of one dataset: its page, fragment, how many measures it must show at start
/// and what it must show after each of the same keystrokes.
#[derive(Serialize)]
struct Peer {
    site: PathBuf,
    page: &'static str,
    fragment: String,
    measures: usize,
    queries: Vec<Keystroke>,
}

/// One dataset of the browser bench's plan, as tests/e2e/bench.mjs reads it.
#[derive(Serialize)]
struct Dataset {
    name: &'static str,
    site: PathBuf,
    inject: Option<PathBuf>,
    measures: usize,
    /// Also time the start-up from a 1 MB link of bad parts (issue 16), beside the plain one.
    long_link: bool,
    queries: Vec<Keystroke>,
    /// Cell keys, one level deeper each.
    drill: [&'static str; 2],
    /// The lines' ids in the table's default order, where the bench also scrolls the table.
    table: Option<Table>,
    peer: Peer,
    /// How many cells the page's static chart shows (each a link), where it shows this
    /// dataset: the treemap is on screen from the first paint that has them all.
    static_cells: Option<usize>,
    /// Also time comparing with a second file once both are loaded (issue 17).
    compare: Option<CompareBench>,
}

/// The second file, and the totals the comparison's row must show (the shown file earlier):
/// in its data attributes and, as the core words them, in its cells.
#[derive(Serialize)]
struct CompareBench {
    second: PathBuf,
    earlier_total: u64,
    later_total: u64,
    earlier_text: String,
    later_text: String,
}

#[derive(Serialize)]
struct Table {
    ids: Vec<String>,
}

/// What target/bench.json holds.
#[derive(Serialize)]
struct Report<'a> {
    sizes: Vec<SizeRow<'a>>,
    native: Native,
    /// What tests/e2e/bench.mjs wrote, as it wrote it.
    browser: Box<RawValue>,
    /// Its memory rows (opening large files), likewise.
    memory: Box<RawValue>,
}

#[derive(Serialize)]
struct SizeRow<'a> {
    file: &'a str,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

#[derive(Serialize)]
struct Native {
    measures: usize,
    seed: u64,
    results: Vec<Timing>,
}

#[derive(Serialize)]
struct Timing {
    operation: &'static str,
    median_ms: f64,
    p95_ms: f64,
}

/// Measures the release build already in dist/ (and its parts), times the core natively, then
/// in the browser.
pub fn run(root: &Path) -> Result<(), String> {
    let peer = peer_dir(root)?;
    let mut sizes = crate::sizes::measure(root)?;
    // The peer's one page, measured the same way, beside ours.
    let peer_page = std::fs::read(peer.join("peer.html")).map_err(|e| e.to_string())?;
    sizes.push(crate::sizes::measure_bytes("peer.html", &peer_page));
    crate::sizes::print(&sizes);
    let page = std::fs::read_to_string(root.join("dist/index.html")).map_err(|e| e.to_string())?;
    if page.contains("__BENCH_BUDGET__") {
        return Err("the release page contains the benchmark hook: it must never ship".into());
    }

    let budget = synthetic::generate(MEASURES, SEED);
    let mut native = native(&budget)?;
    native.push(native_compare(&budget)?);

    // The browser bench: the release page on the real data, and a bench-only build (feature
    // bench-hook, never shipped) fed the synthetic set.
    let bench_site = root.join("target/bench-site");
    crate::build_site_into(&bench_site, Some("bench-hook"))?;
    let synthetic_json = root.join("target/bench-synthetic.json");
    std::fs::write(&synthetic_json, export::to_json(&budget)).map_err(|e| e.to_string())?;
    let real = embedded_budget().map_err(|e| format!("{e:?}"))?;
    let real_words = [
        "観光",
        "商店街",
        "雇用",
        "DX",
        "創業",
        "コロナ",
        "企業立地",
        "インバウンド",
        "人材",
        "補助金",
    ];
    let synthetic_words = [
        "観光",
        "商店街",
        "デジタル",
        "雇用",
        "企業誘致",
        "支援",
        "スタートアップ",
        "連携",
    ];
    // `table`: also time scrolling the table, checking the rows against the lines' ids in the
    // table's default order (the source order). `long_link`: also time the start-up from a 1 MB
    // link (its cost does not depend on the data, so the release page's figure is the one).
    let dataset = |name: &'static str,
                   site: &Path,
                   inject: Option<&Path>,
                   b: &Budget,
                   words: &[&str],
                   drill: [&'static str; 2],
                   table: bool,
                   long_link: bool,
                   peer: Peer| Dataset {
        name,
        site: site.to_path_buf(),
        inject: inject.map(Path::to_path_buf),
        measures: b.lines.iter().filter(|m| !m.is_relisting()).count(),
        long_link,
        queries: keystrokes(b, words),
        drill,
        table: table.then(|| Table {
            ids: b.lines.iter().map(|m| m.id.to_string()).collect(),
        }),
        peer,
        // An injected dataset replaces the data the page's static chart was built from.
        static_cells: inject
            .is_none()
            .then(|| crate::prerender::static_chart_cells(b)),
        compare: None,
    };
    // The peer on the same data (it embeds data/budget.json) and on its own list of the same
    // size (`#n=`), the same typed queries on both pages.
    let peer_real = Peer {
        site: peer.clone(),
        page: "peer.html",
        fragment: String::new(),
        measures: real.lines.iter().filter(|m| !m.is_relisting()).count(),
        queries: peer_keystrokes(&peer_lines_of(&real), &real_words),
    };
    let peer_lines = peer_synthetic(&peer, MEASURES)?;
    let peer_scale = Peer {
        site: peer.clone(),
        page: "peer.html",
        fragment: format!("n={MEASURES}"),
        measures: peer_lines.iter().filter(|l| !l.relisted).count(),
        queries: peer_keystrokes(&peer_lines, &synthetic_words),
    };
    let memory_out = root.join("target/bench-memory.json");
    let plan = serde_json::json!({
        "memory": memory_plan(root, &memory_out)?,
        "datasets": [
            dataset(
                "real data",
                &root.join("dist"),
                None,
                &real,
                &real_words,
                ["d2", "i4"],
                false,
                true,
                peer_real
            ),
            Dataset { compare: Some(compare_plan(root, &budget)?), ..dataset(
                "synthetic",
                &bench_site,
                Some(&synthetic_json),
                &budget,
                &synthetic_words,
                ["d1", "i1"],
                true,
                false,
                peer_scale
            ) },
        ]
    });
    let plan_path = root.join("target/bench-plan.json");
    let browser_path = root.join("target/bench-browser.json");
    std::fs::write(&plan_path, plan.to_string()).map_err(|e| e.to_string())?;
    crate::run(crate::cmd(
        "node",
        &[
            "tests/e2e/bench.mjs",
            &plan_path.display().to_string(),
            &browser_path.display().to_string(),
        ],
    ))?;
    let browser = std::fs::read_to_string(&browser_path).map_err(|e| e.to_string())?;

    let report = Report {
        sizes: sizes
            .iter()
            .map(|s| SizeRow {
                file: &s.kind,
                raw: s.raw,
                gzip: s.gzip,
                brotli: s.brotli,
            })
            .collect(),
        native: Native {
            measures: MEASURES,
            seed: SEED,
            results: native,
        },
        browser: serde_json::from_str(&browser)
            .map_err(|e| format!("{}: {e}", browser_path.display()))?,
        memory: read_raw(&memory_out)?,
    };
    let json = serde_json::to_string_pretty(&report).expect("serialisable") + "\n";
    let out = root.join("target/bench.json");
    std::fs::write(&out, json).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\nwrote {}", out.display());
    Ok(())
}

/// The synthetic budgets whose opening the memory rows measure, by lines: as CSV, the format a
/// list of 50,000 lines is kept in (as JSON that many are over the 20 MB limit).
pub const MEMORY_LINES: [usize; 2] = [10_000, 50_000];

/// One file of the memory rows, as tests/e2e/memory.mjs and memory.test.mjs read it.
#[derive(Serialize)]
pub struct MemoryFile {
    pub file: PathBuf,
    pub lines: usize,
    /// What the page then counts (relistings once).
    pub measures: usize,
    pub bytes: usize,
}

/// Writes `target/e2e/synthetic-N.csv` (and beside it `.json`, its `MemoryFile`) for each of
/// [`MEMORY_LINES`]: the seeded synthetic budget, as the app's CSV download writes it.
pub fn write_memory_files(root: &Path) -> Result<Vec<MemoryFile>, String> {
    let dir = root.join("target/e2e");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    MEMORY_LINES
        .iter()
        .map(|&lines| {
            let budget = synthetic::generate(lines, SEED);
            let all: Vec<usize> = (0..lines).collect();
            let bytes = kumamoto_sme_budget::core::csv::to_csv(&budget, &all);
            let file = dir.join(format!("synthetic-{lines}.csv"));
            std::fs::write(&file, &bytes).map_err(|e| format!("{}: {e}", file.display()))?;
            let row = MemoryFile {
                file,
                lines,
                measures: budget.lines.iter().filter(|m| !m.is_relisting()).count(),
                bytes: bytes.len(),
            };
            let about = dir.join(format!("synthetic-{lines}.csv.json"));
            let json = serde_json::to_string(&row).expect("serialisable");
            std::fs::write(&about, json).map_err(|e| format!("{}: {e}", about.display()))?;
            Ok(row)
        })
        .collect()
}

/// The memory rows' part of the browser plan: the release page, the files, where to write.
fn memory_plan(root: &Path, out: &Path) -> Result<serde_json::Value, String> {
    Ok(serde_json::json!({
        "site": root.join("dist"),
        "files": write_memory_files(root)?,
        "out": out,
    }))
}

fn read_raw(path: &Path) -> Result<Box<RawValue>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Native core timings, in milliseconds.
fn native(budget: &Budget) -> Result<Vec<Timing>, String> {
    let index = SearchIndex::new(budget, text::nfkc_lower);
    // Check that the timings below measure real work on the real size.
    let everything = Filter::default().apply(budget, &index);
    if everything.lines.len() != MEASURES {
        return Err(format!(
            "synthetic dataset has {} lines, expected {MEASURES}",
            everything.lines.len()
        ));
    }
    let values: Vec<f64> = budget
        .lines
        .iter()
        .map(|m| m.counted_amount() as f64)
        .collect();
    let area = Rect::new(0.0, 0.0, 1200.0, 800.0);
    let rects = layout(&values, area, GOLDEN);
    let covered: f64 = rects.iter().map(Rect::area).sum();
    if (covered - area.area()).abs() > 1e-6 * area.area() {
        return Err(format!("squarify covered {covered} of {}", area.area()));
    }
    let query = Filter {
        query: "観光 支援".into(),
        ..Filter::default()
    };
    let found = query.apply(budget, &index);
    if found.lines.is_empty() || found.lines.len() == MEASURES {
        return Err(format!(
            "the search matched {} lines: not a meaningful benchmark",
            found.lines.len()
        ));
    }

    // Reading the CSV with its progress reported (as the reader module does, at every row) and
    // without: the reports must cost next to nothing. Both must read every line.
    let all: Vec<usize> = (0..budget.lines.len()).collect();
    let file = csv::to_csv(budget, &all);
    let mut reports = 0usize;
    let read = import::read_with_progress("b.csv", &file, &|_| None, &mut |_| reports += 1)
        .map_err(|e| format!("the synthetic CSV did not read: {:?}", e.first()))?;
    if read.0.lines.len() != MEASURES || reports < MEASURES {
        return Err(format!(
            "the CSV read {} lines with {reports} progress reports",
            read.0.lines.len()
        ));
    }
    let read_plain = time(10, || {
        black_box(import::read("b.csv", black_box(&file), &|_| None).is_ok());
    });
    let mut last = 0;
    let read_reporting = time(10, || {
        let progress = &mut |p| last = black_box(p);
        black_box(
            import::read_with_progress("b.csv", black_box(&file), &|_| None, progress).is_ok(),
        );
    });

    let runs = 200;
    let squarify = time(runs, || {
        black_box(layout(black_box(&values), area, GOLDEN));
    });
    let filter = time(runs, || {
        black_box(query.apply(black_box(budget), &index));
    });
    let tree = time(runs, || {
        black_box(aggregate::by_direction(budget, black_box(&everything)));
    });
    let index_build = time(20, || {
        black_box(SearchIndex::new(black_box(budget), text::nfkc_lower));
    });

    println!("\nnative core, {MEASURES} synthetic measures (seed {SEED}), ms");
    println!("  {:<34} {:>9} {:>9}", "operation", "median", "p95");
    let rows = [
        ("squarify (all measures, one level)", squarify),
        ("filter + search \"観光 支援\"", filter),
        ("aggregate by direction", tree),
        ("build search index", index_build),
        ("read the CSV", read_plain),
        ("read the CSV, reporting progress", read_reporting),
    ];
    for (name, (p50, p95)) in rows {
        println!("  {name:<34} {p50:>9.3} {p95:>9.3}");
    }
    println!(
        "  (search matched {} of {MEASURES} lines)",
        found.lines.len()
    );
    Ok(rows
        .into_iter()
        .map(|(operation, (median, p95))| Timing {
            operation,
            median_ms: to_4_places(median),
            p95_ms: to_4_places(p95),
        })
        .collect())
}

/// The synthetic next year written for the browser's comparison, with both totals.
fn compare_plan(root: &Path, budget: &Budget) -> Result<CompareBench, String> {
    let next = synthetic::next_year(budget, SEED + 1);
    let second = root.join("target/bench-synthetic-next.json");
    std::fs::write(&second, export::to_json(&next)).map_err(|e| e.to_string())?;
    let total = |b: &Budget| b.lines.iter().map(|l| l.counted_amount()).sum();
    let (earlier_total, later_total) = (total(budget), total(&next));
    let words = &kumamoto_sme_budget::core::present::strings::JA;
    Ok(CompareBench {
        second,
        earlier_total,
        later_total,
        earlier_text: words.amount(earlier_total),
        later_text: words.amount(later_total),
    })
}

/// Comparing the synthetic set with a synthetic next year of it (issue 17), matching included.
fn native_compare(budget: &Budget) -> Result<Timing, String> {
    use kumamoto_sme_budget::core::compare;
    let next = synthetic::next_year(budget, SEED + 1);
    let c = compare::compare(budget, &next, &[], text::nfkc_lower);
    if c.new.is_empty() || c.ended.is_empty() || c.grown.is_empty() || c.shrunk.is_empty() {
        return Err("the synthetic comparison found nothing to compare".into());
    }
    let (median, p95) = time(20, || {
        black_box(compare::compare(
            budget,
            black_box(&next),
            &[],
            text::nfkc_lower,
        ));
    });
    let operation = "compare with a next year (10,000 each)";
    println!("  {operation:<34} {median:>9.3} {p95:>9.3}");
    Ok(Timing {
        operation,
        median_ms: to_4_places(median),
        p95_ms: to_4_places(p95),
    })
}

/// Rounded to 0.1 µs: finer is below the timer's noise.
fn to_4_places(ms: f64) -> f64 {
    (ms * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, amount: Option<u64>, relisted: bool) -> PeerLine {
        PeerLine {
            name: name.into(),
            departments: vec!["商工振興課".into()],
            description: "ＤＸ 支援".into(),
            budget_thousand_yen: amount,
            relisted,
        }
    }

    #[test]
    fn the_peer_is_checked_against_its_own_rule() {
        let lines = [
            line("観光 PR", Some(10), false),
            line("かんこう", Some(5), false),
            line("観光（再掲）", Some(10), true),
            line("カンコウ", None, false),
        ];
        let by_query = |word: &str| {
            let k = peer_keystrokes(&lines, &[word]);
            let last = &k[word.chars().count() - 1];
            (last.q.clone(), last.count, last.total_thousand_yen)
        };
        // Typed and deleted again: 観, 観光, 観, "".
        let typed: Vec<String> = peer_keystrokes(&lines, &["観光"])
            .into_iter()
            .map(|k| k.q)
            .collect();
        assert_eq!(typed, ["観", "観光", "観", ""]);
        // A relisted line is not counted; a line without an amount counts, adding nothing.
        assert_eq!(by_query("観光"), ("観光".into(), 1, 10));
        assert_eq!(by_query("商工"), ("商工".into(), 3, 15));
        // NFKC and lower case on both sides (ＤＸ in the text, dx typed) ...
        assert_eq!(by_query("dx"), ("dx".into(), 3, 15));
        // ... but no katakana-to-hiragana folding, unlike the app.
        assert_eq!(by_query("カンコウ"), ("カンコウ".into(), 1, 0));
        assert_eq!(by_query("pr 観光"), ("pr 観光".into(), 1, 10));
    }

    #[test]
    fn a_missing_peer_is_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("peer-dir-test-{}", std::process::id()));
        let repo = dir.join("repo");
        std::fs::create_dir_all(&repo).unwrap();
        let err = peer_dir(&repo).unwrap_err();
        assert!(
            err.contains("the peer page is missing") && err.contains("shared/peer/peer.html"),
            "{err}"
        );
        let peer = dir.join("shared/peer");
        std::fs::create_dir_all(&peer).unwrap();
        std::fs::write(peer.join("peer.html"), "").unwrap();
        assert!(peer_dir(&repo).is_err(), "without its synthetic.js");
        std::fs::write(peer.join("synthetic.js"), "").unwrap();
        assert_eq!(peer_dir(&repo), Ok(peer));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
