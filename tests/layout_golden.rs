//! Golden output: the treemap layout of the real data at each level of the direction tree and
//! of the department view, in a 1000×600 box. A change in the layout shows up as a diff of
//! tests/golden/layout.txt; after checking it by eye, regenerate with UPDATE_GOLDEN=1.

use kumamoto_sme_budget::core::aggregate::{by_department, by_direction, Node};
use kumamoto_sme_budget::core::embedded_budget;
use kumamoto_sme_budget::core::filter::Selection;
use kumamoto_sme_budget::core::treemap::{layout, Rect, GOLDEN};
use std::fmt::Write;

fn level(out: &mut String, title: &str, nodes: &[Node]) {
    let values: Vec<f64> = nodes.iter().map(|n| n.total as f64).collect();
    let rects = layout(&values, Rect::new(0.0, 0.0, 1000.0, 600.0), GOLDEN);
    writeln!(out, "## {title}").unwrap();
    for (node, r) in nodes.iter().zip(&rects) {
        writeln!(
            out,
            "{:>8.2} {:>8.2} {:>8.2} {:>8.2}  {:>9}  {}",
            r.x0, r.y0, r.x1, r.y1, node.total, node.label
        )
        .unwrap();
    }
}

fn render() -> String {
    let budget = embedded_budget().unwrap();
    let all = Selection::all(&budget);
    let directions = by_direction(&budget, &all);
    let mut out = String::new();
    level(&mut out, "directions", &directions);
    for d in &directions {
        level(
            &mut out,
            &format!("initiatives of {}", d.label),
            &d.children,
        );
        for i in &d.children {
            level(&mut out, &format!("measures of {}", i.label), &i.children);
        }
    }
    level(&mut out, "department groups", &by_department(&budget, &all));
    out
}

#[test]
fn layout_matches_golden_file() {
    let path = format!("{}/tests/golden/layout.txt", env!("CARGO_MANIFEST_DIR"));
    let got = render();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (create it with UPDATE_GOLDEN=1 after checking the output)")
    });
    assert!(
        got == want,
        "layout differs from {path}; diff it against:\n{got}"
    );
}
