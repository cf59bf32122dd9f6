//! The hand-made previous year (tests/fixtures/previous_year.json, invented for the test) against
//! the embedded list: the comparison finds exactly the changes made by hand, no more.
//!
//! Made from data/budget.json by: dropping 3-6, 3-7, 4-14 (new this year); adding 4-15 and 8-5
//! (ended); other amounts for 1-2, 4-5, 8-4, 6-6, 5-12 and 1-5 (with its relistings); 7-1 had an
//! amount and now prints "-"; 1-1 carried 【新】, 5-3 a full-width ＵＩＪ, 5-11 another name;
//! 6-1 sat under initiative 7 as 7-2; direction 5 and initiative 3 had other titles.
//! 1-2's description said 令和３年度 and lacked the mentoring clause (a marked text change).

use kumamoto_sme_budget::core::compare::{compare, Comparison, Kind, Method};
use kumamoto_sme_budget::core::model::Budget;
use kumamoto_sme_budget::core::{embedded_budget, text, validate};

fn previous() -> Budget {
    let path = format!(
        "{}/tests/fixtures/previous_year.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    validate::parse(&text).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

fn ids(c: &Comparison, list: &[usize], before: &Budget, after: &Budget) -> Vec<String> {
    list.iter()
        .map(|&i| {
            let p = c.entries[i].pair;
            match (p.before, p.after) {
                (_, Some(a)) => after.lines[a].id.to_string(),
                (Some(b), None) => before.lines[b].id.to_string(),
                (None, None) => unreachable!("an entry has a side"),
            }
        })
        .collect()
}

#[test]
fn the_fixture_says_it_is_invented() {
    let b = previous();
    assert!(b.meta.title.contains("架空"), "{}", b.meta.title);
    assert!(b.meta.source.contains("架空"), "{}", b.meta.source);
    assert!(b.meta.source.contains("invented"), "{}", b.meta.source);
}

#[test]
fn the_previous_year_against_the_embedded_list_shows_exactly_the_known_changes() {
    let (before, after) = (previous(), embedded_budget().unwrap());
    let c = compare(&before, &after, &[], text::nfkc_lower);
    assert!(c.ignored.is_empty());

    assert_eq!(ids(&c, &c.new, &before, &after), ["3-6", "4-14", "3-7"]);
    assert_eq!(ids(&c, &c.ended, &before, &after), ["8-5", "4-15"]);
    assert_eq!(
        ids(&c, &c.grown, &before, &after),
        ["8-4", "1-2", "5-12", "1-5"]
    );
    assert_eq!(ids(&c, &c.shrunk, &before, &after), ["4-5", "6-6"]);
    // 7-1 lost its amount; the 9-x lines print "-" in both years.
    assert_eq!(
        ids(&c, &c.no_amount, &before, &after),
        ["7-1", "9-1", "9-2", "9-3", "9-4", "9-5", "9-6", "9-7"]
    );
    let changes: Vec<i64> = c
        .grown
        .iter()
        .chain(&c.shrunk)
        .map(|&i| c.entries[i].change().unwrap())
        .collect();
    assert_eq!(changes, [208_532, 16_103, 5_000, 3_285, -500_000, -60_000]);
    let e = &c.entries[c.ended[0]];
    assert_eq!((e.before, e.after), (Some(420_000), None));
    let e = &c.entries[c.new[0]];
    assert_eq!((e.before, e.after), (None, Some(32_000)));

    // Every other line is unchanged.
    let same = c.entries.iter().filter(|e| e.kind == Kind::Same).count();
    let relistings = c
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Relisting)
        .count();
    assert_eq!(relistings, 4);
    assert_eq!(same, 63 - 3 - 4 - 2 - 8 - 4);

    // How each pair was found.
    let method_of = |id: &str| {
        c.entries
            .iter()
            .find(|e| {
                e.pair
                    .after
                    .is_some_and(|a| after.lines[a].id.to_string() == id)
            })
            .and_then(|e| e.pair.method)
    };
    assert_eq!(method_of("5-11"), Some(Method::Number));
    for id in ["1-1", "5-3", "6-1"] {
        assert_eq!(method_of(id), Some(Method::Name), "{id}");
    }
    for id in ["3-1", "6-3", "6-5", "10-2"] {
        assert_eq!(method_of(id), Some(Method::Relisted), "{id}");
    }
    let moved = c
        .entries
        .iter()
        .find(|e| {
            e.pair
                .after
                .is_some_and(|a| after.lines[a].id.to_string() == "6-1")
        })
        .unwrap();
    assert_eq!(
        before.lines[moved.pair.before.unwrap()].id.to_string(),
        "7-2"
    );

    // The renamed direction and initiative are matched, so every group has both sides.
    assert!(c
        .directions
        .iter()
        .all(|g| g.before.is_some() && g.after.is_some()));
    assert!(c
        .initiatives
        .iter()
        .all(|g| g.before.is_some() && g.after.is_some()));
    assert_eq!(
        c.directions[4].before.as_deref(),
        Some("小規模企業の振興・発展")
    );

    // The totals move by exactly the changes above: new, ended, grown, shrunk, and 7-1's 1,500.
    let known: i64 =
        (32_000 + 30_000 + 10_000) - (420_000 + 120_000) + changes.iter().sum::<i64>() - 1_500;
    assert_eq!(c.whole.change(), known);
    assert_eq!(c.whole.after, 3_739_426);
    let by_direction: i64 = c.directions.iter().map(|g| g.totals.change()).sum();
    assert_eq!(by_direction, known);
}

/// The browser test's 30 corrections (compare.test.mjs): the first 30 lines with the same id and
/// name on both sides unpaired, through a corrections file, then 3-6 paired with 8-5 by hand.
#[test]
fn thirty_unpairings_from_a_corrections_file_and_one_pair_by_hand() {
    use kumamoto_sme_budget::core::compare::Correction;
    use kumamoto_sme_budget::core::corrections_file;
    let (before, after) = (previous(), embedded_budget().unwrap());
    let both: Vec<String> = after
        .lines
        .iter()
        .filter(|l| !l.is_relisting())
        .filter(|l| {
            before
                .lines
                .iter()
                .any(|b| b.id == l.id && b.name == l.name)
        })
        .map(|l| l.id.to_string())
        .take(30)
        .collect();
    assert_eq!(both.len(), 30);
    let mut text = String::from("budget-corrections 1\n");
    for id in &both {
        text.push_str(&format!("unpair {id} {id}\n"));
    }
    let mut corrections = corrections_file::parse(text.as_bytes())
        .unwrap()
        .corrections;
    let id = |s| kumamoto_sme_budget::core::model::LineId::parse(s).unwrap();
    corrections.push(Correction::Pair {
        before: id("8-5"),
        after: id("3-6"),
    });
    let c = compare(&before, &after, &corrections, text::nfkc_lower);
    assert!(c.ignored.is_empty(), "{:?}", c.ignored);
    // 3 new, 30 more unpaired, one of them (3-6) paired by hand; 2 ended, 30 more, 8-5 paired.
    assert_eq!((c.new.len(), c.ended.len()), (32, 31));
    // Unpaired, the totals are the same: a line only changes which list it is in.
    let plain = compare(&before, &after, &[], text::nfkc_lower);
    assert_eq!(c.whole, plain.whole);
}
