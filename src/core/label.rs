//! The label plan of a treemap level: for each cell, which of a fixed scale of three type sizes
//! it gets (by its size class, so neighbours of similar size read alike), its name broken into
//! lines only at word or phrase boundaries (禁則 kept, never mid-word; a name that does not fit
//! ends in "…"), its figures whole and always in the same order, or — when not even a one-line
//! name fits — a number, drawn in the cell and repeated on its row of the list under the chart.
//!
//! Two things are parameters, so the core stays pure and ships no tables: where words start
//! (`WordBreaks`: `Intl.Segmenter` in the browser, `rule_breaks` natively) and how wide a
//! character is (`estimated_width` both in the app and natively, so that the app, the golden
//! tests and the build's prerendered chart lay out the same labels).

use super::aggregate::{is_joint, Node, NodeKey};
use super::chart::Level;
use super::model::Budget;
use super::present::numbers;
use super::present::strings::Strings;
use super::treemap::Rect;
use std::borrow::Cow;
use std::fmt::Write;

/// Where words start in `text`: offsets in characters, each strictly between 0 and the length
/// (any order, duplicates allowed). Lines break only at these, filtered by [`opportunities`].
pub type WordBreaks = fn(&str) -> Vec<usize>;

/// Characters that must not begin a line (行頭禁則).
const NO_LINE_START: &[char] = &[
    '、', '。', '，', '．', '）', '」', '』', '】', '〉', '》', '・', 'ー', '！', '？', '：', '；',
    ',', '.', ')', ']', '!', '?', ':', ';', '%', '％', '々', '…',
];
/// Characters that must not end a line (行末禁則).
const NO_LINE_END: &[char] = &['（', '「', '『', '【', '〈', '《', '(', '[', '¥', '＄', '$'];

pub const ELLIPSIS: char = '…';

/// One size of the type scale, with the smallest cell it is used in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypeSize {
    pub font_px: f64,
    pub line_height: f64,
    pub padding: f64,
    /// Whether cells of this size show their figures (amount, share, count) under the name.
    pub figures: bool,
    pub min_width: f64,
    pub min_height: f64,
}

/// The type scale, largest first. A cell takes the largest size whose minimum it meets (and
/// the next one down only when its name would not be readable there). The smallest size is
/// for a one-line name: 24 px tall and three full-width characters wide are enough.
pub const SCALE: [TypeSize; 3] = [
    TypeSize {
        font_px: 16.0,
        line_height: 21.0,
        padding: 8.0,
        figures: true,
        min_width: 150.0,
        min_height: 80.0,
    },
    TypeSize {
        font_px: 13.0,
        line_height: 17.0,
        padding: 6.0,
        figures: true,
        min_width: 84.0,
        min_height: 46.0,
    },
    TypeSize {
        font_px: 11.0,
        line_height: 14.0,
        padding: 4.0,
        figures: false,
        // 3 × 11 px + 2 × 4 px; 14 px + 2 × 4 px.
        min_width: 41.0,
        min_height: 22.0,
    },
];

/// What the plan needs of one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct CellText<'a> {
    pub rect: Rect,
    pub name: &'a str,
    /// Figures in their fixed order (amount, share, then the count), shown all or none: the
    /// first two on one line joined by "・" where that fits, else each on its own line.
    pub figures: &'a [String],
}

/// A cell's label: its type size, name lines and figure lines, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct CellLabel {
    /// Index into `SCALE`.
    pub size: usize,
    pub name: Vec<String>,
    pub figures: Vec<String>,
}

impl CellLabel {
    pub fn type_size(&self) -> &'static TypeSize {
        &SCALE[self.size]
    }
}

/// The plan for one cell: a label, or for a cell with area but no room for a name its number
/// (from 1, in cell order), drawn in the cell and shown on its row of the list under the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct CellPlan {
    pub label: Option<CellLabel>,
    pub number: Option<u16>,
}

/// A cell's number as drawn and listed: ①, ②, …
pub fn number_text(n: u16) -> String {
    numbers::circled(u8::try_from(n).unwrap_or(u8::MAX))
}

/// The break opportunities of `text`: `ok[i]` is whether a line may start at character `i`.
/// Word starts from `breaks` count only where they are also phrase boundaries: never before
/// closing or after opening punctuation (禁則), never inside a run of Latin letters and digits
/// (English breaks at spaces), never before hiragana (particles and okurigana stay with their
/// word: 増大に, 向けた), never inside katakana (ICU splits アクセラレーション), and never next
/// to a one-kanji word (suffixes and prefixes stay: 雇用対策課, 誘客, 新産業), nor after a digit.
pub fn opportunities(chars: &[char], breaks: &[usize]) -> Vec<bool> {
    let n = chars.len();
    let mut word_start = vec![false; n + 1];
    for &b in breaks {
        if b > 0 && b < n {
            word_start[b] = true;
        }
    }
    word_start[0] = true;
    word_start[n] = true;
    // Each word's length, to keep one-character words with their neighbours.
    let mut len_from = vec![0usize; n + 1];
    let mut len_to = vec![0usize; n + 1];
    let mut start = 0;
    for i in 1..=n {
        if word_start[i] {
            len_from[start] = i - start;
            len_to[i] = i - start;
            start = i;
        }
    }
    let mut ok = vec![false; n];
    for i in 1..n {
        if !word_start[i] {
            continue;
        }
        let (a, b) = (chars[i - 1], chars[i]);
        // A one-kanji word attaches to a kanji word before it (a suffix: 課, 客), or whatever
        // precedes it if it is a common suffix (スタートアップ等, プレミアム付), else to the
        // word after it (a prefix: 新).
        let suffix_here =
            len_from[i] == 1 && is_kanji(b) && (is_kanji(a) || SUFFIX_KANJI.contains(&b));
        let prefix_before = len_to[i] == 1
            && is_kanji(a)
            && !SUFFIX_KANJI.contains(&a)
            && !(i >= 2 && is_kanji(chars[i - 2]));
        let blocked = NO_LINE_START.contains(&b)
            || NO_LINE_END.contains(&a)
            || b.is_whitespace()
            || (is_latin(a) && is_latin(b))
            || (is_digit(a) && !b.is_whitespace())
            || is_hiragana(b)
            || (is_katakana(a) && is_katakana(b))
            || suffix_here
            || prefix_before;
        ok[i] = !blocked;
    }
    ok
}

/// One-kanji suffixes that stay with the word before them even after kana or Latin letters.
const SUFFIX_KANJI: &[char] = &[
    '等', '付', '型', '的', '化', '性', '用', '課', '室', '費', '者', '家', '券',
];

/// A digit keeps its unit: never 2,420 / 千円.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{FF10}'..='\u{FF19}')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{30FD}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}')
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヵ' | 'ヶ')
}

/// Letters and digits that make words of Latin script (full-width ones included: ＤＸ).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
        || (c.is_ascii_punctuation() && c != '(' && c != ')')
}

/// Kanji words that start a new word inside a run of kanji, for the native word breaks: the
/// common heads of measure and department names (事業, 支援, 経費, …). Without them a run such
/// as 中小企業金融対策事業 could only be cut with "…" where the browser's segmenter breaks it.
#[rustfmt::skip]
const KANJI_WORDS: &[&str] = &[
    "事業", "支援", "経費", "対策", "促進", "推進", "管理", "運営", "政策", "戦略", "企業", "産業",
    "創出", "金融", "誘致", "活動", "進出", "関連", "強化", "開拓", "振興", "国際", "利用", "商品",
    "割引", "環境", "整備", "連携", "移住", "雇用", "育成", "人材", "就職", "訓練", "福祉", "一般",
    "行政", "説明", "開催", "就業", "調査", "団体", "助成", "補給", "債務", "軽減", "対応", "融資",
    "伴走", "策定", "魅力", "向上", "総合", "緊急", "店舗", "高騰", "発行", "発注", "予定", "価格",
    "設定", "優先", "優遇", "評価", "項目", "方式", "運用", "規定", "契約", "実績", "公表", "基本",
    "方針", "措置", "実施", "周知", "会議", "活性", "承継", "基盤", "機会", "増大", "持続", "発展",
    "継続", "確保", "安定", "消費", "拡大", "生産", "受注", "創業", "経営", "技術", "工事", "商業",
    "立地", "経済", "観光", "農業", "中枢", "都市", "地方", "成長", "大学", "地域", "物産", "地場",
    "旅行", "受入", "家庭", "母子", "面談", "職業", "合同", "失業", "新型", "感染", "計画", "適正",
    "官公", "規模", "熊本", "首都", "半導体", "台湾", "広域", "販路", "二重", "起業", "利子", "空き",
    "及び", "品等",
];

/// Kanji compounds kept whole although they contain one of `KANJI_WORDS` (中小|企業 is no break).
const WHOLE_WORDS: &[&str] = &["中小企業"];

/// Native word breaks by rule: a word starts where the script changes (kanji, hiragana,
/// katakana, Latin, space, punctuation) and inside a run of kanji before one of `KANJI_WORDS`.
/// With the phrase rules of [`opportunities`] it gives the same lines as `Intl.Segmenter` on the
/// embedded data (tested in the browser), without a dictionary.
pub fn rule_breaks(text: &str) -> Vec<usize> {
    #[derive(PartialEq, Clone, Copy)]
    enum Script {
        Kanji,
        Hiragana,
        Katakana,
        Latin,
        Space,
        Other,
    }
    let script = |c: char| {
        if is_kanji(c) {
            Script::Kanji
        } else if is_hiragana(c) {
            Script::Hiragana
        } else if is_katakana(c) {
            Script::Katakana
        } else if c.is_whitespace() {
            Script::Space
        } else if is_latin(c) && !c.is_ascii_punctuation() {
            Script::Latin
        } else {
            Script::Other
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut inside_whole = vec![false; chars.len() + 1];
    for j in 0..chars.len() {
        let rest: String = chars[j..].iter().collect();
        if let Some(w) = WHOLE_WORDS.iter().find(|w| rest.starts_with(*w)) {
            let end = j + w.chars().count();
            inside_whole[j + 1..end].iter_mut().for_each(|x| *x = true);
        }
    }
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let (a, b) = (script(chars[i - 1]), script(chars[i]));
        // Each punctuation mark is a word of its own; okurigana and particles stay with the
        // kanji before them (向けた, 機会の), as the phrase rules would keep them anyway.
        if a == Script::Kanji && b == Script::Hiragana {
            continue;
        }
        if a != b || a == Script::Other {
            out.push(i);
        } else if a == Script::Kanji && !inside_whole[i] {
            let rest: String = chars[i..].iter().collect();
            if KANJI_WORDS.iter().any(|w| rest.starts_with(w)) {
                out.push(i);
            }
        }
    }
    out
}

/// Every position: for a browser without `Intl.Segmenter` (the phrase rules still apply).
pub fn character_breaks(text: &str) -> Vec<usize> {
    (1..text.chars().count()).collect()
}

/// Advances of ASCII characters in hundredths of an em: DejaVu Sans Bold's, the widest of the
/// fallback sans fonts (measured in Chromium), so a label fitted with them fits in the fonts of
/// phones and desktops too. Index: code point − 32.
const ASCII_WIDTHS: [u8; 95] = [
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, // ' ' … '/'
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 58, // '0' … '?'
    100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, // '@' … 'O'
    73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, // 'P' … '_'
    50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, // '`' … 'o'
    72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84, // 'p' … '~'
];

/// A character's advance at `px`: ASCII by the table above, everything else one em (the CJK
/// fonts draw kana, kanji and full-width marks exactly one em wide). The same in the app, the
/// tests and the build, so all three lay out the same labels; the canvas squeezes a line that a
/// narrower-than-estimated font would not need, and never lets one overflow its cell.
pub fn estimated_width(c: char, px: f64) -> f64 {
    let code = c as u32;
    if (32..127).contains(&code) {
        f64::from(ASCII_WIDTHS[(code - 32) as usize]) / 100.0 * px
    } else {
        px
    }
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`, only where `ok` allows
/// (spaces at a break are dropped). When the rest does not fit — too many lines, or a phrase
/// wider than a line — the last line is cut after as many characters as fit, followed by "…".
/// `None` when not even one character and "…" fit.
pub fn wrap(
    text: &str,
    ok: &[bool],
    max_width: f64,
    max_lines: usize,
    width_of: &impl Fn(char) -> f64,
) -> Option<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if max_lines == 0 || n == 0 {
        return None;
    }
    let widths: Vec<f64> = chars.iter().map(|&c| width_of(c)).collect();
    let ellipsis = width_of(ELLIPSIS);
    let line = |from: usize, to: usize| -> String {
        chars[from..to]
            .iter()
            .collect::<String>()
            .trim()
            .to_string()
    };
    // Width of chars[from..to] without trailing spaces.
    let width = |from: usize, to: usize| -> f64 {
        let mut to = to;
        while to > from && chars[to - 1].is_whitespace() {
            to -= 1;
        }
        widths[from..to].iter().sum()
    };
    let cut = |from: usize| -> Option<String> {
        let (mut used, mut end) = (0.0, from);
        while end < n && used + widths[end] + ellipsis <= max_width {
            used += widths[end];
            end += 1;
        }
        (end > from).then(|| format!("{}{ELLIPSIS}", line(from, end)))
    };
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        while start < n && chars[start].is_whitespace() {
            start += 1;
        }
        if start == n {
            break;
        }
        if width(start, n) <= max_width {
            lines.push(line(start, n));
            break;
        }
        if lines.len() + 1 == max_lines {
            lines.push(cut(start)?);
            break;
        }
        // The furthest opportunity whose line fits.
        let best = (start + 1..n)
            .take_while(|&j| width(start, j) <= max_width)
            .filter(|&j| ok[j])
            .last();
        match best {
            Some(j) => {
                lines.push(line(start, j));
                start = j;
            }
            None => {
                // A phrase wider than a line: cut with "…" rather than broken mid-word.
                lines.push(cut(start)?);
                break;
            }
        }
    }
    Some(lines)
}

/// The name and figures of one cell at one type size, or `None` when its name is not readable
/// there (nothing fits, or only one character and "…" of a longer name).
fn at_size(
    cell: &CellText,
    ok: &[bool],
    size: &TypeSize,
    width_at: &impl Fn(char, f64) -> f64,
) -> Option<(Vec<String>, Vec<String>)> {
    let inner_w = cell.rect.width() - 2.0 * size.padding;
    let inner_h = cell.rect.height() - 2.0 * size.padding;
    let max_lines = (inner_h / size.line_height).floor().max(0.0) as usize;
    let width_of = |c: char| width_at(c, size.font_px);
    let fits = |s: &str| s.chars().map(width_of).sum::<f64>() <= inner_w;
    let items = cell.figures;
    let mut options: Vec<Vec<String>> = Vec::new();
    if items.len() >= 2 {
        let mut joined = vec![format!("{}・{}", items[0], items[1])];
        joined.extend(items[2..].iter().cloned());
        options.push(joined);
    }
    options.push(items.to_vec());
    let fitting: Vec<Vec<String>> = options
        .into_iter()
        .filter(|lines| {
            size.figures
                && !lines.is_empty()
                && lines.len() < max_lines
                && lines.iter().all(|f| fits(f))
        })
        .collect();
    let name_in = |lines: usize| wrap(cell.name, ok, inner_w, lines, &width_of);
    let whole = |l: &Option<Vec<String>>| {
        l.as_ref()
            .is_some_and(|l| l.concat().replace(' ', "") == cell.name.replace(' ', ""))
    };
    // Figures where the name still fits whole; else the name alone if it then fits whole; else
    // (a long name, cut either way) the figures too.
    let choice = fitting
        .iter()
        .map(|f| (f.clone(), name_in(max_lines - f.len())))
        .find(|(_, n)| whole(n))
        .or_else(|| Some((Vec::new(), name_in(max_lines))).filter(|(_, n)| whole(n)))
        .or_else(|| {
            fitting
                .first()
                .map(|f| (f.clone(), name_in(max_lines - f.len())))
        })
        .unwrap_or_else(|| (Vec::new(), name_in(max_lines)));
    let (figures, lines) = (choice.0, choice.1?);
    let first = lines[0].chars().count();
    let readable = !(lines[0].ends_with(ELLIPSIS) && first <= 2);
    readable.then_some((lines, figures))
}

/// The label plan of a level: one `CellPlan` per cell, in the cells' order. Deterministic: the
/// same cells, measure and word breaks give the same plan.
pub fn plan(
    cells: &[CellText],
    breaks: WordBreaks,
    width_at: &impl Fn(char, f64) -> f64,
) -> Vec<CellPlan> {
    let mut next_number = 1u16;
    cells
        .iter()
        .map(|cell| {
            let (w, h) = (cell.rect.width(), cell.rect.height());
            let chars: Vec<char> = cell.name.chars().collect();
            let ok = opportunities(&chars, &breaks(cell.name));
            let found = SCALE
                .iter()
                .enumerate()
                .filter(|(_, s)| w >= s.min_width && h >= s.min_height)
                .find_map(|(i, s)| at_size(cell, &ok, s, width_at).map(|t| (i, t)));
            let label = found.map(|(size, (name, figures))| CellLabel {
                size,
                name,
                figures,
            });
            let number = (label.is_none() && cell.rect.area() > 0.0).then(|| {
                next_number += 1;
                next_number - 1
            });
            CellPlan { label, number }
        })
        .collect()
}

/// A plan as text, one line per cell: index, size in px, type size, name lines, figure lines,
/// number. The golden files and the app's `data-plan` attribute use it, so the browser test
/// compares the app's plan with the native one as two strings.
pub fn plan_text(cells: &[CellText], plans: &[CellPlan]) -> String {
    let mut out = String::new();
    for (i, (c, p)) in cells.iter().zip(plans).enumerate() {
        let (size, name, figures) = match &p.label {
            Some(l) => (
                format!("{}px", super::decimal::short(l.type_size().font_px, 3)),
                l.name.join(" / "),
                l.figures.join(" / "),
            ),
            None => ("-".to_string(), String::new(), String::new()),
        };
        let number = p.number.map_or("-".to_string(), number_text);
        let _ = writeln!(
            out,
            "{i}\t{}x{}\t{size}\t{name}\t{figures}\t{number}",
            super::decimal::fixed(c.rect.width(), 0),
            super::decimal::fixed(c.rect.height(), 0),
        );
    }
    out
}

/// A node's name in the UI's language (a joint department group marked 共管).
pub fn node_name<'a>(node: &'a Node, s: &Strings) -> Cow<'a, str> {
    match &node.key {
        NodeKey::Others => s.others(node.children.len()).into(),
        NodeKey::DepartmentGroup(names) if is_joint(names) => {
            format!("{}{}", node.label, s.joint).into()
        }
        _ => s.title(&node.label).into(),
    }
}

/// A node's figures in their fixed order: amount ("2,420万円"), share ("0.6%"), then for a
/// group its count; or what stands in for an amount.
pub fn node_figures(node: &Node, whole: u64, s: &Strings, budget: &Budget) -> Vec<String> {
    if let NodeKey::Line(id) = &node.key {
        if let Some(m) = budget.line(*id) {
            if let Some(o) = m.relisted_of.and_then(|of| budget.line(of)) {
                // The original by name and initiative, not only its number.
                let original = s.original_line(o.id.initiative.0, &o.name).plain();
                return vec![format!("【{}】{original}", s.relisted)];
            }
            if m.amount.is_none() {
                return vec![s.no_amount.to_string()];
            }
        }
    } else if node.total == 0 {
        return vec![format!("{}・{}", s.measures(node.measures), s.no_amount)];
    }
    let mut out = vec![s.amount(node.total), s.share(node.total, whole)];
    if !matches!(node.key, NodeKey::Line(_)) {
        out.push(s.measures(node.measures));
    }
    out
}

/// As [`node_figures`], for a cell's button and list row (spoken, not drawn): the share says
/// what it is of (「この階層の0.6%」), and a node the filters match in part says which part.
pub fn spoken_figures(node: &Node, level: &Level, s: &Strings, budget: &Budget) -> Vec<String> {
    let mut out = node_figures(node, level.total, s, budget);
    // Only figures that begin with an amount carry a share (a stand-in for an amount has none).
    if out.len() >= 2 {
        out[1] = s.share_of_level(node.total, level.total, level.only_matches);
        if node.matches() && node.matched.lines < node.lines {
            out.insert(2, s.matched_part(node.matched.measures, node.matched.total));
        }
    }
    out
}

/// The label plan of a chart level laid out in `rects`, with the estimated widths: what the app
/// draws, and what the build and the golden tests compute natively with `rule_breaks`.
pub fn level_plan(
    budget: &Budget,
    level: &Level,
    rects: &[Rect],
    s: &Strings,
    breaks: WordBreaks,
) -> (Vec<CellPlan>, String) {
    let texts: Vec<(Cow<str>, Vec<String>)> = level
        .nodes
        .iter()
        .map(|n| (node_name(n, s), node_figures(n, level.total, s, budget)))
        .collect();
    let cells: Vec<CellText> = texts
        .iter()
        .zip(rects)
        .map(|((name, figures), rect)| CellText {
            rect: *rect,
            name,
            figures,
        })
        .collect();
    let plans = plan(&cells, breaks, &estimated_width);
    let text = plan_text(&cells, &plans);
    (plans, text)
}

/// The least width and height of a touch target (WCAG 2.5.5): a smaller cell is also listed.
pub const MIN_TARGET: f64 = 44.0;

/// The cells listed under the chart as small (in order): those with area that carry a number
/// (no room for a name) or are under `MIN_TARGET` either way, so that each is reachable by touch
/// through a row of full size. The app's list and the build's static one, from one rule.
pub fn small_cells(level: &Level, rects: &[Rect], plans: &[CellPlan]) -> Vec<usize> {
    let drawn = level.drawn();
    (0..level.nodes.len().min(rects.len()).min(plans.len()))
        .filter(|&i| drawn[i] > 0 && rects[i].area() > 0.0)
        .filter(|&i| {
            plans[i].number.is_some()
                || rects[i].width() < MIN_TARGET
                || rects[i].height() < MIN_TARGET
        })
        .collect()
}

/// Figures on one line for a list row: "2,420万円・この階層の0.6% · 6事業".
pub fn figures_line(f: &[String]) -> String {
    match f {
        [amount, share, rest @ ..] => std::iter::once(format!("{amount}・{share}"))
            .chain(rest.iter().cloned())
            .collect::<Vec<_>>()
            .join(" · "),
        _ => f.join(" · "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit of `px` wide (full-width text behaves so).
    fn em(_: char, px: f64) -> f64 {
        px
    }

    fn unit(_: char) -> f64 {
        1.0
    }

    /// Lines of `text` by the native rules.
    fn lines(text: &str, width: f64, max: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let ok = opportunities(&chars, &rule_breaks(text));
        wrap(text, &ok, width, max, &|c| estimated_width(c, 1.0)).unwrap()
    }

    #[test]
    fn breaks_only_at_phrases() {
        // Never 雇用対策/課, 促/進, 千/円, nor an English word cut across lines.
        assert_eq!(lines("雇用対策課", 4.0, 3), vec!["雇用", "対策課"]);
        assert_eq!(lines("雇用対策課", 4.0, 1), vec!["雇用対…"]);
        assert_eq!(
            lines("観光客誘致促進", 3.0, 5),
            vec!["観光客", "誘致", "促進"]
        );
        assert_eq!(lines("2,420千円", 5.0, 2), vec!["2,420…"]);
        assert_eq!(lines("2,420千円", 6.0, 2), vec!["2,420千円"]);
        let en = "Stronger business foundations";
        assert_eq!(lines(en, 10.5, 3), vec!["Stronger business", "foundations"]);
        assert_eq!(lines(en, 6.0, 4), vec!["Stronger", "business", "foundati…"]);
        // Particles and okurigana stay with their word; 「」 with what they enclose.
        assert_eq!(
            lines("受注機会の増大に向けた支援", 7.0, 4),
            vec!["受注機会の", "増大に向けた", "支援"]
        );
        assert_eq!(
            lines("「国等の契約」の周知", 6.0, 3),
            vec!["「国等の", "契約」の周知"]
        );
        // Katakana words are never split (ICU splits アク|セラ|レ|ー|ション).
        assert_eq!(
            lines("中小企業等ＤＸアクセラレーション事業", 10.0, 4),
            vec!["中小企業等ＤＸ", "アクセラレーション", "事業"]
        );
        // The browser's word breaks for some names (Intl.Segmenter, ja), through the same
        // phrase rules, allow exactly the native rules' breaks.
        let icu: &[(&str, &[&str])] = &[
            ("雇用対策課", &["雇用", "対策", "課"]),
            (
                "中小企業等ＤＸアクセラレーション事業",
                &[
                    "中小企業",
                    "等",
                    "ＤＸ",
                    "アク",
                    "セラ",
                    "レ",
                    "ー",
                    "ション",
                    "事業",
                ],
            ),
            (
                "インバウンド誘客対策経費",
                &["イン", "バウンド", "誘", "客", "対策", "経費"],
            ),
            (
                "受注機会の増大に向けた支援",
                &["受注", "機会", "の", "増大", "に", "向け", "た", "支援"],
            ),
            (
                "起業・新産業支援課",
                &["起業", "・", "新", "産業", "支援", "課"],
            ),
            ("地産地消事業", &["地", "産地", "消", "事業"]),
        ];
        for (name, words) in icu {
            let chars: Vec<char> = name.chars().collect();
            let starts: Vec<usize> = words
                .iter()
                .scan(0, |at, w| {
                    *at += w.chars().count();
                    Some(*at)
                })
                .collect();
            assert_eq!(
                opportunities(&chars, &starts),
                opportunities(&chars, &rule_breaks(name)),
                "{name}"
            );
        }
    }

    #[test]
    fn english_never_breaks_inside_a_word_even_with_character_breaks() {
        let en = "Stronger business foundations";
        let chars: Vec<char> = en.chars().collect();
        let ok = opportunities(&chars, &character_breaks(en));
        let starts: Vec<usize> = (0..chars.len()).filter(|&i| ok[i]).collect();
        assert_eq!(starts, vec![9, 18]);
        let ja = "千円";
        let chars: Vec<char> = ja.chars().collect();
        assert_eq!(
            opportunities(&chars, &character_breaks(ja)),
            vec![false, false]
        );
    }

    #[test]
    fn kinsoku_holds_whatever_the_word_breaks() {
        // Even with a break at every character: ）、・ never start a line, （ never ends one.
        let text = "魅力（政策）、支援・育成";
        let chars: Vec<char> = text.chars().collect();
        let ok = opportunities(&chars, &character_breaks(text));
        for (i, &c) in chars.iter().enumerate() {
            if ok[i] {
                assert!(!NO_LINE_START.contains(&c), "{c} may start a line");
                assert!(
                    !NO_LINE_END.contains(&chars[i - 1]),
                    "{} may end a line",
                    chars[i - 1]
                );
            }
        }
        assert_eq!(
            wrap(text, &ok, 5.0, 4, &unit).unwrap(),
            // Kanji next to kanji never break here: with breaks at every character each is a
            // one-kanji word, and those attach to their neighbours.
            vec!["魅力", "（政策）、", "支援・育成"]
        );
    }

    #[test]
    fn wrap_edges() {
        let ok = [false, true, true];
        assert_eq!(wrap("", &[], 5.0, 2, &unit), None);
        assert_eq!(wrap("abc", &ok, 5.0, 0, &unit), None);
        assert_eq!(wrap("課", &[false], 0.5, 2, &unit), None);
        // One character and "…" is the least a cut line shows.
        assert_eq!(
            wrap("観光戦略", &[false; 4], 2.0, 1, &unit).unwrap(),
            vec!["観…"]
        );
        assert_eq!(wrap("観光戦略", &[false; 4], 1.5, 1, &unit), None);
    }

    /// A cell of `w`×`h` at the origin.
    fn cell<'a>(w: f64, h: f64, name: &'a str, figures: &'a [String]) -> CellText<'a> {
        CellText {
            rect: Rect::new(0.0, 0.0, w, h),
            name,
            figures,
        }
    }

    #[test]
    fn a_hand_computed_plan() {
        let figs = ["2,420万円", "0.6%", "6事業"].map(String::from).to_vec();
        let cells = [
            // Large: 200 − 16 = 184 px wide (11 em at 16 px), 120 − 16 = 104 px high (4 lines).
            // The figures joined, 13 em × 16 = 208 > 184, do not fit; one a line (7 em) they
            // would leave one line, too few for the whole name: the name alone, whole, broken
            // after 「・」 (the furthest break within 11 em).
            cell(200.0, 120.0, "創業者チャレンジ支援・育成事業", &figs),
            // Large, wide enough for the figures: 300 − 16 = 284 ≥ 208 (17 em); the name's 15 em
            // on one line, then both figure lines.
            cell(300.0, 120.0, "創業者チャレンジ支援・育成事業", &figs),
            // Medium: 100 − 12 = 88 px (6 em at 13 px), 60 − 12 = 48 px (2 lines): three figure
            // lines do not fit in two, so the name takes both lines, broken before 対策 (6 em).
            cell(100.0, 60.0, "中小企業金融対策事業", &figs),
            // Small: 50 − 8 = 42 px (3 em at 11 px), one line: "雇用…".
            cell(50.0, 24.0, "雇用対策課", &[]),
            // Too small for a name: numbered 1; then no area: no number; then numbered 2.
            cell(40.0, 24.0, "観光政策課", &[]),
            cell(0.0, 24.0, "工事契約課", &[]),
            cell(300.0, 10.0, "経済政策課", &[]),
        ];
        let p = plan(&cells, rule_breaks, &em);
        // (type size, name lines, figure lines, number) per cell.
        type Seen<'a> = (Option<usize>, Vec<&'a str>, usize, Option<u16>);
        let got: Vec<Seen> = p
            .iter()
            .map(|c| match &c.label {
                Some(l) => (
                    Some(l.size),
                    l.name.iter().map(String::as_str).collect(),
                    l.figures.len(),
                    c.number,
                ),
                None => (None, vec![], 0, c.number),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(0), vec!["創業者チャレンジ支援・", "育成事業"], 0, None),
                (Some(0), vec!["創業者チャレンジ支援・育成事業"], 2, None),
                (Some(1), vec!["中小企業金融", "対策事業"], 0, None),
                (Some(2), vec!["雇用…"], 0, None),
                (None, vec![], 0, Some(1)),
                (None, vec![], 0, None),
                (None, vec![], 0, Some(2)),
            ]
        );
        assert_eq!(number_text(2), "②");
    }

    #[test]
    fn degenerate_cells() {
        // No cells; an empty name; one huge cell; a cell wide but 23 px tall.
        assert!(plan(&[], rule_breaks, &em).is_empty());
        let p = plan(&[cell(100.0, 100.0, "", &[])], rule_breaks, &em);
        assert_eq!((p[0].label.is_none(), p[0].number), (true, Some(1)));
        let figs = vec!["37.4億円".to_string(), "100.0%".to_string()];
        let p = plan(&[cell(4000.0, 3000.0, "全体", &figs)], rule_breaks, &em);
        let l = p[0].label.as_ref().unwrap();
        assert_eq!((l.size, l.name.clone()), (0, vec!["全体".to_string()]));
        assert_eq!(l.figures, vec!["37.4億円・100.0%"]);
        let p = plan(&[cell(400.0, 21.0, "観光", &[])], rule_breaks, &em);
        assert_eq!(p[0].number, Some(1));
        // Same input, same plan.
        let cells = [cell(
            120.0,
            50.0,
            "物価高騰対策プレミアム付商品券発行支援事業",
            &[],
        )];
        assert_eq!(
            plan(&cells, rule_breaks, &em),
            plan(&cells, rule_breaks, &em)
        );
    }

    #[test]
    fn every_cell_24_px_tall_and_three_characters_wide_has_a_name() {
        // Over a range of sizes and the longest names of the data.
        for name in [
            "くまもと森都心プラザ管理運営経費",
            "Sustainable growth of small enterprises",
            "課",
        ] {
            for w in (41..200).step_by(7) {
                for h in (24..120).step_by(5) {
                    let c = [cell(f64::from(w), f64::from(h), name, &[])];
                    let p = plan(&c, rule_breaks, &estimated_width);
                    assert!(p[0].label.is_some(), "{name} in {w}x{h}");
                }
            }
        }
    }

    /// tests/golden/segmenter-words.txt holds `Intl.Segmenter`'s words (ja for the data's names,
    /// en for the English titles) as Node 20's ICU gives them, one name a line, words between
    /// "|": made with `[...new Intl.Segmenter('ja', {granularity: 'word'}).segment(name)]`. With
    /// the phrase rules, the native rules allow exactly the same breaks in every name. (The
    /// browser test checks the live segmenter of Chromium the same way, label by label.)
    #[test]
    fn native_rules_break_where_the_segmenter_does() {
        let text = include_str!("../../tests/golden/segmenter-words.txt");
        let mut checked = 0;
        for l in text.lines() {
            let words: Vec<&str> = l.split('|').collect();
            let name: String = words.concat();
            let chars: Vec<char> = name.chars().collect();
            let starts: Vec<usize> = words
                .iter()
                .scan(0, |at, w| {
                    *at += w.chars().count();
                    Some(*at)
                })
                .collect();
            assert_eq!(
                opportunities(&chars, &starts),
                opportunities(&chars, &rule_breaks(&name)),
                "{l}"
            );
            checked += 1;
        }
        assert_eq!(checked, 100);
    }
}
