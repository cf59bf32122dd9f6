//! Golden output: the label plan of every chart level of the embedded data, in both languages,
//! in the chart box of a 390×844 phone (358×447) and of a 1440×900 desktop (1120×675), with the
//! native word breaks. The browser test (tests/e2e/labels.test.mjs) opens each section's
//! fragment in a box of that size and checks that the app, breaking words with
//! `Intl.Segmenter`, draws exactly these labels. After checking a change by eye, regenerate
//! with UPDATE_GOLDEN=1.

use kumamoto_sme_budget::core::aggregate::group_keys;
use kumamoto_sme_budget::core::chart;
use kumamoto_sme_budget::core::embedded_budget;
use kumamoto_sme_budget::core::filter::Selection;
use kumamoto_sme_budget::core::label::{level_plan, rule_breaks};
use kumamoto_sme_budget::core::lang::Lang;
use kumamoto_sme_budget::core::model::Budget;
use kumamoto_sme_budget::core::present::strings;
use kumamoto_sme_budget::core::treemap::{layout, Rect, GOLDEN};
use kumamoto_sme_budget::core::view_state::{Drill, View, ViewState};
use std::fmt::Write;

/// Every level of both chart views.
fn levels(budget: &Budget) -> Vec<(View, Drill)> {
    let mut out = vec![(View::Directions, Drill::Top)];
    out.extend(
        budget
            .directions
            .iter()
            .map(|d| (View::Directions, Drill::Direction(d.id))),
    );
    out.extend(
        budget
            .initiatives
            .iter()
            .map(|i| (View::Directions, Drill::Initiative(i.id))),
    );
    out.push((View::Departments, Drill::Top));
    let mut groups = group_keys(budget);
    groups.dedup();
    let mut seen = Vec::new();
    for g in groups {
        if !seen.contains(&g) {
            seen.push(g.clone());
            out.push((View::Departments, Drill::DepartmentGroup(g)));
        }
    }
    out
}

pub const SIZES: [(f64, f64); 2] = [(358.0, 447.0), (1120.0, 675.0)];

fn render() -> String {
    let budget = embedded_budget().unwrap();
    let all = Selection::all(&budget);
    let mut out = String::new();
    for (w, h) in SIZES {
        for lang in [Lang::Ja, Lang::En] {
            let s = strings::get(lang);
            for (view, drill) in levels(&budget) {
                let level = chart::level(&budget, &all, false, view, &drill, 0, s.top);
                let values: Vec<f64> = level.drawn().into_iter().map(|v| v as f64).collect();
                let rects = layout(&values, Rect::new(0.0, 0.0, w, h), GOLDEN);
                let (_, text) = level_plan(&budget, &level, &rects, s, rule_breaks);
                let fragment = ViewState {
                    view,
                    drill,
                    lang: Some(lang),
                    ..ViewState::default()
                }
                .format();
                writeln!(out, "## {w}x{h} #{fragment}").unwrap();
                out.push_str(&text);
            }
        }
    }
    out
}

#[test]
fn label_plans_match_golden_file() {
    let path = format!("{}/tests/golden/labels.txt", env!("CARGO_MANIFEST_DIR"));
    let got = render();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (create it with UPDATE_GOLDEN=1 after checking the output)")
    });
    assert!(
        got == want,
        "label plans differ from {path}; diff it against:\n{got}"
    );
}

#[test]
fn every_cell_24_px_tall_and_three_characters_wide_is_named_or_numbered_in_the_golden_file() {
    // Read back from the file: a named cell has a size; a cell too small has a number.
    let text = render();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with("## ")) {
        let f: Vec<&str> = line.split('\t').collect();
        let (w, h) = f[1].split_once('x').unwrap();
        let (w, h): (f64, f64) = (w.parse().unwrap(), h.parse().unwrap());
        if w >= 41.0 && h >= 24.0 {
            assert_ne!(f[2], "-", "{line}");
            checked += 1;
        } else if w * h > 0.0 {
            assert!(f[2] != "-" || f[5] != "-", "{line}");
        }
    }
    assert!(checked > 300, "{checked}");
}
