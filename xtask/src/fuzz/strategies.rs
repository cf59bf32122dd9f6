//! Strategies the targets share: text, numbers at the edges, and byte edits that any text
//! format meets.

use super::Corpus;
use kumamoto_sme_budget::core::validate;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

/// `0..=max` items, mostly few: as likely up to 4 as up to 32 as up to `max`, as the
/// interesting inputs are mostly small but the limits are far out.
pub fn few<S: Strategy + Clone + 'static>(item: S, max: usize) -> BoxedStrategy<Vec<S::Value>>
where
    S::Value: 'static,
{
    prop_oneof![
        vec(item.clone(), 0..=max.min(4)),
        vec(item.clone(), 0..=max.min(32)),
        vec(item, 0..=max),
    ]
    .boxed()
}

/// A count in `lo..=max`, mostly small (see [`few`]).
pub fn small(lo: usize, max: usize) -> BoxedStrategy<usize> {
    prop_oneof![lo..=max.min(lo + 4), lo..=max.min(lo + 64), lo..=max].boxed()
}

/// Random text: ASCII, URL and JSON punctuation, Japanese, combining marks and emoji, controls,
/// and any scalar value at all.
pub fn any_char() -> BoxedStrategy<char> {
    use proptest::char::range;
    prop_oneof![
        4 => range(' ', '~'),
        1 => select(&['&', '=', '%', ',', '+', '#', ':', '-', '"', '\\', '[', '{'][..]),
        1 => range('\u{3041}', '\u{3096}'), // hiragana
        1 => range('\u{30A1}', '\u{30FA}'), // katakana
        1 => range('\u{4E00}', '\u{9FFF}'), // kanji
        1 => prop_oneof![
            range('\u{FF01}', '\u{FF5E}'), // full width
            range('\u{FF61}', '\u{FF9F}'), // half width kana
            range('\u{0300}', '\u{036F}'), // combining
            select(
                &['\u{3000}', '\u{200D}', '\u{FEFF}', '\u{00A0}', '\u{2028}', '\u{1F600}', '\u{1F1EF}'][..]
            ),
        ],
        1 => prop_oneof![range('\u{0}', '\u{1F}'), Just('\u{7F}')],
        1 => range('\u{80}', '\u{7FF}'),
        1 => any::<char>(),
    ]
    .boxed()
}

pub fn random_text(max: usize) -> BoxedStrategy<String> {
    few(any_char(), max)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

pub fn random_bytes(max: usize) -> BoxedStrategy<Vec<u8>> {
    few(any::<u8>(), max)
}

/// A realistic word from the data, a piece of one, or random text.
pub fn some_text(c: &'static Corpus) -> BoxedStrategy<String> {
    let words = select(c.words.clone());
    prop_oneof![
        2 => words.clone(),
        1 => (words, any::<Index>(), any::<Index>()).prop_map(|(w, a, b)| {
            let w: Vec<char> = w.chars().collect();
            let a = a.index(w.len() + 1);
            let b = a + b.index(w.len() - a + 1);
            w[a..b].iter().collect()
        }),
        1 => random_text(12),
    ]
    .boxed()
}

/// Numbers at the edges: ids, u8/u16/u32/i64/u64 limits, floats, exponents, signs, long digit
/// strings.
pub fn interesting_number() -> BoxedStrategy<String> {
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        "0", "1", "2", "5", "10", "63", "254", "255", "256", "999", "9999", "10000", "65535",
        "65536", "4294967295", "4294967296", "9007199254740993", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "99999999999999999999", "999999999999999", "1000000000000000", "-0", "-1", "-255",
        "-9223372036854775808", "-9223372036854775809", "0.0", "1.0", "1.5", "0.5", "-0.5", "1e0",
        "1E2", "1e-2", "2.5e3", "1e308", "1e309", "-1e309", "5e-324", "1e400", "24200", "3739426",
    ];
    let amount_limit = validate::MAX_AMOUNT;
    prop_oneof![
        3 => select(EDGES).prop_map(str::to_string),
        // The largest amount a line may have, and one more.
        1 => (0..=1u64).prop_map(move |over| (amount_limit + over).to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => (0..300u32).prop_map(|n| n.to_string()),
        1 => (
            few(0..10u8, 400),
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.2)
        )
            .prop_map(|(digits, negative, half)| {
                let mut s: String = digits.into_iter().map(|d| char::from(b'0' + d)).collect();
                if s.is_empty() {
                    s.push('7');
                }
                if negative {
                    s.insert(0, '-');
                }
                if half {
                    s.push_str(".5");
                }
                s
            }),
    ]
    .boxed()
}

/// Strings at the edges of the contract's fields: padding, ids, dates, units, long runs.
pub fn interesting_string(c: &'static Corpus) -> BoxedStrategy<String> {
    #[rustfmt::skip]
    const EDGES: &[&str] = &[
        "", " ", "a", " a", "a ", "\t", "\u{3000}", "\u{3000}a", "\n", "\u{0}", "\u{FEFF}", "1-1",
        "4-5", "0-1", "1-0", "01-1", "1-01", "256-1", "1-65536", "1-65535", "255-65535", "-", "1-",
        "-1", "1-1-1", "１-１", "1 -1", "+1-1", "2023-03-31", "2023-02-30", "2023-13-01",
        "2023-00-10", "0000-00-00", "9999-12-31", "2023-03-3x", "２０２３-03-31", "2023-03-31 ",
        "2023/03/31", "20230331xx", "千円", "null", "true", "1",
    ];
    prop_oneof![
        3 => select(EDGES).prop_map(str::to_string),
        1 => some_text(c),
        1 => random_text(40),
        1 => (select(&["あ", "a", "課", "\\", "\"", "😀"][..]), small(1, 40_000))
            .prop_map(|(s, n)| s.repeat(n)),
    ]
    .boxed()
}

/// One edit of bytes: truncation, flipped and inserted bytes, deleted and duplicated runs,
/// format tokens (one or thousands of times), numbers made huge.
#[derive(Clone, Debug)]
pub enum ByteEdit {
    Truncate(Index),
    FlipBit(Index, u8),
    SetByte(Index, u8),
    Insert(Index, Vec<u8>),
    Token(Index, &'static str, usize),
    Delete(Index, usize),
    Duplicate(Index, usize, Index),
    /// The run of digits at or after the place, replaced.
    Number(Index, String),
    Text(Index, String),
}

pub fn byte_edits(tokens: &'static [&'static str]) -> BoxedStrategy<Vec<ByteEdit>> {
    let at = any::<Index>;
    let edit = prop_oneof![
        1 => (at()).prop_map(ByteEdit::Truncate),
        1 => (at(), 0..8u8).prop_map(|(i, bit)| ByteEdit::FlipBit(i, bit)),
        1 => (at(), any::<u8>()).prop_map(|(i, b)| ByteEdit::SetByte(i, b)),
        1 => (at(), vec(any::<u8>(), 1..=8)).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        2 => (at(), select(tokens), prop_oneof![9 => Just(1), 1 => small(1, 6000)])
            .prop_map(|(i, t, n)| ByteEdit::Token(i, t, n)),
        1 => (at(), small(0, 64)).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        1 => (at(), small(0, 64), at()).prop_map(|(i, n, to)| ByteEdit::Duplicate(i, n, to)),
        1 => (at(), interesting_number()).prop_map(|(i, n)| ByteEdit::Number(i, n)),
        1 => (at(), random_text(6)).prop_map(|(i, t)| ByteEdit::Text(i, t)),
    ];
    vec(edit, 1..=5).boxed()
}

pub fn apply_byte_edits(data: &mut Vec<u8>, edits: &[ByteEdit]) {
    for edit in edits {
        let len = data.len();
        match edit {
            ByteEdit::Truncate(at) => data.truncate(at.index(len + 1)),
            ByteEdit::FlipBit(at, bit) if len > 0 => data[at.index(len)] ^= 1 << bit,
            ByteEdit::SetByte(at, b) if len > 0 => data[at.index(len)] = *b,
            ByteEdit::Insert(at, bytes) => {
                let at = at.index(len + 1);
                data.splice(at..at, bytes.iter().copied());
            }
            ByteEdit::Token(at, token, times) => {
                let at = at.index(len + 1);
                data.splice(at..at, token.repeat(*times).into_bytes());
            }
            ByteEdit::Delete(at, span) => {
                let at = at.index(len + 1);
                data.drain(at..(at + span).min(len));
            }
            ByteEdit::Duplicate(at, span, to) => {
                let at = at.index(len + 1);
                let copy = data[at..(at + span).min(len)].to_vec();
                let to = to.index(len + 1);
                data.splice(to..to, copy);
            }
            ByteEdit::Number(at, n) => {
                let at = at.index(len + 1);
                if let Some(start) = (at..len).find(|&i| data[i].is_ascii_digit()) {
                    let end = (start..len)
                        .find(|&i| !data[i].is_ascii_digit())
                        .unwrap_or(len);
                    data.splice(start..end, n.bytes());
                }
            }
            ByteEdit::Text(at, text) => {
                let at = at.index(len + 1);
                data.splice(at..at, text.bytes());
            }
            ByteEdit::FlipBit(..) | ByteEdit::SetByte(..) => {}
        }
    }
}

/// `bytes`, now and then (`percent`) run through a few byte edits.
pub fn maybe_edited(
    bytes: BoxedStrategy<Vec<u8>>,
    percent: f64,
    tokens: &'static [&'static str],
) -> BoxedStrategy<Vec<u8>> {
    (bytes, prop::option::weighted(percent, byte_edits(tokens)))
        .prop_map(|(mut bytes, edits)| {
            apply_byte_edits(&mut bytes, edits.as_deref().unwrap_or_default());
            bytes
        })
        .boxed()
}
