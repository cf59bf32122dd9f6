//! Test data and checks shared by the tests of every file of the CSV module.

use super::{parse_text, CsvError};
use crate::core::lang::Lang;
use crate::core::model::{Budget, LineId};
use crate::core::{embedded_budget, export, validate};
use serde_json::{json, Value};

/// The Japanese line of `e` is Japanese and names the same row and column.
pub(super) fn assert_japanese_line(e: &CsvError) {
    let (ja, en) = (e.text(Lang::Ja), e.to_string());
    crate::core::lang::assert_japanese(&ja, &en);
    if let Some(row) = e.row {
        assert!(ja.starts_with(&format!("{row}行目")), "{ja} ({en})");
    }
    if let Some(column) = &e.column {
        assert!(ja.contains(&format!("列「{column}」：")), "{ja} ({en})");
    }
}

pub(super) const HEADER: &str = "id,direction,direction_title,initiative,initiative_title,number,\
                                  name,departments,budget,key,new,covid,relisted_of,description";

/// Header plus rows 2, 3, …: a line 1-1 and its relisting 1-2.
pub(super) fn small(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

pub(super) const LINE: &str = "1-1,1,D,1,I,1,A,X課,10,,,,,d";
pub(super) const RELISTING: &str = "1-2,1,D,1,I,2,A,X課,10,,,,1-1,d";

/// The English lines; every test that uses it also checks each problem's Japanese line.
pub(super) fn errors(text: &str) -> Vec<String> {
    match parse_text(text) {
        Ok(_) => vec![],
        Err(e) => {
            e.iter().for_each(assert_japanese_line);
            e.iter().map(ToString::to_string).collect()
        }
    }
}

pub(super) fn all(b: &Budget) -> Vec<usize> {
    (0..b.lines.len()).collect()
}

pub(super) fn index_of(b: &Budget, id: &str) -> usize {
    let id = LineId::parse(id).unwrap();
    b.lines.iter().position(|m| m.id == id).unwrap()
}

/// The embedded budget with some awkward text, through the validator.
pub(super) fn awkward() -> Budget {
    let b = embedded_budget().unwrap();
    let mut v: Value = serde_json::from_str(&export::to_json(&b)).unwrap();
    let p = &mut v["projects"];
    p[0]["name"] = json!("He said \"hi\", then left");
    p[1]["name"] = json!("=CMD(\"calc\")!A1");
    p[2]["name"] = json!("'quoted'");
    p[3]["name"] = json!("'=already escaped");
    p[8]["name"] = json!("-5% off, +81 \"tel\"");
    p[9]["name"] = json!("@home");
    p[0]["description"] = json!("第1段落、\"引用\"。\n\n第3段落\tタブ\n=1+1");
    p[1]["departments"] = json!(["-課", "起業・新産業支援課"]);
    v["meta"]["priorities"] = json!(["+one", "two, with comma", "three\nlines"]);
    v["directions"][0]["title"] = json!("=D");
    v["initiatives"][0]["title"] = json!("@I,\"x\"");
    validate::parse(&v.to_string()).unwrap()
}
