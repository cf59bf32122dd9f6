//! A deterministic synthetic budget of any size, for benchmarks and scale tests (never shown to
//! users as real data). Seeded, with many departments, long names and the real data's quirks:
//! lines without an amount, several departments on a line, 【再掲】 lines.

use super::model::{
    Budget, Direction, DirectionId, Initiative, InitiativeId, Line, LineId, Marks, Meta,
};

/// xorshift64*: tiny, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "地域",
    "産業",
    "創業",
    "支援",
    "観光",
    "振興",
    "人材",
    "育成",
    "商店街",
    "活性化",
    "販路",
    "開拓",
    "デジタル",
    "推進",
    "雇用",
    "対策",
    "企業",
    "誘致",
    "技術",
    "革新",
    "国際",
    "交流",
    "スタートアップ",
    "中小企業",
    "連携",
    "強化",
    "経営",
    "安定",
    "事業承継",
    "物産",
];

fn phrase(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect()
}

/// `measures` lines spread over 8 directions and 40 initiatives, from `seed`.
pub fn generate(measures: usize, seed: u64) -> Budget {
    let mut rng = Rng(seed.max(1));
    let directions: Vec<Direction> = (1..=8)
        .map(|d| Direction {
            id: DirectionId(d),
            title: format!("方向性{d} {}", phrase(&mut rng, 3)),
        })
        .collect();
    let initiatives: Vec<Initiative> = (1..=40)
        .map(|i| Initiative {
            id: InitiativeId(i),
            direction: DirectionId((i - 1) / 5 + 1),
            title: phrase(&mut rng, 4),
        })
        .collect();
    let departments: Vec<String> = (1..=300)
        .map(|k| format!("{}第{k}課", phrase(&mut rng, 2)))
        .collect();
    let mut numbers = [0u16; 41];
    let mut lines: Vec<Line> = Vec::with_capacity(measures);
    for _ in 0..measures {
        let initiative = (rng.below(40) + 1) as u8;
        numbers[initiative as usize] += 1;
        let id = LineId {
            initiative: InitiativeId(initiative),
            number: numbers[initiative as usize],
        };
        // About 2% relist an earlier line (same name, departments and amount).
        if !lines.is_empty() && rng.chance(2) {
            let original = lines[rng.below(lines.len() as u64) as usize].clone();
            let target = original.relisted_of.unwrap_or(original.id);
            lines.push(Line {
                id,
                relisted_of: Some(target),
                ..original
            });
            continue;
        }
        let mut depts = vec![departments[rng.below(300) as usize].clone()];
        if rng.chance(5) {
            let other = departments[rng.below(300) as usize].clone();
            if other != depts[0] {
                depts.push(other);
            }
        }
        let budget = if rng.chance(12) {
            None
        } else {
            // Spread over six decades (10 to 11 million thousand yen), as real budget lists are:
            // a few large lines and a long tail of small ones, not amounts of one size.
            let decade = 10u64.pow(rng.below(6) as u32 + 1);
            Some(decade + rng.below(900_000) * decade / 90_000)
        };
        let name_words = 3 + rng.below(8) as usize;
        lines.push(Line {
            id,
            name: format!("{}事業", phrase(&mut rng, name_words)),
            departments: depts,
            amount: budget,
            marks: Marks {
                key_measure: rng.chance(10),
                new: rng.chance(8),
                covid: rng.chance(6),
            },
            relisted_of: None,
            description: format!(
                "{}を図るため、{}を行う。",
                phrase(&mut rng, 6),
                phrase(&mut rng, 8)
            ),
        });
    }
    Budget {
        meta: Meta {
            title: format!("合成データ（{measures}件、seed {seed}）"),
            city: "合成市".into(),
            fiscal_year: 2023,
            era_year: "令和5年度".into(),
            unit: "千円".into(),
            as_of: "2023-03-31".into(),
            source: "ベンチマーク用の合成データ（実在しない）".into(),
            priorities: vec!["合成データです。".into()],
            note: "※実在の予算ではありません。".into(),
        },
        directions,
        initiatives,
        lines,
    }
}

/// A "next year" of `budget` for comparison benchmarks and tests, from `seed`: about 5% of the
/// measures end, 5% are renamed in place (same number and department), 4% move to another
/// initiative under their name, most amounts change, some lose or gain "-", and new lines are
/// added; relistings follow their originals (or end with them).
pub fn next_year(budget: &Budget, seed: u64) -> Budget {
    let mut rng = Rng(seed.max(1));
    let mut numbers = [0u16; 256];
    for l in &budget.lines {
        let n = &mut numbers[l.id.initiative.0 as usize];
        *n = (*n).max(l.id.number);
    }
    let initiatives: Vec<InitiativeId> = budget.initiatives.iter().map(|i| i.id).collect();
    let mut next_id = |initiative: InitiativeId| {
        numbers[initiative.0 as usize] += 1;
        LineId {
            initiative,
            number: numbers[initiative.0 as usize],
        }
    };
    let mut lines: Vec<Line> = Vec::with_capacity(budget.lines.len() + budget.lines.len() / 16);
    let mut moved: std::collections::HashMap<LineId, usize> = std::collections::HashMap::new();
    for l in budget.lines.iter().filter(|l| !l.is_relisting()) {
        if rng.chance(5) {
            continue;
        }
        let (old_id, mut l) = (l.id, l.clone());
        if rng.chance(5) {
            l.name = format!("{}（拡充）", phrase(&mut rng, 3));
        } else if rng.chance(4) && !initiatives.is_empty() {
            l.id = next_id(initiatives[rng.below(initiatives.len() as u64) as usize]);
        }
        l.amount = match l.amount {
            _ if rng.chance(3) => None,
            None => Some(10 + rng.below(100_000)),
            Some(a) if rng.chance(70) => Some(a * (50 + rng.below(100)) / 100),
            a => a,
        };
        moved.insert(old_id, lines.len());
        lines.push(l);
    }
    for l in budget.lines.iter().filter(|l| l.is_relisting()) {
        let Some(&o) = l.relisted_of.and_then(|id| moved.get(&id)) else {
            continue;
        };
        let original = &lines[o];
        lines.push(Line {
            id: l.id,
            relisted_of: Some(original.id),
            ..original.clone()
        });
    }
    for _ in 0..budget.lines.len() / 20 + 1 {
        let Some(&initiative) = initiatives.get(rng.below(initiatives.len() as u64) as usize)
        else {
            break;
        };
        lines.push(Line {
            id: next_id(initiative),
            name: format!("{}新規事業", phrase(&mut rng, 4)),
            departments: vec![format!("{}新設課", phrase(&mut rng, 2))],
            amount: Some(10 + rng.below(1_000_000)),
            marks: Marks {
                new: true,
                ..Marks::default()
            },
            relisted_of: None,
            description: format!("{}を行う。", phrase(&mut rng, 6)),
        });
    }
    lines.sort_by_key(|l| l.id);
    Budget {
        meta: Meta {
            title: format!("{}の翌年（合成、seed {seed}）", budget.meta.title),
            fiscal_year: budget.meta.fiscal_year + 1,
            ..budget.meta.clone()
        },
        directions: budget.directions.clone(),
        initiatives: budget.initiatives.clone(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{export, validate};

    #[test]
    fn next_year_is_valid_and_deterministic() {
        let b = generate(2_000, 7);
        let next = next_year(&b, 9);
        assert_eq!(validate::parse(&export::to_json(&next)).unwrap(), next);
        assert_eq!(next_year(&b, 9), next);
        assert!(next.lines.iter().any(|m| m.relisted_of.is_some()));
        assert!(next.lines.len() > 1_900 && next.lines.len() < 2_100);
    }

    #[test]
    fn synthetic_budget_is_valid_and_deterministic() {
        let b = generate(2_000, 7);
        assert_eq!(b.lines.len(), 2_000);
        assert_eq!(validate::parse(&export::to_json(&b)).unwrap(), b);
        assert_eq!(generate(2_000, 7), b);
        assert_ne!(generate(2_000, 8), b);
        assert!(b.lines.iter().any(|m| m.relisted_of.is_some()));
        assert!(b.lines.iter().any(|m| m.amount.is_none()));
        assert!(b.lines.iter().any(|m| m.departments.len() > 1));
    }
}
