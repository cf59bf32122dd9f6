//! A compact binary form of a [`Budget`] (and of a file's problems), for the two places a budget
//! crosses into the app's module already checked: the embedded dataset (`build.rs` validates
//! `data/budget.json` and writes it in this form) and a file the reader module opened and
//! validated. Decoding it takes a few hundred bytes of code, where the JSON parser and the
//! validator take tens of kilobytes: the app's module links neither.
//!
//! The form: unsigned numbers as LEB128 (7 bits a byte, low first), strings as their UTF-8 length
//! then the bytes, lists as their length then the items, `Option<T>` as 0 (none) or 1 then `T`,
//! fields in the order `model` declares them. An outcome is one byte first: 0 a budget, 1 the
//! problems. Decoding trusts nothing about the bytes: anything malformed is [`Corrupt`], never a
//! panic, and a length never reserves more than the bytes left could hold.
//!
//! It has no dependency beyond `model` and `lang`, so `build.rs` can compile it.

use super::lang::Message;
use super::model::{
    Budget, Direction, DirectionId, Initiative, InitiativeId, Line, LineId, Marks, Meta,
};

/// The bytes are not a budget in this form (a broken build or a broken reader module).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Corrupt;

const BUDGET: u8 = 0;
const PROBLEMS: u8 = 1;

/// A budget in the wire form.
pub fn encode(budget: &Budget) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4096));
    w.budget(budget);
    w.0
}

/// A budget from the wire form; every byte must be used.
pub fn decode(bytes: &[u8]) -> Result<Budget, Corrupt> {
    let mut r = Reader(bytes);
    let budget = r.budget()?;
    r.end()?;
    Ok(budget)
}

/// The reader module's answer for a file with problems: every problem, in both languages. One
/// part (see [`encode_answer`]).
pub fn encode_problems(problems: &[Message]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4096));
    w.0.push(PROBLEMS);
    w.number(problems.len() as u64);
    for p in problems {
        w.text(&p.ja);
        w.text(&p.en);
    }
    w.0
}

/// The reader module's answer for a valid file, in parts that the app decodes one at a time, so
/// that it copies one part into its memory at a time (never the whole answer beside the budget
/// being built) and can yield to the browser between parts. The first part is the head: the
/// budget without its lines, and how many lines follow; each later part is a run of at most
/// `lines_per_part` lines, each with its folded search text (`folded`, one per line, worked out
/// in the reader's worker rather than on the page's thread).
pub fn encode_answer(budget: &Budget, folded: &[String], lines_per_part: usize) -> Vec<Vec<u8>> {
    debug_assert_eq!(budget.lines.len(), folded.len());
    let mut head = Writer(Vec::with_capacity(4096));
    head.0.push(BUDGET);
    head.head(budget);
    head.number(budget.lines.len() as u64);
    let mut parts = vec![head.0];
    for (lines, folded) in budget
        .lines
        .chunks(lines_per_part.max(1))
        .zip(folded.chunks(lines_per_part.max(1)))
    {
        let size: usize = lines
            .iter()
            .map(|l| l.name.len() + l.description.len() + 32)
            .sum();
        let mut w = Writer(Vec::with_capacity(size * 2));
        w.number(lines.len() as u64);
        for (line, text) in lines.iter().zip(folded) {
            w.line(line);
            w.text(text);
        }
        parts.push(w.0);
    }
    parts
}

/// What the first part of an answer says.
#[derive(Debug, PartialEq)]
pub enum Head {
    /// A valid budget, its lines still to come.
    Budget(Box<Assembly>),
    Problems(Vec<Message>),
}

/// A budget being decoded part by part ([`encode_answer`]).
#[derive(Debug, PartialEq)]
pub struct Assembly {
    budget: Budget,
    folded: Vec<String>,
    expected: usize,
    /// The lines to reserve room for at the first part (bounded by the bytes that follow).
    reserve: usize,
}

/// The first part of an answer. `bytes_after`: the size of the parts still to come, which bounds
/// what is reserved for the lines.
pub fn decode_head(bytes: &[u8], bytes_after: usize) -> Result<Head, Corrupt> {
    let (&tag, rest) = bytes.split_first().ok_or(Corrupt)?;
    let mut r = Reader(rest);
    let head = match tag {
        BUDGET => {
            let budget = r.head()?;
            let expected: usize = r.small()?;
            // Every line takes more than eight bytes.
            // Reserved at the first part, not here: the page lets go of the dataset it shows
            // between the head and the lines, and the new lines then take the freed space.
            let reserve = expected.min(bytes_after / 8);
            Head::Budget(Box::new(Assembly {
                budget,
                folded: Vec::new(),
                expected,
                reserve,
            }))
        }
        PROBLEMS => Head::Problems(r.list(|r| {
            Ok(Message {
                ja: r.text()?,
                en: r.text()?,
            })
        })?),
        _ => return Err(Corrupt),
    };
    r.end()?;
    Ok(head)
}

impl Assembly {
    /// Decodes one later part.
    pub fn add(&mut self, part: &[u8]) -> Result<(), Corrupt> {
        let mut r = Reader(part);
        let count: usize = r.small()?;
        if count > part.len() || self.budget.lines.len() + count > self.expected {
            return Err(Corrupt);
        }
        if self.budget.lines.capacity() == 0 {
            self.budget.lines.reserve_exact(self.reserve);
            self.folded.reserve_exact(self.reserve);
        }
        for _ in 0..count {
            self.budget.lines.push(r.line()?);
            self.folded.push(r.text()?);
        }
        r.end()
    }

    /// Lines decoded so far, and how many the head announced.
    pub fn progress(&self) -> (usize, usize) {
        (self.budget.lines.len(), self.expected)
    }

    /// The budget and each line's folded search text, once every announced line has come.
    pub fn finish(self) -> Result<(Budget, Vec<String>), Corrupt> {
        if self.budget.lines.len() == self.expected {
            let Assembly { budget, folded, .. } = self;
            Ok((budget, folded))
        } else {
            Err(Corrupt)
        }
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn text(&mut self, s: &str) {
        self.number(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn texts(&mut self, list: &[String]) {
        self.number(list.len() as u64);
        for s in list {
            self.text(s);
        }
    }

    fn line_id(&mut self, id: LineId) {
        self.number(id.initiative.0.into());
        self.number(id.number.into());
    }

    fn budget(&mut self, b: &Budget) {
        self.head(b);
        self.number(b.lines.len() as u64);
        for l in &b.lines {
            self.line(l);
        }
    }

    /// Everything but the lines.
    fn head(&mut self, b: &Budget) {
        let m = &b.meta;
        for s in [&m.title, &m.city] {
            self.text(s);
        }
        self.number(m.fiscal_year.into());
        for s in [&m.era_year, &m.unit, &m.as_of, &m.source] {
            self.text(s);
        }
        self.texts(&m.priorities);
        self.text(&m.note);
        self.number(b.directions.len() as u64);
        for d in &b.directions {
            self.number(d.id.0.into());
            self.text(&d.title);
        }
        self.number(b.initiatives.len() as u64);
        for i in &b.initiatives {
            self.number(i.id.0.into());
            self.number(i.direction.0.into());
            self.text(&i.title);
        }
    }

    fn line(&mut self, l: &Line) {
        self.line_id(l.id);
        self.text(&l.name);
        self.texts(&l.departments);
        match l.amount {
            None => self.0.push(0),
            Some(a) => {
                self.0.push(1);
                self.number(a);
            }
        }
        let marks = l.marks;
        self.0.push(
            u8::from(marks.key_measure) | u8::from(marks.new) << 1 | u8::from(marks.covid) << 2,
        );
        match l.relisted_of {
            None => self.0.push(0),
            Some(id) => {
                self.0.push(1);
                self.line_id(id);
            }
        }
        self.text(&l.description);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, Corrupt> {
        let (&b, rest) = self.0.split_first().ok_or(Corrupt)?;
        self.0 = rest;
        Ok(b)
    }

    fn number(&mut self) -> Result<u64, Corrupt> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            // The tenth byte may carry only the top bit of a u64.
            if shift == 63 && bits > 1 {
                return Err(Corrupt);
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Corrupt)
    }

    fn small<T: TryFrom<u64>>(&mut self) -> Result<T, Corrupt> {
        T::try_from(self.number()?).map_err(|_| Corrupt)
    }

    fn text(&mut self) -> Result<String, Corrupt> {
        let len: usize = self.small()?;
        if len > self.0.len() {
            return Err(Corrupt);
        }
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(s.to_vec()).map_err(|_| Corrupt)
    }

    /// A list, its capacity bounded by the bytes left (every item takes at least one byte).
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, Corrupt>,
    ) -> Result<Vec<T>, Corrupt> {
        let len: usize = self.small()?;
        if len > self.0.len() {
            return Err(Corrupt);
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            out.push(item(self)?);
        }
        Ok(out)
    }

    fn flag(&mut self) -> Result<bool, Corrupt> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }

    fn line_id(&mut self) -> Result<LineId, Corrupt> {
        Ok(LineId {
            initiative: InitiativeId(self.small()?),
            number: self.small()?,
        })
    }

    fn budget(&mut self) -> Result<Budget, Corrupt> {
        let mut budget = self.head()?;
        budget.lines = self.list(Self::line)?;
        Ok(budget)
    }

    /// Everything but the lines.
    fn head(&mut self) -> Result<Budget, Corrupt> {
        let meta = Meta {
            title: self.text()?,
            city: self.text()?,
            fiscal_year: self.small()?,
            era_year: self.text()?,
            unit: self.text()?,
            as_of: self.text()?,
            source: self.text()?,
            priorities: self.list(Self::text)?,
            note: self.text()?,
        };
        let directions = self.list(|r| {
            Ok(Direction {
                id: DirectionId(r.small()?),
                title: r.text()?,
            })
        })?;
        let initiatives = self.list(|r| {
            Ok(Initiative {
                id: InitiativeId(r.small()?),
                direction: DirectionId(r.small()?),
                title: r.text()?,
            })
        })?;
        Ok(Budget {
            meta,
            directions,
            initiatives,
            lines: Vec::new(),
        })
    }

    fn line(&mut self) -> Result<Line, Corrupt> {
        let id = self.line_id()?;
        let name = self.text()?;
        let departments = self.list(Self::text)?;
        let amount = if self.flag()? {
            Some(self.number()?)
        } else {
            None
        };
        let bits = self.byte()?;
        if bits > 0b111 {
            return Err(Corrupt);
        }
        let marks = Marks {
            key_measure: bits & 1 != 0,
            new: bits & 2 != 0,
            covid: bits & 4 != 0,
        };
        let relisted_of = if self.flag()? {
            Some(self.line_id()?)
        } else {
            None
        };
        Ok(Line {
            id,
            name,
            departments,
            amount,
            marks,
            relisted_of,
            description: self.text()?,
        })
    }

    fn end(&self) -> Result<(), Corrupt> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Corrupt)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{synthetic, validate, EMBEDDED_BUDGET};
    use proptest::prelude::*;

    #[test]
    fn the_embedded_budget_round_trips_and_is_what_the_build_wrote() {
        let b = validate::parse(EMBEDDED_BUDGET).unwrap();
        assert_eq!(decode(&encode(&b)), Ok(b.clone()));
        // build.rs wrote the same bytes from the same file.
        assert_eq!(crate::core::EMBEDDED_WIRE, encode(&b).as_slice());
        // Smaller than the JSON it replaces (no keys, no quotes, no indentation).
        assert!(
            encode(&b).len() < EMBEDDED_BUDGET.len() * 3 / 4,
            "{}",
            encode(&b).len()
        );
    }

    #[test]
    fn synthetic_budgets_round_trip() {
        for n in [0, 1, 63, 2000] {
            let b = synthetic::generate(n, 7);
            assert_eq!(decode(&encode(&b)), Ok(b));
        }
    }

    /// The parts of an answer decoded as the app does.
    type Decoded = Result<(Budget, Vec<String>), Vec<Message>>;
    fn decode_answer(parts: &[Vec<u8>]) -> Result<Decoded, Corrupt> {
        let (head, rest) = parts.split_first().ok_or(Corrupt)?;
        match decode_head(head, rest.iter().map(Vec::len).sum())? {
            Head::Problems(p) if rest.is_empty() => Ok(Err(p)),
            Head::Problems(_) => Err(Corrupt),
            Head::Budget(mut a) => {
                for part in rest {
                    a.add(part)?;
                }
                a.finish().map(Ok)
            }
        }
    }

    fn folded(b: &Budget) -> Vec<String> {
        b.lines
            .iter()
            .map(|l| format!("{}:{}", l.id, l.name))
            .collect()
    }

    #[test]
    fn answers_round_trip_in_any_number_of_parts() {
        for (n, per_part) in [(0, 10), (1, 1), (40, 3), (40, 40), (40, 1000), (2000, 512)] {
            let b = synthetic::generate(n, 3);
            let f = folded(&b);
            let parts = encode_answer(&b, &f, per_part);
            assert_eq!(parts.len(), 1 + n.div_ceil(per_part));
            assert_eq!(decode_answer(&parts), Ok(Ok((b, f))));
        }
        let problems = vec![
            Message {
                ja: "行 3：金額が不正です".into(),
                en: "row 3: bad amount".into(),
            },
            Message {
                ja: String::new(),
                en: "\u{202E}x".into(),
            },
        ];
        assert_eq!(
            decode_answer(&[encode_problems(&problems)]),
            Ok(Err(problems))
        );
        assert_eq!(decode_answer(&[encode_problems(&[])]), Ok(Err(vec![])));
    }

    #[test]
    fn a_missing_extra_or_broken_part_is_corrupt() {
        let b = synthetic::generate(30, 5);
        let f = folded(&b);
        let parts = encode_answer(&b, &f, 10);
        assert_eq!(decode_answer(&parts[..3]), Err(Corrupt), "a part missing");
        let twice = [parts.clone(), vec![parts[1].clone()]].concat();
        assert_eq!(decode_answer(&twice), Err(Corrupt), "a part too many");
        for i in 0..parts.len() {
            for len in 0..parts[i].len() {
                let mut cut = parts.clone();
                cut[i].truncate(len);
                assert_eq!(decode_answer(&cut), Err(Corrupt), "part {i} cut at {len}");
            }
            let mut longer = parts.clone();
            longer[i].push(0);
            assert_eq!(decode_answer(&longer), Err(Corrupt), "part {i} longer");
        }
        assert_eq!(decode_answer(&[vec![2]]), Err(Corrupt), "unknown tag");
        assert_eq!(decode_answer(&[]), Err(Corrupt));
        // A list claiming more items than bytes left does not reserve memory for them.
        assert_eq!(
            decode_answer(&[vec![1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]]),
            Err(Corrupt)
        );
        // A head announcing a huge number of lines reserves by the bytes that follow.
        let mut huge = vec![0u8];
        let mut w = Writer(Vec::new());
        w.head(&b);
        w.number(u64::MAX >> 1);
        huge.extend(w.0);
        assert_eq!(decode_answer(&[huge, parts[1].clone()]), Err(Corrupt));
        // Text that is not UTF-8.
        assert_eq!(decode_answer(&[vec![1, 1, 1, 0xFF, 0]]), Err(Corrupt));
    }

    #[test]
    fn numbers_at_the_edges_round_trip_and_overlong_ones_are_refused() {
        for n in [0, 1, 127, 128, 16_383, 16_384, u64::MAX - 1, u64::MAX] {
            let mut w = Writer(Vec::new());
            w.number(n);
            let mut r = Reader(&w.0);
            assert_eq!(r.number(), Ok(n));
            assert_eq!(r.end(), Ok(()));
        }
        // Eleven continuation bytes, or a tenth byte beyond 64 bits.
        assert_eq!(Reader(&[0xFF; 11]).number(), Err(Corrupt));
        let mut too_big = vec![0xFF; 9];
        too_big.push(0x02);
        assert_eq!(Reader(&too_big).number(), Err(Corrupt));
    }

    #[test]
    fn malformed_bytes_are_corrupt_never_a_panic() {
        let bytes = encode(&synthetic::generate(30, 5));
        // Every truncation, and trailing bytes.
        for len in 0..bytes.len() {
            assert_eq!(decode(&bytes[..len]), Err(Corrupt), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(Corrupt));
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("(.|\n){0,12}").unwrap()
    }

    fn line_id() -> impl Strategy<Value = LineId> {
        (any::<u8>(), any::<u16>()).prop_map(|(i, n)| LineId {
            initiative: InitiativeId(i),
            number: n,
        })
    }

    fn line() -> impl Strategy<Value = Line> {
        (
            line_id(),
            text(),
            proptest::collection::vec(text(), 0..3),
            proptest::option::of(any::<u64>()),
            (any::<bool>(), any::<bool>(), any::<bool>()),
            proptest::option::of(line_id()),
            text(),
        )
            .prop_map(
                |(id, name, departments, amount, (k, n, c), relisted_of, description)| Line {
                    id,
                    name,
                    departments,
                    amount,
                    marks: Marks {
                        key_measure: k,
                        new: n,
                        covid: c,
                    },
                    relisted_of,
                    description,
                },
            )
    }

    fn budget() -> impl Strategy<Value = Budget> {
        let meta = (
            (text(), text(), any::<u16>(), text(), text()),
            (
                text(),
                text(),
                proptest::collection::vec(text(), 0..4),
                text(),
            ),
        )
            .prop_map(
                |(
                    (title, city, fiscal_year, era_year, unit),
                    (as_of, source, priorities, note),
                )| {
                    Meta {
                        title,
                        city,
                        fiscal_year,
                        era_year,
                        unit,
                        as_of,
                        source,
                        priorities,
                        note,
                    }
                },
            );
        (
            meta,
            proptest::collection::vec((any::<u8>(), text()), 0..4),
            proptest::collection::vec((any::<u8>(), any::<u8>(), text()), 0..4),
            proptest::collection::vec(line(), 0..8),
        )
            .prop_map(|(meta, directions, initiatives, lines)| Budget {
                meta,
                directions: directions
                    .into_iter()
                    .map(|(id, title)| Direction {
                        id: DirectionId(id),
                        title,
                    })
                    .collect(),
                initiatives: initiatives
                    .into_iter()
                    .map(|(id, d, title)| Initiative {
                        id: InitiativeId(id),
                        direction: DirectionId(d),
                        title,
                    })
                    .collect(),
                lines,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn any_budget_round_trips(b in budget()) {
            prop_assert_eq!(decode(&encode(&b)), Ok(b.clone()));
            let f = folded(&b);
            let parts = encode_answer(&b, &f, 3);
            prop_assert_eq!(decode_answer(&parts), Ok(Ok((b, f))));
        }

        #[test]
        fn any_bytes_decode_or_are_corrupt(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = decode_answer(std::slice::from_ref(&bytes));
            let _ = decode_answer(&[bytes[..bytes.len() / 2].to_vec(), bytes[bytes.len() / 2..].to_vec()]);
            let _ = decode(&bytes);
        }
    }
}
