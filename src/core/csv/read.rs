//! Records → the contract's JSON → a [`Budget`]: finds the header among `#meta` and comment
//! rows, maps its names to columns, reads `#meta` and data rows cell by cell (see `cell.rs`),
//! declares directions and initiatives, and checks the whole with [`validate::parse`], whose
//! messages are mapped back to the row and column they are about.

use super::cell::{
    budget_value, departments_value, flag_value, fold_width, id_value, iso_date, number_value,
    relisted_value, text_value,
};
use super::sniff::{ROWS_END, SAVE_AS_UTF8, SAVE_AS_UTF8_JA, SPLIT_END};
use super::split::{Record, Split};
use super::{
    default_meta, file_error, Column, CsvError, BUDGET, COLUMNS, COVID, DEPARTMENTS, DESCRIPTION,
    DIRECTION, DIRECTION_TITLE, ID, INITIATIVE, INITIATIVE_TITLE, KEY, META_KEYS, NAME, NEW,
    NUMBER, RELISTED_OF,
};
use crate::core::import::Progress;
use crate::core::lang::{message, Lang, Message};
use crate::core::model::{Budget, InitiativeId, LineId};
use crate::core::validate::{self, DataError, Item};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How header names and `#meta` keys are compared: width-folded, lower-case, without spaces,
/// `_` or a stray BOM.
fn name_key(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{FEFF}')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn column_of(header: &str) -> Option<usize> {
    let key = name_key(header);
    COLUMNS.iter().position(|c| {
        name_key(c.key) == key
            || name_key(c.header) == key
            || c.aliases.iter().any(|a| name_key(a) == key)
    })
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.iter().rev().map(|&b| b as char).collect()
}

/// The columns, for messages: `番号 (id), 方向性 (direction), …` and `番号、方向性、…`.
fn known_columns() -> (String, String) {
    let en: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("{} ({})", c.header, c.key))
        .collect();
    let ja: Vec<&str> = COLUMNS.iter().map(|c| c.header).collect();
    (en.join(", "), ja.join("、"))
}

/// The `#meta` keys, for messages: `title, city, …` and `title（表題）、city（自治体）、…`.
fn known_meta_keys() -> (String, String) {
    let en: Vec<&str> = META_KEYS.iter().map(|(k, _)| *k).collect();
    let ja: Vec<String> = META_KEYS
        .iter()
        .map(|(k, ja)| format!("{k}（{}）", ja[0]))
        .collect();
    (en.join(", "), ja.join("、"))
}

/// Where a direction or initiative is first declared, and what it says.
struct Declared {
    row: usize,
    title: Option<String>,
    direction: Option<u8>,
}

#[derive(Default)]
pub(super) struct Reader {
    errors: Vec<CsvError>,
    /// Each column's name for messages: its header as written in the file, else the Japanese.
    names: Vec<String>,
    /// Each column's index in the file.
    position: [Option<usize>; COLUMNS.len()],
    /// Meta keys reported already (the validator's messages about them are dropped).
    meta_flagged: Vec<&'static str>,
    /// First row of each meta key.
    meta_rows: HashMap<&'static str, usize>,
    directions: BTreeMap<u8, Declared>,
    initiatives: BTreeMap<u8, Declared>,
    /// Row of each line id, and whether the row was left out of the validation (its own
    /// errors are reported already).
    lines: HashMap<LineId, (usize, bool)>,
    /// The most cells in a row (for ordering errors named by column letter).
    width: usize,
}

impl Reader {
    fn fail(&mut self, row: usize, column: usize, message: Message) {
        self.errors.push(CsvError {
            row: Some(row),
            column: Some(self.names[column].clone()),
            message,
        });
    }

    fn check<T>(&mut self, row: usize, column: usize, result: Result<T, Message>) -> Option<T> {
        result.map_err(|m| self.fail(row, column, m)).ok()
    }

    fn cell<'r>(&self, record: &'r Record, column: usize) -> &'r str {
        self.position[column]
            .and_then(|j| record.cells.get(j))
            .map_or("", |c| c.as_ref())
    }

    /// Takes the records by value: each data row's cells are freed once the row is read.
    pub(super) fn read(
        mut self,
        split: Split,
        progress: Progress,
    ) -> Result<Budget, Vec<CsvError>> {
        self.names = COLUMNS.iter().map(|c| c.header.to_string()).collect();
        let records = &split.records;
        let mut meta_rows: Vec<&Record> = Vec::new();
        let mut header = None;
        for (i, record) in records.iter().enumerate() {
            if record.is_blank() {
                continue;
            }
            let first = record.cells[0].trim_start();
            if name_key(first) == "#meta" {
                meta_rows.push(record);
            } else if name_key(first) == "sep=" {
                // Excel's "sep=," hint line.
            } else if !first.starts_with(['#', '＃']) {
                header = Some(i);
                break;
            }
        }
        let Some(header_index) = header else {
            let (known, known_ja) = known_columns();
            return Err(file_error(message!(
                "has no header row (a row naming the columns: {known})",
                "見出しの行がありません。列の名前（{known_ja}）を並べた行を書いてください"
            )));
        };
        let header = &records[header_index];
        let file_columns = self.read_header(header);
        if !self.errors.is_empty() {
            // By row only: the header's own problems stay in the order of its cells.
            self.syntax_errors(&split, header.row, None);
            self.errors.sort_by_key(|e| e.row.unwrap_or(0));
            return Err(self.errors);
        }
        self.width = split
            .records
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0);
        let meta = self.read_meta(&meta_rows);
        let bad_rows = self.syntax_errors(&split, header.row, Some(&file_columns));
        let header_row = header.row;
        let rows = split.records.len() - header_index - 1;
        // Each row's project is checked on its own as soon as it is read, and only what the
        // checks across rows need is kept: never one JSON tree (or text) of the whole file.
        // The initiatives are known once every row is read: checked then.
        let mut projects = validate::Projects::new(None, rows);
        let mut project_errors: Vec<DataError> = Vec::new();
        let mut seen: HashMap<LineId, usize> = HashMap::with_capacity(rows);
        self.lines.reserve(rows);
        let mut data_rows = 0;
        // The position of the row's project among those passed to the validator.
        let mut index = 0;
        let share = |done: usize| {
            SPLIT_END + (done as u64 * u64::from(ROWS_END - SPLIT_END) / rows.max(1) as u64) as u32
        };
        for (done, record) in split.records.into_iter().skip(header_index + 1).enumerate() {
            progress(share(done));
            if record.is_blank() {
                continue;
            }
            data_rows += 1;
            if name_key(&record.cells[0]) == "#meta" {
                self.errors.push(CsvError {
                    row: Some(record.row),
                    column: None,
                    message: message!(
                        "#meta rows must come before the header row (row {header_row})",
                        "#meta の行は見出しの行（{header_row}行目）より前に書いてください"
                    ),
                });
                continue;
            }
            for (j, cell) in record.cells.iter().enumerate() {
                if file_columns.get(j).copied().flatten().is_none() && !cell.trim().is_empty() {
                    self.errors.push(CsvError {
                        row: Some(record.row),
                        column: Some(column_letter(j)),
                        message: message!(
                            "has a value, but its column has no header",
                            "値がありますが、この列には見出しがありません"
                        ),
                    });
                }
            }
            // A row goes to the validator whole when every cell it needs could be read (even if
            // the row has other problems); else only its id, so that a relisting pointing at it
            // is not called missing. The validator's messages about such a stub are dropped.
            let bad_syntax = bad_rows.contains(&record.row);
            match self.read_line(&record, &mut seen) {
                Some((id, Some(value))) if !bad_syntax => {
                    self.lines.insert(id, (record.row, false));
                    projects.declare(id);
                    if let Some(c) = validate::candidate(index, &value, &mut project_errors) {
                        projects.accept(c, &mut project_errors);
                    }
                    index += 1;
                }
                Some((id, _)) => {
                    self.lines.insert(id, (record.row, true));
                    projects.declare(id);
                    index += 1;
                }
                None => {}
            }
        }
        if data_rows == 0 {
            self.errors.push(CsvError {
                row: Some(header_row),
                column: None,
                message: message!(
                    "the header is not followed by any data rows",
                    "見出しの行のあとにデータの行がありません"
                ),
            });
        }
        let head = json!({
            "meta": meta,
            "directions": self.directions.iter().map(|(id, d)| json!({
                "id": id, "title": d.title.as_deref().unwrap_or("?"),
            })).collect::<Vec<Value>>(),
            "initiatives": self.initiatives.iter().filter_map(|(id, i)| Some(json!({
                "id": id, "direction": i.direction?, "title": i.title.as_deref().unwrap_or("?"),
            }))).collect::<Vec<Value>>(),
            "projects": [],
        });
        let checked = validate::parse_parts(&head, |initiatives, errors| {
            projects.check_initiatives(initiatives, errors);
            projects.finish(errors)
        });
        // In the order the validator of a whole file would give them: meta, directions and
        // initiatives, then each project's fields, then the checks across projects.
        let checked = match checked {
            Err(mut errors) if !project_errors.is_empty() => {
                let head_errors = errors
                    .iter()
                    .take_while(|e| !matches!(e.item, Item::Project(_)))
                    .count();
                errors.splice(head_errors..head_errors, project_errors);
                Err(errors)
            }
            Ok(_) if !project_errors.is_empty() => Err(project_errors),
            checked => checked,
        };
        match checked {
            Ok(budget) if self.errors.is_empty() => Ok(budget),
            Ok(_) => Err(self.sorted()),
            Err(errors) => {
                for e in errors {
                    if let Some(mapped) = self.map_error(e) {
                        self.errors.push(mapped);
                    }
                }
                Err(self.sorted())
            }
        }
    }

    /// The errors by row, and within a row by column (file-level ones first).
    fn sorted(self) -> Vec<CsvError> {
        let rank = |e: &CsvError| -> usize {
            let Some(name) = &e.column else { return 0 };
            if let Some(c) = self.names.iter().position(|n| n == name) {
                return self.position[c].map_or(usize::MAX, |p| p + 1);
            }
            (0..self.width)
                .find(|&j| column_letter(j) == *name)
                .map_or(usize::MAX, |j| j + 1)
        };
        let mut keyed: Vec<((usize, usize), CsvError)> = self
            .errors
            .iter()
            .map(|e| ((e.row.unwrap_or(0), rank(e)), e.clone()))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        // The validator may repeat a check made here already (an id against its
        // initiative-number): keep one.
        let mut out: Vec<CsvError> = Vec::with_capacity(keyed.len());
        for (_, e) in keyed {
            if !out
                .iter()
                .rev()
                .take_while(|o| o.row == e.row)
                .any(|o| *o == e)
            {
                out.push(e);
            }
        }
        out
    }

    /// Maps the header's cells to columns; returns each file column's column index.
    fn read_header(&mut self, header: &Record) -> Vec<Option<usize>> {
        let row = header.row;
        if let [only] = header.cells.as_slice() {
            for (sep, name, name_ja) in [
                ('\t', "tabs", "タブ"),
                (';', "semicolons", "セミコロン（;）"),
            ] {
                if only.contains(sep) {
                    self.errors.push(CsvError {
                        row: Some(row),
                        column: None,
                        message: message!(
                            "the header is one cell holding {name}: the file seems separated by \
                             {name}, but CSV cells are separated by commas; {SAVE_AS_UTF8}",
                            "見出しの行が{name_ja}を含む1つのセルです。{name_ja}区切りのファイルのようですが、\
                             CSV はコンマ（,）で区切ります。{SAVE_AS_UTF8_JA}"
                        ),
                    });
                    return vec![None];
                }
            }
        }
        let mut file_columns = Vec::new();
        for (j, cell) in header.cells.iter().enumerate() {
            let name = cell.trim().trim_start_matches('\u{FEFF}');
            if name.is_empty() {
                file_columns.push(None);
                continue;
            }
            let found = column_of(name);
            match found {
                None => {
                    let (known, known_ja) = known_columns();
                    self.errors.push(CsvError {
                        row: Some(row),
                        column: Some(name.to_string()),
                        message: message!(
                            "is not a known column; the columns are {known}",
                            "この名前の列は使えません（使える列：{known_ja}）"
                        ),
                    })
                }
                Some(c) => match self.position[c] {
                    Some(first) => {
                        let (a, b) = (column_letter(first), column_letter(j));
                        let Column { header, key, .. } = COLUMNS[c];
                        self.errors.push(CsvError {
                            row: Some(row),
                            column: Some(name.to_string()),
                            message: message!(
                                "is given twice (columns {a} and {b}): both are {header} ({key})",
                                "{a}列と{b}列の2つあります（どちらも「{header}」の列です）"
                            ),
                        })
                    }
                    None => {
                        self.position[c] = Some(j);
                        self.names[c] = name.to_string();
                    }
                },
            }
            file_columns.push(found);
        }
        for (c, column) in COLUMNS.iter().enumerate() {
            if column.required && self.position[c].is_none() {
                let Column { header, key, .. } = column;
                self.errors.push(CsvError {
                    row: Some(row),
                    column: None,
                    message: message!(
                        "the required column \"{header}\" ({key}) is missing",
                        "必要な列「{header}」がありません"
                    ),
                });
            }
        }
        file_columns
    }

    /// Reports the splitter's problems, naming columns by header when `file_columns` is known;
    /// returns the rows that had one.
    fn syntax_errors(
        &mut self,
        split: &Split,
        header_row: usize,
        file_columns: Option<&[Option<usize>]>,
    ) -> HashSet<usize> {
        let mut rows = HashSet::new();
        for p in &split.problems {
            let named = file_columns
                .filter(|_| p.row > header_row)
                .and_then(|f| f.get(p.cell).copied().flatten())
                .map(|c| self.names[c].clone());
            self.errors.push(CsvError {
                row: Some(p.row),
                column: Some(named.unwrap_or_else(|| column_letter(p.cell))),
                message: p.message.clone(),
            });
            rows.insert(p.row);
        }
        rows
    }

    /// The `#meta` rows as the contract's meta object ([`default_meta`] when there are none).
    fn read_meta(&mut self, rows: &[&Record]) -> Value {
        let defaults = default_meta();
        let default_of = |key: &str| -> Value {
            match key {
                "title" => json!(defaults.title),
                "city" => json!(defaults.city),
                "fiscal_year" => json!(defaults.fiscal_year),
                "era_year" => json!(defaults.era_year),
                "unit" => json!(defaults.unit),
                "as_of" => json!(defaults.as_of),
                "source" => json!(defaults.source),
                "priorities" => json!(defaults.priorities),
                _ => json!(defaults.note),
            }
        };
        let mut meta = Map::new();
        if rows.is_empty() {
            for (key, _) in META_KEYS {
                meta.insert(key.into(), default_of(key));
            }
            return Value::Object(meta);
        }
        let mut priorities: Vec<Value> = Vec::new();
        for record in rows {
            let row = record.row;
            let fail = |errors: &mut Vec<CsvError>, message: Message| {
                errors.push(CsvError {
                    row: Some(row),
                    column: None,
                    message,
                })
            };
            if record.cells.iter().skip(3).any(|c| !c.trim().is_empty()) {
                fail(
                    &mut self.errors,
                    message!(
                        "a #meta row has three cells: #meta, the key and the value",
                        "#meta の行は「#meta」「項目名」「値」の3つのセルで書いてください"
                    ),
                );
                continue;
            }
            let written = record.cells.get(1).map_or("", |k| k.trim());
            let Some(key) = META_KEYS
                .iter()
                .find(|(k, ja)| name_key(k) == name_key(written) || ja.contains(&written))
                .map(|(k, _)| *k)
            else {
                let (keys, keys_ja) = known_meta_keys();
                fail(
                    &mut self.errors,
                    message!(
                        "\"#meta {written}\": unknown key (the keys are {keys})",
                        "#meta「{written}」：使えない項目名です（使える項目名：{keys_ja}）"
                    ),
                );
                continue;
            };
            let raw = record.cells.get(2).map_or("", |c| c.as_ref());
            if key != "priorities" {
                if let Some(first) = self.meta_rows.get(key) {
                    fail(
                        &mut self.errors,
                        message!(
                            "#meta \"{key}\" is given twice (also on row {first})",
                            "#meta「{key}」が2回あります（{first}行目にもあります）"
                        ),
                    );
                    continue;
                }
            }
            self.meta_rows.entry(key).or_insert(row);
            let value = match key {
                "fiscal_year" => number_value(raw, 9999).map(|n| json!(n)),
                // Checked here to quote the date as the file writes it (2023/02/30).
                "as_of" => text_value(raw).and_then(|t| {
                    let iso = iso_date(&fold_width(&t));
                    validate::date_problem(&iso, &t).map_or(Ok(json!(iso)), Err)
                }),
                _ => text_value(raw).map(|t| json!(t)),
            };
            match value {
                Ok(v) if key == "priorities" => priorities.push(v),
                Ok(v) => {
                    meta.insert(key.into(), v);
                }
                Err(m) => {
                    fail(&mut self.errors, meta_message(key, &m));
                    self.meta_flagged.push(key);
                }
            }
        }
        if !priorities.is_empty() {
            meta.insert("priorities".into(), Value::Array(priorities));
        }
        for (key, _) in META_KEYS {
            if meta.contains_key(key) {
                continue;
            }
            if !self.meta_flagged.contains(&key) {
                let (keys, count) = (known_meta_keys().0, META_KEYS.len());
                self.errors.push(CsvError {
                    row: Some(rows[0].row),
                    column: None,
                    // One such line per missing key: the Japanese leaves out the list.
                    message: message!(
                        "#meta \"{key}\" is missing: give every key ({keys}), or no #meta rows at all",
                        "#meta「{key}」がありません（#meta の行を書くときは、{count}項目をすべて書いてください）"
                    ),
                });
                self.meta_flagged.push(key);
            }
            meta.insert(key.into(), default_of(key));
        }
        Value::Object(meta)
    }

    /// One data row: its id (when usable and not taken) and its project as contract JSON.
    /// Problems go to `self.errors`.
    fn read_line(
        &mut self,
        record: &Record,
        seen: &mut HashMap<LineId, usize>,
    ) -> Option<(LineId, Option<Value>)> {
        let row = record.row;
        let cell = |c: usize| self.cell(record, c);
        let (raw_id, raw_dir, raw_dir_title, raw_ini, raw_ini_title, raw_number) = (
            cell(ID),
            cell(DIRECTION),
            cell(DIRECTION_TITLE),
            cell(INITIATIVE),
            cell(INITIATIVE_TITLE),
            cell(NUMBER),
        );
        let (raw_name, raw_depts, raw_budget, raw_key, raw_new, raw_covid, raw_rel, raw_desc) = (
            cell(NAME),
            cell(DEPARTMENTS),
            cell(BUDGET),
            cell(KEY),
            cell(NEW),
            cell(COVID),
            cell(RELISTED_OF),
            cell(DESCRIPTION),
        );
        let id = self.check(row, ID, id_value(raw_id));
        let direction = self.check(row, DIRECTION, number_value(raw_dir, 255));
        let direction_title = self.check(row, DIRECTION_TITLE, text_value(raw_dir_title));
        let initiative = self.check(row, INITIATIVE, number_value(raw_ini, 255));
        let initiative_title = self.check(row, INITIATIVE_TITLE, text_value(raw_ini_title));
        let number = self.check(row, NUMBER, number_value(raw_number, u16::MAX as u64));
        let name = self.check(row, NAME, text_value(raw_name));
        let departments = self.check(row, DEPARTMENTS, departments_value(raw_depts));
        let budget = self.check(row, BUDGET, budget_value(raw_budget));
        let key = self.check(row, KEY, flag_value(raw_key, KEY));
        let new = self.check(row, NEW, flag_value(raw_new, NEW));
        let covid = self.check(row, COVID, flag_value(raw_covid, COVID));
        let relisted_of = self.check(row, RELISTED_OF, relisted_value(raw_rel));
        let description = self.check(row, DESCRIPTION, text_value(raw_desc));

        let direction = direction.map(|d| d as u8);
        let initiative = initiative.map(|i| i as u8);
        if let Some(d) = direction {
            self.declare_direction(row, d, direction_title);
        }
        if let Some(i) = initiative {
            self.declare_initiative(row, i, direction, initiative_title);
        }
        let id = id?;
        if let (Some(initiative), Some(number)) = (initiative, number) {
            let expected = LineId {
                initiative: InitiativeId(initiative),
                number: number as u16,
            };
            if id != expected {
                self.fail(row, ID, validate::id_mismatch(expected, &id.to_string()));
            }
        }
        if let Some(first) = seen.get(&id) {
            let message = message!(
                "\"{id}\" is already used on row {first}",
                "「{id}」は{first}行目でも使われています"
            );
            self.fail(row, ID, message);
            return None;
        }
        seen.insert(id, row);
        let value = (|| {
            Some(json!({
                "id": id.to_string(), "initiative": initiative?, "number": number?, "name": name?,
                "departments": departments?, "budget": budget?,
                "key": key?, "new": new?, "covid": covid?,
                "relisted_of": relisted_of?.map(|r| r.to_string()),
                "description": description?,
            }))
        })();
        Some((id, value))
    }

    fn declare_direction(&mut self, row: usize, id: u8, title: Option<String>) {
        let Some(first) = self.directions.get_mut(&id) else {
            self.directions.insert(
                id,
                Declared {
                    row,
                    title,
                    direction: None,
                },
            );
            return;
        };
        match (&first.title, title) {
            (Some(known), Some(title)) if *known != title => {
                let first_row = first.row;
                let message = message!(
                    "direction {id} is titled \"{known}\" on row {first_row}; every row of a direction \
                     must give the same title",
                    "方向性 {id} の名前は{first_row}行目では「{known}」です。同じ方向性の行には同じ名前を書いてください"
                );
                self.fail(row, DIRECTION_TITLE, message);
            }
            (None, Some(title)) => first.title = Some(title),
            _ => {}
        }
    }

    fn declare_initiative(
        &mut self,
        row: usize,
        id: u8,
        direction: Option<u8>,
        title: Option<String>,
    ) {
        let Some(first) = self.initiatives.get_mut(&id) else {
            self.initiatives.insert(
                id,
                Declared {
                    row,
                    title,
                    direction,
                },
            );
            return;
        };
        let mut problems = Vec::new();
        let first_row = first.row;
        match (first.direction, direction) {
            (Some(known), Some(d)) if known != d => problems.push((
                DIRECTION,
                message!(
                    "initiative {id} is under direction {known} on row {first_row}, not {d}",
                    "取組 {id} は{first_row}行目では方向性 {known} の下にあります（この行では {d}）"
                ),
            )),
            (None, Some(d)) => first.direction = Some(d),
            _ => {}
        }
        match (&first.title, title) {
            (Some(known), Some(title)) if *known != title => problems.push((
                INITIATIVE_TITLE,
                message!(
                    "initiative {id} is titled \"{known}\" on row {first_row}; every row of an \
                     initiative must give the same title",
                    "取組 {id} の名前は{first_row}行目では「{known}」です。同じ取組の行には同じ名前を書いてください"
                ),
            )),
            (None, Some(title)) => first.title = Some(title),
            _ => {}
        }
        for (column, message) in problems {
            self.fail(row, column, message);
        }
    }

    /// A validator message about the JSON built from the rows, as a row and column; `None`
    /// when it is about something already reported.
    fn map_error(&self, e: DataError) -> Option<CsvError> {
        let field = e.field.as_deref().unwrap_or("");
        let declared = |map: &BTreeMap<u8, Declared>, id: &str| {
            id.parse::<u8>()
                .ok()
                .and_then(|n| map.get(&n))
                .map(|d| d.row)
        };
        let at = |row: Option<usize>, column: Option<usize>| CsvError {
            row,
            column: column.map(|c| self.names[c].clone()),
            message: e.message.clone(),
        };
        let mapped = match &e.item {
            Item::Project(id) => {
                let &(row, reported) = self.lines.get(&LineId::parse(id)?)?;
                if reported {
                    return None;
                }
                let column = COLUMNS.iter().position(|c| c.key == field);
                Some(at(Some(row), column))
            }
            Item::Direction(id) => declared(&self.directions, id).map(|row| {
                let column = if field == "id" {
                    DIRECTION
                } else {
                    DIRECTION_TITLE
                };
                at(Some(row), Some(column))
            }),
            Item::Initiative(id) => declared(&self.initiatives, id).map(|row| {
                let column = match field {
                    "id" => INITIATIVE,
                    "direction" => DIRECTION,
                    _ => INITIATIVE_TITLE,
                };
                at(Some(row), Some(column))
            }),
            Item::Meta => {
                if self.meta_flagged.contains(&field) {
                    return None;
                }
                self.meta_rows.get(field).map(|&row| CsvError {
                    row: Some(row),
                    column: None,
                    message: meta_message(field, &e.message),
                })
            }
            Item::File | Item::Row(_) => None,
        };
        Some(mapped.unwrap_or_else(|| CsvError {
            row: None,
            column: None,
            message: Message {
                en: e.to_string(),
                ja: e.text(Lang::Ja),
            },
        }))
    }
}

/// A problem with a `#meta` value: `#meta "as_of": …` / `#meta「as_of」：…`.
fn meta_message(key: &str, m: &Message) -> Message {
    let (why, why_ja) = (&m.en, &m.ja);
    message!("#meta \"{key}\": {why}", "#meta「{key}」：{why_ja}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::csv::fixtures::*;
    use crate::core::csv::{parse, parse_text, DEFAULT_META_NOTE};
    use crate::core::model::Meta;

    #[test]
    fn a_line_whose_initiative_has_no_direction_is_reported_once_its_rows_are_read() {
        // Initiative 7's only row cannot say its direction: the line points at an initiative
        // the file does not declare, found once every row is read; a relisting of it is not
        // called missing, and the rows after it are read as usual.
        let text = small(&[
            LINE,
            "7-1,x,D,7,I,1,B,X課,10,,,,,d",
            "1-2,1,D,1,I,2,B,X課,10,,,,7-1,d",
        ]);
        assert_eq!(
            errors(&text),
            [
                "row 3, column \"direction\": must be a whole number from 1 to 255, found \"x\"",
                "row 3, column \"initiative\": points at initiative 7, which does not exist",
            ]
        );
    }

    #[test]
    fn headers_may_be_japanese_english_full_width_and_in_any_order() {
        let english = parse_text(&small(&[LINE, RELISTING])).unwrap();
        let japanese = "番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,重点,新規,コロナ,再掲元,事業概要\n\
                        1-1,1,D,1,I,1,A,X課,10,,,,,d\n1-2,1,D,1,I,2,A,X課,10,,,,1-1,d\n";
        assert_eq!(parse_text(japanese).unwrap(), english);
        let mixed = "事業概要, ＩＤ ,Direction Title,DIRECTION,取組番号,Initiative_Title,項番,name,担当課（室）,予算額(千円),RELISTED_OF\n\
                     d,1-1,D,1,1,I,1,A,X課,10,\nd,１－２,D,1,1,I,2,A,X課,\"10\",1-1\n";
        assert_eq!(parse_text(mixed).unwrap(), english);
    }

    #[test]
    fn unknown_duplicate_and_missing_columns_are_errors() {
        let text =
            "id,direction,direction_title,initiative,initiative_title,number,name,colour,budget,\
                    description,名前,事業名\n1-1,1,D,1,I,1,A,red,10,d,,\n";
        let e = errors(text);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].starts_with("row 1, column \"colour\": is not a known column; the columns are 番号 (id), 方向性 (direction),"), "{}", e[0]);
        assert!(
            e[1].starts_with("row 1, column \"名前\": is not a known column"),
            "{}",
            e[1]
        );
        assert_eq!(
            e[2],
            "row 1, column \"事業名\": is given twice (columns G and L): both are 事業名 (name)"
        );
        assert_eq!(
            e[3],
            "row 1: the required column \"担当課\" (departments) is missing"
        );
        let text = "# a comment\n\nid,name,budget\n1-1,A,10\n";
        assert_eq!(
            errors(text),
            [
                "row 3: the required column \"方向性\" (direction) is missing",
                "row 3: the required column \"方向性名\" (direction_title) is missing",
                "row 3: the required column \"取組\" (initiative) is missing",
                "row 3: the required column \"取組名\" (initiative_title) is missing",
                "row 3: the required column \"項番\" (number) is missing",
                "row 3: the required column \"担当課\" (departments) is missing",
                "row 3: the required column \"事業概要\" (description) is missing",
            ]
        );
        // The optional columns may be left out.
        let text = "id,direction,direction_title,initiative,initiative_title,number,name,departments,budget,description\n\
                    1-1,1,D,1,I,1,A,X課,10,d\n";
        let b = parse_text(text).unwrap();
        assert_eq!(b.lines[0].marks, Default::default());
        assert_eq!(b.lines[0].relisted_of, None);
        let e = errors("番号\t事業名\n1-1\tA\n");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("row 1: the header is one cell holding tabs"),
            "{}",
            e[0]
        );
        assert_eq!(errors(""), errors("\n\n# only comments\n"));
        assert!(errors("")[0].starts_with("file: has no header row"));
        assert_eq!(
            errors(&small(&[])),
            ["row 1: the header is not followed by any data rows"]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        // Rows 1-9 meta, 10 header; row 11 holds a line break and is still one row.
        let text = "#meta,title,T\n#meta,city,C\n#meta,fiscal_year,2023\n#meta,era_year,E\n\
                    #meta,unit,千円\n#meta,as_of,2023-13-01\n#meta,source,S\n#meta,priorities,P\n#meta,note,N\n\
                    番号,方向性,方向性名,取組,取組名,項番,事業名,担当課,予算額（千円）,重点,新規,コロナ,再掲元,事業概要\n\
                    1-1,1,D,1,I,1,A,X課|Y課,\"1,000\",★,,,,\"two\nlines\"\n\
                    1-2,1,D,1,I,2,A,X課|Y課,999,,,,1-1,d\n\
                    1-3,1,D,1,I,3,,X課||Y課,abc,maybe,,,,d\n\
                    1-2,1,D,1,I,4,B,X課,1,,,,,d\n\
                    1-5,2,D2,1,I,5,B,X課,1,,,,,\n\
                    2-1,1,D,2,I2,2,B,X課,1,,,,1/5,d\n\
                    1-7,1,Dx,1,Ix,7,B,X課,1,,,,,d\n\
                    3-1,1,D,3,I3,1,A,X課|Y課,1000,,,,1-1,d\n\
                    3-2,1,D,3,I3,2,A,X課|Y課,1000,,,,3-1,d\n\
                    3-3,1,D,3,I3,3,A,X課|Y課,1000,,,,1-3,d\n\
                    3-4,1,D,3,I3,4,A,X課|Y課,1000,,,,9-9,d,extra\n";
        assert_eq!(
            errors(text),
            [
                "row 6: #meta \"as_of\": must be a date written YYYY-MM-DD, found \"2023-13-01\"",
                "row 12, column \"再掲元\": points at \"1-1\", whose amount differs (999 vs 1000)",
                "row 13, column \"事業名\": is empty",
                "row 13, column \"担当課\": department 2 of 3 is empty (several departments are separated by |)",
                "row 13, column \"予算額（千円）\": must be a whole number of thousand yen (24200 or 24,200), or empty or \"-\" for none, found \"abc\"",
                "row 13, column \"重点\": must be ★ or 1 for yes, empty or 0 for no, found \"maybe\"",
                "row 14, column \"番号\": must be \"1-4\" (initiative-number), found \"1-2\"",
                "row 14, column \"番号\": \"1-2\" is already used on row 12",
                "row 15, column \"方向性\": initiative 1 is under direction 1 on row 11, not 2",
                "row 15, column \"事業概要\": is empty",
                "row 16, column \"番号\": must be \"2-2\" (initiative-number), found \"2-1\"",
                "row 16, column \"再掲元\": must be a line id such as \"1-5\" (initiative-number), found \"1/5\" — a spreadsheet may have turned the id into a date: format the column as text (文字列) and type the id again",
                "row 17, column \"方向性名\": direction 1 is titled \"D\" on row 11; every row of a direction must give the same title",
                "row 17, column \"取組名\": initiative 1 is titled \"I\" on row 11; every row of an initiative must give the same title",
                "row 19, column \"再掲元\": points at \"3-1\", which is itself a relisting; point at the original",
                "row 21, column \"再掲元\": points at \"9-9\", which does not exist",
                "row 21, column \"O\": has a value, but its column has no header",
            ]
        );
        // Row 20 relists 1-3, which has errors of its own: no second error there.
    }

    #[test]
    fn as_of_must_be_a_date_that_exists_in_either_form() {
        let meta = |as_of: &str| {
            format!(
                "#meta,title,T\n#meta,city,C\n#meta,fiscal_year,2023\n#meta,era_year,E\n\
                 #meta,unit,千円\n#meta,as_of,{as_of}\n#meta,source,S\n#meta,priorities,P\n\
                 #meta,note,N\n{}",
                small(&[LINE])
            )
        };
        for (as_of, expected) in [("2024/2/29", "2024-02-29"), ("2023-02-28", "2023-02-28")] {
            assert_eq!(parse_text(&meta(as_of)).unwrap().meta.as_of, expected);
        }
        // The value as the file writes it, not as converted.
        assert_eq!(
            errors(&meta("2023/02/30")),
            ["row 6: #meta \"as_of\": must be a date that exists, written YYYY-MM-DD (2023-02 has 28 days), found \"2023/02/30\""]
        );
        assert_eq!(
            errors(&meta("2023-02-30")),
            ["row 6: #meta \"as_of\": must be a date that exists, written YYYY-MM-DD (2023-02 has 28 days), found \"2023-02-30\""]
        );
        assert_eq!(
            errors(&meta("2023/13/1")),
            ["row 6: #meta \"as_of\": must be a date written YYYY-MM-DD, found \"2023/13/1\""]
        );
        assert_eq!(
            parse_text(&meta("2023/4/31")).unwrap_err()[0].text(Lang::Ja),
            "6行目：#meta「as_of」：存在しない日付です（2023年4月は30日までです）。YYYY-MM-DD の形で書いてください（見つかった値：2023/4/31）"
        );
    }

    #[test]
    fn meta_rows_are_optional_but_complete() {
        let b = parse_text(&small(&[LINE])).unwrap();
        assert_eq!(b.meta, default_meta());
        assert_eq!(b.meta.note, DEFAULT_META_NOTE);

        let meta = "#meta,title,T\n＃META, City ,C,,,\n#meta,年度,２０２３\n#meta,era_year,E\n\
                    #meta,unit,千円\n#meta,as_of,2023/3/1\n#meta,source,S\n#meta,priorities,P1\n\
                    # a comment between\n#meta,priorities,\"P2\nstill P2\"\n#meta,note,'-N\n";
        let b = parse_text(&format!("{meta}{}", small(&[LINE]))).unwrap();
        assert_eq!(
            b.meta,
            Meta {
                title: "T".into(),
                city: "C".into(),
                fiscal_year: 2023,
                era_year: "E".into(),
                unit: "千円".into(),
                as_of: "2023-03-01".into(),
                source: "S".into(),
                priorities: vec!["P1".into(), "P2\nstill P2".into()],
                note: "-N".into(),
            }
        );

        let text = "#meta,title,T\n#meta,title,U\n#meta,colour,red\n#meta,fiscal_year,MMXXIII\n\
                    #meta,city,C,extra\n#meta,era_year,=E\n"
            .to_string()
            + &small(&[LINE, "#meta,unit,千円"]);
        let e = errors(&text);
        let keys = "title, city, fiscal_year, era_year, unit, as_of, source, priorities, note";
        let mut expected: Vec<String> = ["city", "unit", "as_of", "source", "priorities", "note"]
            .iter()
            .map(|k| {
                format!("row 1: #meta \"{k}\" is missing: give every key ({keys}), or no #meta rows at all")
            })
            .collect();
        expected.extend([
            "row 2: #meta \"title\" is given twice (also on row 1)".to_string(),
            format!("row 3: \"#meta colour\": unknown key (the keys are {})", keys),
            "row 4: #meta \"fiscal_year\": must be a whole number from 1 to 9999, found \"MMXXIII\"".into(),
            "row 5: a #meta row has three cells: #meta, the key and the value".into(),
            "row 6: #meta \"era_year\": starts with \"=\", like a spreadsheet formula; a budget file holds plain text (if the text really begins with \"=\", write '= and the apostrophe is dropped)".into(),
            "row 9: #meta rows must come before the header row (row 7)".into(),
        ]);
        assert_eq!(e, expected);
    }

    #[test]
    fn spreadsheet_padding_blank_rows_and_comments_are_ignored() {
        let text = format!(
            "sep=,\n# a comment,,,\n,,,,\n{HEADER},,\n{LINE},,\n,,,,,,\n\n{RELISTING},, \n"
        );
        assert_eq!(
            parse_text(&text).unwrap(),
            parse_text(&small(&[LINE, RELISTING])).unwrap()
        );
    }

    #[test]
    fn the_published_template_reads() {
        let b = parse(include_bytes!("../../../data/budget-template.csv")).unwrap();
        assert_eq!(b.lines.len(), 2);
        let (line, relisting) = (&b.lines[0], &b.lines[1]);
        assert_eq!(line.relisted_of, None);
        assert_eq!(relisting.relisted_of, Some(line.id));
        assert_eq!(line.departments, ["起業・新産業支援課", "経済政策課"]);
        assert!(line.name.starts_with("（記入例）"));
        assert!(line.description.starts_with("（記入例）"));
        assert!(relisting.description.starts_with("（記入例）"));
        assert!(line.description.contains('\n'));
        assert_eq!(b.meta.priorities.len(), 2);
        assert_ne!(b.meta, default_meta());
    }
}
