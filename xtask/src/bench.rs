//! `cargo xtask bench`: sizes of the release build and native timings of the core on a
//! synthetic dataset of 10,000 measures. Prints a table and writes target/bench.json.

use kumamoto_sme_budget::core::filter::{Filter, SearchIndex};
use kumamoto_sme_budget::core::treemap::{layout, Rect, GOLDEN};
use kumamoto_sme_budget::core::{aggregate, synthetic, text};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const MEASURES: usize = 10_000;
const SEED: u64 = 20_230_331;

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

/// Measures the release build already in dist/ and times the core natively.
pub fn run(root: &Path) -> Result<(), String> {
    let sizes = crate::sizes::measure(root)?;
    crate::sizes::print(&sizes);

    let budget = synthetic::generate(MEASURES, SEED);
    let index = SearchIndex::new(&budget, text::nfkc_lower);
    // Check that the timings below measure real work on the real size.
    let everything = Filter::default().apply(&budget, &index);
    if everything.lines.len() != MEASURES {
        return Err(format!(
            "synthetic dataset has {} lines, expected {MEASURES}",
            everything.lines.len()
        ));
    }
    let values: Vec<f64> = budget
        .measures
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
    let found = query.apply(&budget, &index);
    if found.lines.is_empty() || found.lines.len() == MEASURES {
        return Err(format!(
            "the search matched {} lines: not a meaningful benchmark",
            found.lines.len()
        ));
    }

    let runs = 200;
    let squarify = time(runs, || {
        black_box(layout(black_box(&values), area, GOLDEN));
    });
    let filter = time(runs, || {
        black_box(query.apply(black_box(&budget), &index));
    });
    let tree = time(runs, || {
        black_box(aggregate::by_direction(&budget, black_box(&everything)));
    });
    let index_build = time(20, || {
        black_box(SearchIndex::new(black_box(&budget), text::nfkc_lower));
    });

    println!("\nnative core, {MEASURES} synthetic measures (seed {SEED}), ms");
    println!("  {:<34} {:>9} {:>9}", "operation", "median", "p95");
    let rows = [
        ("squarify (all measures, one level)", squarify),
        ("filter + search \"観光 支援\"", filter),
        ("aggregate by direction", tree),
        ("build search index", index_build),
    ];
    for (name, (p50, p95)) in rows {
        println!("  {name:<34} {p50:>9.3} {p95:>9.3}");
    }
    println!(
        "  (search matched {} of {MEASURES} lines)",
        found.lines.len()
    );

    let json_sizes: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "{{\"file\":\"{}\",\"raw\":{},\"gzip\":{},\"brotli\":{}}}",
                s.kind, s.raw, s.gzip, s.brotli
            )
        })
        .collect();
    let json_native: Vec<String> = rows
        .iter()
        .map(|(name, (p50, p95))| {
            format!(
                "{{\"operation\":{:?},\"median_ms\":{p50:.4},\"p95_ms\":{p95:.4}}}",
                name
            )
        })
        .collect();
    let json = format!(
        "{{\n  \"sizes\": [{}],\n  \"native\": {{\"measures\": {MEASURES}, \"seed\": {SEED}, \"results\": [{}]}}\n}}\n",
        json_sizes.join(","),
        json_native.join(",")
    );
    let out = root.join("target/bench.json");
    std::fs::create_dir_all(root.join("target")).map_err(|e| e.to_string())?;
    std::fs::write(&out, json).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\nwrote {}", out.display());
    Ok(())
}
