//! Checks every line of `data/budget.json` against the source text it was transcribed from.
//!
//! The source (`data/source/000_d4216c7b030e1c29.txt`) is the text layer of the city's list. Each
//! page starts with the table header; headings and table rows mostly come first, and the 事業概要
//! paragraphs follow, wrapped over several lines, separated by blank lines and out of row order.
//! This test parses that text itself (no row is written down here) and compares the dataset with
//! it: ids, names, departments, amounts, marks, relistings, direction and initiative titles, and
//! that each description is printed on the page of its row while every paragraph of a page is a
//! description of one of that page's rows (or a 重点事項 bullet or the footnote).
//! `data/source/MATCHING.md` explains which paragraph went to which row where the page alone
//! does not decide it.

use kumamoto_sme_budget::core::model::{
    Budget, Direction, DirectionId, Initiative, InitiativeId, Line, LineId, Marks,
};
use kumamoto_sme_budget::core::validate;
use std::fmt::{self, Debug};

const SOURCE_PATH: &str = "data/source/000_d4216c7b030e1c29.txt";
const BUDGET_PATH: &str = "data/budget.json";

/// The table header that opens every page.
const PAGE_HEADER: &str = "事業名 担当課（室） 予算額（千円）";
/// The column headings printed near the top of the pages.
const COLUMN_HEADINGS: [&str; 2] = ["分野", "事業概要"];

/// What the source says, parsed from its text.
#[derive(Debug, Default)]
struct Source {
    directions: Vec<Direction>,
    initiatives: Vec<Initiative>,
    rows: Vec<Row>,
    pages: Vec<Page>,
}

/// One table row of the source.
#[derive(Debug)]
struct Row {
    /// Index into `Source::pages`.
    page: usize,
    id: LineId,
    /// Without marks.
    name: String,
    departments: Vec<String>,
    /// `None` for "-".
    amount: Option<u64>,
    marks: Marks,
    /// Printed with 【再掲】.
    relisted: bool,
}

#[derive(Debug)]
struct Page {
    /// All lines of the page joined with nothing, so wrapped text reads as one string.
    text: String,
    /// The page's running text (everything but headings and table rows), one entry per
    /// paragraph: wrapped lines joined, a paragraph ending with a line that ends in 。.
    paragraphs: Vec<String>,
}

impl Source {
    /// The id of the line a 【再掲】 row repeats: the one unmarked row with the same name.
    fn relisting_target(&self, row: &Row) -> Option<LineId> {
        if !row.relisted {
            return None;
        }
        let mut targets = self
            .rows
            .iter()
            .filter(|r| !r.relisted && r.name == row.name);
        match (targets.next(), targets.next()) {
            (Some(target), None) => Some(target.id),
            _ => panic!(
                "source: {} 【再掲】{}: not exactly one unmarked row has this name",
                row.id, row.name
            ),
        }
    }
}

fn read(relative: &str) -> String {
    let path = format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_source() -> Source {
    parse_source(&read(SOURCE_PATH))
}

fn load_budget() -> Budget {
    validate::parse(&read(BUDGET_PATH)).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{BUDGET_PATH} does not validate:\n{}", lines.join("\n"))
    })
}

// ---------------------------------------------------------------------------------------------
// Parsing the source

/// Splits the text into pages, each without its header line. Nothing but blank lines may come
/// before the first header.
fn split_pages(text: &str) -> Vec<Vec<&str>> {
    let mut pages: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if line.contains(PAGE_HEADER) {
            pages.push(Vec::new());
        } else if let Some(page) = pages.last_mut() {
            page.push(line);
        } else {
            assert!(
                line.trim().is_empty(),
                "source: text before the first page header: {line:?}"
            );
        }
    }
    pages
}

fn parse_source(text: &str) -> Source {
    let mut source = Source::default();
    let mut direction: Option<DirectionId> = None;
    let mut initiative: Option<InitiativeId> = None;
    for (index, page_lines) in split_pages(text).into_iter().enumerate() {
        let page_number = index + 1;
        let mut paragraphs = Vec::new();
        let mut paragraph = String::new();
        let mut lines = page_lines.iter().map(|line| line.trim());
        while let Some(line) = lines.next() {
            if line.is_empty() || COLUMN_HEADINGS.contains(&line) || is_section_heading(line) {
                continue;
            }
            if let Some((id, title)) = parse_direction(line) {
                direction = Some(DirectionId(id));
                source.directions.push(Direction {
                    id: DirectionId(id),
                    title: title.to_string(),
                });
            } else if let Some((id, title)) = parse_initiative(line) {
                let direction = direction.unwrap_or_else(|| {
                    panic!("source page {page_number}: {line:?} comes before any 方向性")
                });
                initiative = Some(InitiativeId(id));
                source.initiatives.push(Initiative {
                    id: InitiativeId(id),
                    direction,
                    title: title.to_string(),
                });
            } else if let Some((key, number, rest)) = parse_row_start(line) {
                let initiative = initiative.unwrap_or_else(|| {
                    panic!("source page {page_number}: {line:?} comes before any 取組")
                });
                let id = LineId { initiative, number };
                let previous = source.rows.last().map(|r| r.id);
                let expected = match previous {
                    Some(p) if p.initiative == initiative => p.number + 1,
                    _ => 1,
                };
                assert_eq!(
                    number, expected,
                    "source page {page_number}: row {id} does not follow {previous:?}"
                );
                let (name, departments, amount) = parse_row_body(id, rest, &mut lines);
                let (name, mut marks, relisted) = strip_marks(&name);
                marks.key_measure = key;
                source.rows.push(Row {
                    page: index,
                    id,
                    name,
                    departments,
                    amount,
                    marks,
                    relisted,
                });
            } else {
                paragraph.push_str(line);
                if line.ends_with('。') {
                    paragraphs.push(std::mem::take(&mut paragraph));
                }
            }
        }
        if !paragraph.is_empty() {
            // An unfinished paragraph: kept so that the coverage check reports it.
            paragraphs.push(paragraph);
        }
        source.pages.push(Page {
            text: page_lines.concat(),
            paragraphs,
        });
    }
    source
}

/// The rest of a row after "(N)": name, departments and amount, either on this line
/// ("名前 課名 24,200") or, when the line holds only the name, on the following lines (one or
/// more department lines, then the amount alone).
fn parse_row_body<'a>(
    id: LineId,
    rest: &str,
    lines: &mut impl Iterator<Item = &'a str>,
) -> (String, Vec<String>, Option<u64>) {
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    if let Some(amount) = tokens.last().and_then(|t| parse_amount(t)) {
        let before_amount = &tokens[..tokens.len() - 1];
        // Departments are the trailing tokens that read as departments; the name keeps at least
        // the first token.
        let mut split = before_amount.len();
        while split > 1 && parse_departments(before_amount[split - 1]).is_some() {
            split -= 1;
        }
        let departments: Vec<String> = before_amount[split..]
            .iter()
            .flat_map(|t| parse_departments(t).unwrap_or_default())
            .collect();
        assert!(
            !departments.is_empty(),
            "source: row {id}: no department in {rest:?}"
        );
        return (before_amount[..split].join(" "), departments, amount);
    }
    let name = tokens.join(" ");
    let mut departments = Vec::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if let Some(amount) = parse_amount(line) {
            assert!(
                !departments.is_empty(),
                "source: row {id}: amount before any department"
            );
            return (name, departments, amount);
        }
        match parse_departments(line) {
            Some(found) => departments.extend(found),
            None => panic!("source: row {id}: {line:?} is neither a department nor an amount"),
        }
    }
    panic!("source: row {id}: the page ends before the row's amount")
}

/// "-" → `Some(None)`; "24,200" → `Some(Some(24200))`; anything else → `None`.
fn parse_amount(token: &str) -> Option<Option<u64>> {
    if token == "-" {
        return Some(None);
    }
    let mut groups = token.split(',');
    let first = groups.next()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let well_grouped = (1..=3).contains(&first.len())
        && digits(first)
        && groups.all(|g| g.len() == 3 && digits(g));
    if !well_grouped {
        return None;
    }
    token.replace(',', "").parse().ok().map(Some)
}

/// A department token: "商業金融課", or several joined by ・ ("工事契約課・技術管理課") when
/// every part is one ("起業・新産業支援課" is a single department).
fn parse_departments(token: &str) -> Option<Vec<String>> {
    let is_department = |s: &str| s.ends_with('課') || s.ends_with('室');
    let parts: Vec<&str> = token.split('・').collect();
    if parts.len() > 1 && parts.iter().all(|p| is_department(p)) {
        Some(parts.into_iter().map(String::from).collect())
    } else if is_department(token) {
        Some(vec![token.to_string()])
    } else {
        None
    }
}

/// "★(3) …" or "(７) …" → (key, number, the rest of the line).
fn parse_row_start(line: &str) -> Option<(bool, u16, &str)> {
    let (key, line) = match line.strip_prefix('★') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let (number, rest) = line.strip_prefix('(')?.split_once(')')?;
    Some((key, parse_number(number)?.try_into().ok()?, rest))
}

/// "方向性1. 創業・事業承継の促進" or "方向性４.受注機会の増大　" → (number, title).
fn parse_direction(line: &str) -> Option<(u8, &str)> {
    let (number, title) = line.strip_prefix("方向性")?.split_once(['.', '．'])?;
    Some((parse_number(number)?.try_into().ok()?, title.trim()))
}

/// "取組①　創業支援" → (1, "創業支援"), up to ⑩.
fn parse_initiative(line: &str) -> Option<(u8, &str)> {
    let mut chars = line.strip_prefix("取組")?.chars();
    let circled = chars.next()?;
    let number = ('①'..='⑩').position(|c| c == circled)? + 1;
    Some((number.try_into().ok()?, chars.as_str().trim()))
}

/// The document's own section headings: "１　令和五年度　重点事項".
fn is_section_heading(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('０'..='９')) && chars.next() == Some('　')
}

/// A number in ASCII or full-width digits.
fn parse_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.chars().try_fold(0u32, |n, c| {
        let digit = match c {
            '0'..='9' => c.to_digit(10)?,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        n.checked_mul(10)?.checked_add(digit)
    })
}

/// Takes the marks off a name: (bare name, 【新】/【コロナ】 marks, 【再掲】).
fn strip_marks(name: &str) -> (String, Marks, bool) {
    let mut marks = Marks::default();
    let mut relisted = false;
    let mut name = name.trim();
    loop {
        if let Some(rest) = name.strip_prefix("【新】") {
            marks.new = true;
            name = rest.trim();
        } else if let Some(rest) = name.strip_prefix("【コロナ】") {
            marks.covid = true;
            name = rest.trim();
        } else if let Some(rest) = name.strip_prefix("【再掲】") {
            relisted = true;
            name = rest.trim();
        } else {
            return (name.to_string(), marks, relisted);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing

/// Records a problem when the source and budget.json disagree on a field.
fn check<T: PartialEq + Debug>(
    problems: &mut Vec<String>,
    item: impl fmt::Display,
    field: &str,
    source: T,
    budget: T,
) {
    if source != budget {
        problems.push(format!(
            "{item}: {field}: the source has {source:?}, {BUDGET_PATH} has {budget:?}"
        ));
    }
}

/// Every difference between the source and the budget, one line each, naming the item and field.
fn compare(source: &Source, budget: &Budget) -> Vec<String> {
    let mut problems = Vec::new();
    compare_headings(source, budget, &mut problems);
    compare_rows(source, budget, &mut problems);
    compare_descriptions(source, budget, &mut problems);
    problems
}

fn compare_headings(source: &Source, budget: &Budget, problems: &mut Vec<String>) {
    check(
        problems,
        "directions",
        "count",
        source.directions.len(),
        budget.directions.len(),
    );
    for (expected, actual) in source.directions.iter().zip(&budget.directions) {
        let item = format!("direction {}", expected.id.0);
        check(problems, &item, "id", expected.id, actual.id);
        check(problems, &item, "title", &expected.title, &actual.title);
    }
    check(
        problems,
        "initiatives",
        "count",
        source.initiatives.len(),
        budget.initiatives.len(),
    );
    for (expected, actual) in source.initiatives.iter().zip(&budget.initiatives) {
        let item = format!("initiative {}", expected.id.0);
        check(problems, &item, "id", expected.id, actual.id);
        check(
            problems,
            &item,
            "direction",
            expected.direction,
            actual.direction,
        );
        check(problems, &item, "title", &expected.title, &actual.title);
    }
}

fn compare_rows(source: &Source, budget: &Budget, problems: &mut Vec<String>) {
    check(
        problems,
        "measures",
        "count",
        source.rows.len(),
        budget.lines.len(),
    );
    for (row, measure) in source.rows.iter().zip(&budget.lines) {
        let id = row.id;
        check(problems, id, "id", id, measure.id);
        check(problems, id, "name", &row.name, &measure.name);
        check(
            problems,
            id,
            "departments",
            &row.departments,
            &measure.departments,
        );
        check(problems, id, "budget", row.amount, measure.amount);
        check(
            problems,
            id,
            "marks.key",
            row.marks.key_measure,
            measure.marks.key_measure,
        );
        check(problems, id, "marks.new", row.marks.new, measure.marks.new);
        check(
            problems,
            id,
            "marks.covid",
            row.marks.covid,
            measure.marks.covid,
        );
        check(
            problems,
            id,
            "relisted_of",
            source.relisting_target(row),
            measure.relisted_of,
        );
        if let Some(target) = measure.relisted_of.and_then(|t| budget.line(t)) {
            check(
                problems,
                id,
                "relisted_of target's name",
                &measure.name,
                &target.name,
            );
        }
    }
}

/// Each description paragraph is printed on its row's page, and each paragraph of a page is a
/// description of a row on that page, a 重点事項 bullet (meta.priorities) or the footnote
/// (meta.note).
fn compare_descriptions(source: &Source, budget: &Budget, problems: &mut Vec<String>) {
    let rows_and_measures: Vec<(&Row, &Line)> = source.rows.iter().zip(&budget.lines).collect();
    for (row, measure) in &rows_and_measures {
        let page = &source.pages[row.page];
        for (k, paragraph) in measure.description.split('\n').enumerate() {
            let problem = if paragraph.trim().is_empty() {
                "is empty"
            } else if !page.text.contains(paragraph) {
                "is not printed on the row's page"
            } else {
                continue;
            };
            problems.push(format!(
                "{}: description: paragraph {} {problem} (page {}): {paragraph:?}",
                row.id,
                k + 1,
                row.page + 1
            ));
        }
    }

    let mut priorities = Vec::new();
    let mut notes = Vec::new();
    for (index, page) in source.pages.iter().enumerate() {
        let described: Vec<&str> = rows_and_measures
            .iter()
            .filter(|(row, _)| row.page == index)
            .flat_map(|(_, measure)| measure.description.split('\n'))
            .collect();
        let mut printed = 0;
        for paragraph in &page.paragraphs {
            if let Some(priority) = paragraph.strip_prefix('・') {
                priorities.push(priority.to_string());
            } else if paragraph.starts_with('※') {
                notes.push(paragraph.clone());
            } else {
                printed += 1;
                if !described.contains(&paragraph.as_str()) {
                    problems.push(format!(
                        "page {}: paragraph is no description of a line on this page: \
                         {paragraph:?}",
                        index + 1
                    ));
                }
            }
        }
        // With the checks above, equal counts mean no paragraph is used twice on a page.
        check(
            problems,
            format!("page {}", index + 1),
            "number of description paragraphs",
            printed,
            described.len(),
        );
    }
    check(
        problems,
        "meta",
        "priorities",
        &priorities,
        &budget.meta.priorities,
    );
    check(
        problems,
        "meta",
        "note",
        &notes,
        &vec![budget.meta.note.clone()],
    );
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn source_parses_into_pages_headings_and_rows() {
    let source = load_source();
    assert_eq!(source.pages.len(), 8, "pages");
    let directions: Vec<u8> = source.directions.iter().map(|d| d.id.0).collect();
    assert_eq!(directions, [1, 2, 3, 4, 5], "direction ids");
    let initiatives: Vec<u8> = source.initiatives.iter().map(|i| i.id.0).collect();
    assert_eq!(initiatives, (1..=10).collect::<Vec<u8>>(), "initiative ids");
    assert_eq!(source.rows.len(), 63, "rows");
    for row in &source.rows {
        assert!(
            !row.name.is_empty() && !row.name.contains(char::is_whitespace),
            "{}: name {:?}",
            row.id,
            row.name
        );
    }
}

#[test]
fn budget_json_matches_the_source_line_by_line() {
    let problems = compare(&load_source(), &load_budget());
    assert!(
        problems.is_empty(),
        "{BUDGET_PATH} differs from {SOURCE_PATH} ({} problems):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn counts_and_totals_agree_with_the_source() {
    let source = load_source();
    assert_eq!(source.rows.len(), 63, "source: lines");
    let relisted = source.rows.iter().filter(|r| r.relisted).count();
    assert_eq!(relisted, 4, "source: 【再掲】 lines");
    assert_eq!(
        source.rows.len() - relisted,
        59,
        "source: distinct measures"
    );
    let without_amount = source.rows.iter().filter(|r| r.amount.is_none()).count();
    assert_eq!(without_amount, 8, "source: lines without amount");
    let all: u64 = source.rows.iter().filter_map(|r| r.amount).sum();
    assert_eq!(all, 3_808_920, "source: sum of all lines");
    let once: u64 = source
        .rows
        .iter()
        .filter(|r| !r.relisted)
        .filter_map(|r| r.amount)
        .sum();
    assert_eq!(once, 3_739_426, "source: sum counting each measure once");

    let budget = load_budget();
    assert_eq!(budget.lines.len(), 63, "budget.json: lines");
    let relistings = budget.lines.iter().filter(|m| m.is_relisting()).count();
    assert_eq!(relistings, 4, "budget.json: relistings");
    let without_budget = budget.lines.iter().filter(|m| m.amount.is_none()).count();
    assert_eq!(without_budget, 8, "budget.json: lines without amount");
    let all: u64 = budget.lines.iter().filter_map(|m| m.amount).sum();
    assert_eq!(all, 3_808_920, "budget.json: sum of all lines");
    let counted: u64 = budget.lines.iter().map(Line::counted_amount).sum();
    assert_eq!(counted, 3_739_426, "budget.json: counted total");
}

/// A measure of `budget` by its id ("4-9").
fn measure_mut<'a>(budget: &'a mut Budget, id: &str) -> &'a mut Line {
    let id = LineId::parse(id).expect("a measure id");
    budget
        .lines
        .iter_mut()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no measure {id}"))
}

/// A change to a valid budget, and the starts of the problems it must cause.
type Mutation = (&'static str, fn(&mut Budget), &'static [&'static str]);

/// The comparison must notice a change to any field it claims to check.
#[test]
fn comparison_reports_each_kind_of_difference() {
    let source = load_source();
    let budget = load_budget();
    assert!(compare(&source, &budget).is_empty(), "unchanged budget");

    let mutations: [Mutation; 18] = [
        (
            "an amount",
            |b| measure_mut(b, "4-9").amount = Some(5_301),
            &["4-9: budget:"],
        ),
        (
            "a missing amount",
            |b| measure_mut(b, "9-1").amount = Some(0),
            &["9-1: budget:"],
        ),
        (
            "a name",
            |b| measure_mut(b, "5-3").name = "ＵＩＪターン移住促進雇用対策事業".into(),
            &["5-3: name:"],
        ),
        (
            "a department",
            |b| {
                measure_mut(b, "9-2").departments.pop();
            },
            &["9-2: departments:"],
        ),
        (
            "the key mark",
            |b| measure_mut(b, "1-1").marks.key_measure = true,
            &["1-1: marks.key:"],
        ),
        (
            "the new mark",
            |b| measure_mut(b, "3-6").marks.new = false,
            &["3-6: marks.new:"],
        ),
        (
            "the covid mark",
            |b| measure_mut(b, "2-2").marks.covid = false,
            &["2-2: marks.covid:"],
        ),
        (
            "a relisting",
            |b| measure_mut(b, "6-3").relisted_of = None,
            &["6-3: relisted_of:"],
        ),
        (
            "descriptions swapped across pages",
            |b| {
                let first = std::mem::take(&mut measure_mut(b, "1-1").description);
                let second = std::mem::replace(&mut measure_mut(b, "3-3").description, first);
                measure_mut(b, "1-1").description = second;
            },
            &[
                "1-1: description:",
                "3-3: description:",
                "page 1: paragraph",
                "page 2: paragraph",
            ],
        ),
        (
            "a description paragraph dropped",
            |b| {
                let measure = measure_mut(b, "9-1");
                let first = measure.description.lines().next().unwrap().to_string();
                measure.description = first;
            },
            &["page 7: paragraph"],
        ),
        (
            "a paragraph used twice",
            |b| {
                let borrowed = measure_mut(b, "4-11").description.clone();
                measure_mut(b, "4-12")
                    .description
                    .push_str(&format!("\n{borrowed}"));
            },
            &["page 3: number of description paragraphs:"],
        ),
        (
            "a description changed",
            |b| {
                let measure = measure_mut(b, "7-1");
                measure.description = measure.description.replace("ＢＣＰ", "BCP");
            },
            &["7-1: description:", "page 6: paragraph"],
        ),
        (
            "lines out of order",
            |b| b.lines.swap(0, 1),
            &["1-1: id:", "1-2: id:"],
        ),
        (
            "a line missing",
            |b| {
                b.lines.pop();
            },
            &["measures: count:"],
        ),
        (
            "an initiative's direction",
            |b| b.initiatives[6].direction = DirectionId(4),
            &["initiative 7: direction:"],
        ),
        (
            "a direction title",
            |b| b.directions[1].title.push('　'),
            &["direction 2: title:"],
        ),
        (
            "the priorities",
            |b| b.meta.priorities.swap(0, 1),
            &["meta: priorities:"],
        ),
        ("the note", |b| b.meta.note.push('。'), &["meta: note:"]),
    ];
    for (what, mutate, expected) in mutations {
        let mut changed = budget.clone();
        mutate(&mut changed);
        let problems = compare(&source, &changed);
        for prefix in expected {
            assert!(
                problems.iter().any(|p| p.starts_with(prefix)),
                "changing {what} should be reported as {prefix:?}; got {problems:#?}"
            );
        }
    }
}
