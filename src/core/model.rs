//! The budget as the source prints it: directions, initiatives and the lines of the 事業一覧.
//!
//! Plain data, no browser types. Built only by `validate::parse`, so every `Budget` in the
//! program has passed validation (ids unique, references resolved, relistings consistent).

use std::fmt;

/// 方向性 1–5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DirectionId(pub u8);

/// 取組①–⑩, numbered across directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InitiativeId(pub u8);

/// A line of the list: "(number) under 取組(initiative)", written "initiative-number" ("10-2").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineId {
    pub initiative: InitiativeId,
    pub number: u16,
}

impl LineId {
    /// Parses "10-2". Accepts nothing else (no spaces, no leading zeros, no signs).
    pub fn parse(text: &str) -> Option<LineId> {
        let (a, b) = text.split_once('-')?;
        let plain =
            |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) && !s.starts_with('0');
        if !plain(a) || !plain(b) {
            return None;
        }
        Some(LineId {
            initiative: InitiativeId(a.parse().ok()?),
            number: b.parse().ok()?,
        })
    }
}

impl fmt::Display for LineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.initiative.0, self.number)
    }
}

/// Document-level facts: heading, city, year, unit, the year's priorities and the footnote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub city: String,
    pub fiscal_year: u16,
    pub era_year: String,
    pub unit: String,
    /// ISO date (YYYY-MM-DD) the list is valid as of.
    pub as_of: String,
    pub source: String,
    /// 令和五年度 重点事項, one paragraph each.
    pub priorities: Vec<String>,
    /// The source's footnote (the list may change after `as_of`).
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Direction {
    pub id: DirectionId,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Initiative {
    pub id: InitiativeId,
    pub direction: DirectionId,
    pub title: String,
}

/// The marks printed on a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Marks {
    /// ★ 重点事業 (the contract's field `key`)
    pub key_measure: bool,
    /// 【新】
    pub new: bool,
    /// 【コロナ】
    pub covid: bool,
}

/// One line of the 事業一覧. A line with `relisted_of` (【再掲】) repeats a measure listed
/// elsewhere: it is shown under its own initiative but adds nothing to any total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub id: LineId,
    pub name: String,
    /// One or more 担当課（室）. The source never splits an amount between them; neither do we.
    pub departments: Vec<String>,
    /// Thousand yen (千円); `None` where the source prints "-" (the contract's field `budget`).
    pub amount: Option<u64>,
    pub marks: Marks,
    pub relisted_of: Option<LineId>,
    /// 事業概要; separate paragraphs separated by '\n'.
    pub description: String,
}

impl Line {
    pub fn is_relisting(&self) -> bool {
        self.relisted_of.is_some()
    }

    /// What this line adds to totals and treemap areas: nothing for a relisting or "-".
    pub fn counted_amount(&self) -> u64 {
        if self.is_relisting() {
            0
        } else {
            self.amount.unwrap_or(0)
        }
    }

    /// The line's department group label: all its departments, joined as the source joins them.
    pub fn department_group(&self) -> String {
        self.departments.join("・")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub meta: Meta,
    pub directions: Vec<Direction>,
    pub initiatives: Vec<Initiative>,
    /// Every line in source order (the contract calls them "projects"; 63 lines hold 59
    /// measures, since a 【再掲】 line repeats one).
    pub lines: Vec<Line>,
}

impl Budget {
    pub fn line(&self, id: LineId) -> Option<&Line> {
        self.lines.iter().find(|m| m.id == id)
    }

    pub fn initiative(&self, id: InitiativeId) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    pub fn direction(&self, id: DirectionId) -> Option<&Direction> {
        self.directions.iter().find(|d| d.id == id)
    }

    /// The direction a line belongs to (through its initiative).
    pub fn direction_of(&self, measure: &Line) -> Option<DirectionId> {
        self.initiative(measure.id.initiative).map(|i| i.direction)
    }

    /// Lines that relist `id` (its 【再掲】 copies elsewhere).
    pub fn relistings_of(&self, id: LineId) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |m| m.relisted_of == Some(id))
    }

    /// Distinct department names, in order of first appearance.
    pub fn departments(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.lines
            .iter()
            .flat_map(|m| &m.departments)
            .map(String::as_str)
            .filter(|d| seen.insert(*d))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_id_parses_and_prints() {
        let id = LineId::parse("10-2").unwrap();
        assert_eq!(id.initiative, InitiativeId(10));
        assert_eq!(id.number, 2);
        assert_eq!(id.to_string(), "10-2");
        for bad in [
            "", "1", "1-", "-1", "01-2", "1-02", "1--2", "a-1", "1-2-3", " 1-2", "+1-2", "1-99999",
        ] {
            assert_eq!(LineId::parse(bad), None, "{bad:?}");
        }
    }
}
