//! The frame of the chart picture (the PNG and SVG downloads): what a reader of a document needs
//! around the chart to know what it shows: the title, the level (breadcrumbs), the conditions in
//! words, the total and the level's figures, the legend, the source with its as-of date and the
//! date the picture was made. One home for the words and the layout (what goes where, at which
//! size, how long texts wrap), so the canvas and the SVG draw the same frame.
//!
//! Units are CSS px; the canvas draws at twice them. Widths are `label::estimated_width` (CJK one
//! em, ASCII by a wide font's table), so a line fitted here fits in the system fonts; the canvas
//! still draws each line with a maximum width.

use super::colour::{self, Rgb, DIM_INK, INK};
use super::conditions;
use super::legend::{self, Legend};
use super::outside;
use super::strings::Strings;
use super::summary::Summary;
use crate::core::chart::Level;
use crate::core::decimal;
use crate::core::filter::Filter;
use crate::core::label::{
    estimated_width, node_figures, node_name, number_text, opportunities, wrap, CellPlan,
    WordBreaks,
};
use crate::core::model::Budget;
use crate::core::picture::{Cell, FONT_FAMILY};
use crate::core::svg;
use crate::core::treemap::Rect;
use crate::core::view_state::View;

/// The space around the content and between the frame's parts.
pub const MARGIN: f64 = 24.0;
const GAP: f64 = 14.0;
/// The chart's width in the picture: wide enough for labels at their largest size in most
/// cells, and a width that documents and slides take at 2× without scaling much.
pub const CHART_WIDTH: f64 = 952.0;
/// The chart keeps the shape it has on screen (so its cells sit where the reader saw them),
/// within these bounds of height ÷ width.
const MIN_SHAPE: f64 = 0.45;
const MAX_SHAPE: f64 = 1.4;
/// The shape when the screen's is not known.
const DEFAULT_SHAPE: f64 = 0.6;

/// The chart box of the picture for a chart of `width`×`height` on screen.
pub fn chart_size(width: f64, height: f64) -> (f64, f64) {
    let shape = if width > 0.0 && height > 0.0 {
        (height / width).clamp(MIN_SHAPE, MAX_SHAPE)
    } else {
        DEFAULT_SHAPE
    };
    (CHART_WIDTH, (CHART_WIDTH * shape).round())
}

/// A kind of text in the frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub px: f64,
    pub line_height: f64,
    pub bold: bool,
    pub colour: Rgb,
    /// At most this many lines; the last is cut with "…" beyond.
    pub max_lines: usize,
}

pub const TITLE: Style = Style {
    px: 22.0,
    line_height: 30.0,
    bold: true,
    colour: INK,
    max_lines: 3,
};
pub const BODY: Style = Style {
    px: 15.0,
    line_height: 22.0,
    bold: false,
    colour: INK,
    max_lines: 6,
};
pub const SMALL: Style = Style {
    px: 13.0,
    line_height: 19.0,
    bold: false,
    colour: INK,
    max_lines: 4,
};
pub const FOOT: Style = Style {
    colour: DIM_INK,
    ..SMALL
};

/// One line of text, drawn from `x` on the baseline `y`, no wider than `max_width`.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub max_width: f64,
    pub style: Style,
    pub text: String,
}

/// A legend's colour square.
#[derive(Clone, Debug, PartialEq)]
pub struct Swatch {
    pub rect: Rect,
    pub colour: Rgb,
}

/// The laid-out frame: its size, where the chart goes, its lines of text and swatches. The
/// background is white (the chart's cells are drawn on white in the picture, whatever the
/// screen's colour scheme).
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub chart: Rect,
    pub texts: Vec<Text>,
    pub swatches: Vec<Swatch>,
}

/// The background of the picture and the gaps between its cells.
pub const PAPER: Rgb = (255, 255, 255);

/// What the frame says, before it is laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    pub title: String,
    /// 「表示している階層：全体 › 方向性2 › …」
    pub path: String,
    /// 「条件：キーワード：観光」, or that nothing narrows the view.
    pub conditions: String,
    /// The total of the dataset, then (drilled or filtered) the level's figures.
    pub figures: Vec<String>,
    pub legend: Legend,
    /// With a filter, the colour of a cell it does not match (set back towards the paper) and
    /// what it means, as one more entry of the legend.
    pub faded: Option<(Rgb, String)>,
    /// The key to the numbered cells (too small for their names): 「① 地場企業振興事業 66.8万円、…」,
    /// empty when no cell is numbered.
    pub numbered: String,
    /// 「出典：…（2023-03-31時点）」
    pub source: String,
    /// 「作成日：2026-12-02」
    pub made_on: String,
}

/// The words of the frame of `level`, shown in `view` under `filter` with the label plan
/// `plans` (for the numbered cells), made on `today`.
pub fn words(
    budget: &Budget,
    level: &Level,
    view: View,
    filter: &Filter,
    plans: &[CellPlan],
    s: &Strings,
    today: &str,
) -> Words {
    let labelled = |label: &str, value: &str| format!("{label}{}{value}", s.colon());
    let summary = Summary::of(budget);
    let mut figures = vec![format!(
        "{} {}{}",
        s.total_label,
        s.amount(summary.total),
        s.total_detail(&summary)
    )];
    // The same line as above the chart on screen.
    if !filter.is_empty() {
        figures.push(s.level_matches(
            level.matched.measures,
            (!level.only_matches).then_some(level.measures),
            level.matched.total,
        ));
    } else if level.crumbs.len() > 1 {
        figures.push(s.level_figures(level.measures, level.total));
    }
    let numbered: Vec<String> = level
        .nodes
        .iter()
        .zip(plans)
        .filter_map(|(node, plan)| {
            let n = plan.number?;
            let figures = node_figures(node, level.total, s, budget);
            Some(format!(
                "{} {} {}",
                number_text(n),
                node_name(node, s),
                figures.first().map_or("", String::as_str)
            ))
        })
        .collect();
    let faded = level
        .nodes
        .iter()
        .enumerate()
        .find(|(_, n)| !n.matches())
        .map(|(i, n)| {
            let fill = colour::fill_for(budget, &n.key, i);
            (colour::dimmed(fill, PAPER), s.legend_faded.to_string())
        });
    let m = &budget.meta;
    // Texts from a link or a file are drawn with their bidi controls shown (`outside`).
    Words {
        title: outside::visible(&s.heading(m)),
        path: outside::visible(&labelled(
            s.level_shown,
            &conditions::path_in_words(level, s),
        )),
        conditions: outside::visible(&labelled(
            s.conditions_label,
            &conditions::in_words(filter, s),
        )),
        figures,
        legend: legend::legend(budget, level, view, s),
        faded,
        numbered: outside::visible(&numbered.join(s.list_sep())),
        source: outside::visible(&labelled(s.source, &s.source_as_of(&m.source, &m.as_of))),
        made_on: labelled(s.made_on, today),
    }
}

/// Lays out `words` around a chart of `chart_width`×`chart_height`, breaking lines where
/// `breaks` allows (`Intl.Segmenter` in the browser, `label::rule_breaks` natively).
pub fn layout(words: &Words, chart_width: f64, chart_height: f64, breaks: WordBreaks) -> Frame {
    let width = chart_width + 2.0 * MARGIN;
    let inner = chart_width;
    let mut texts = Vec::new();
    let mut swatches = Vec::new();
    let mut y = MARGIN;
    let block = |texts: &mut Vec<Text>, y: &mut f64, text: &str, style: Style| {
        for line in lines(text, style, inner, breaks) {
            texts.push(Text {
                x: MARGIN,
                y: baseline(*y, style),
                max_width: inner,
                style,
                text: line,
            });
            *y += style.line_height;
        }
    };
    block(&mut texts, &mut y, &words.title, TITLE);
    y += 4.0;
    block(&mut texts, &mut y, &words.path, BODY);
    block(&mut texts, &mut y, &words.conditions, BODY);
    for f in &words.figures {
        block(&mut texts, &mut y, f, BODY);
    }
    y += GAP;
    let chart = Rect::new(MARGIN, y, MARGIN + chart_width, y + chart_height);
    y = chart.y1 + GAP;

    let caption = Style {
        bold: true,
        ..SMALL
    };
    block(&mut texts, &mut y, words.legend.caption, caption);
    // Swatches flow in rows: a square, its direction, and the next one after a space.
    let square = 12.0;
    let after_square = 6.0;
    let between = 18.0;
    let mut x = MARGIN;
    let mut row_lines = 0usize;
    let entries = words.legend.swatches.iter().map(|sw| (sw.colour, &sw.text));
    for (colour, text) in entries.chain(words.faded.iter().map(|(c, t)| (*c, t))) {
        let text_width = measure(text, SMALL);
        let room = inner - square - after_square;
        let natural = square + after_square + text_width.min(room);
        if x > MARGIN && x + natural > MARGIN + inner {
            y += SMALL.line_height * row_lines.max(1) as f64 + 4.0;
            x = MARGIN;
            row_lines = 0;
        }
        let top = y + (SMALL.line_height - square) / 2.0;
        swatches.push(Swatch {
            rect: Rect::new(x, top, x + square, top + square),
            colour,
        });
        let mut line_y = y;
        // A row's first entry may take the whole row; any other fits beside it (see above).
        let lines = lines(text, SMALL, room, breaks);
        row_lines = row_lines.max(lines.len());
        for line in lines {
            texts.push(Text {
                x: x + square + after_square,
                y: baseline(line_y, SMALL),
                max_width: room,
                style: SMALL,
                text: line,
            });
            line_y += SMALL.line_height;
        }
        x += natural + between;
    }
    if row_lines > 0 {
        y += SMALL.line_height * row_lines as f64;
    }
    if !words.numbered.is_empty() {
        y += 4.0;
        block(&mut texts, &mut y, &words.numbered, SMALL);
    }
    for note in &words.legend.joint_notes {
        block(&mut texts, &mut y, note, SMALL);
    }
    y += GAP;
    block(&mut texts, &mut y, &words.source, FOOT);
    block(&mut texts, &mut y, &words.made_on, FOOT);
    y += MARGIN - (FOOT.line_height - FOOT.px) / 2.0;
    Frame {
        width,
        height: y.ceil(),
        chart,
        texts,
        swatches,
    }
}

/// The baseline of a line whose box starts at `top`: the text's em box centred in the line.
fn baseline(top: f64, style: Style) -> f64 {
    top + (style.line_height - style.px) / 2.0 + style.px * 0.88
}

/// A text's width on one line at `style`.
pub fn measure(text: &str, style: Style) -> f64 {
    text.chars().map(|c| width_of(c, style)).sum()
}

fn width_of(c: char, style: Style) -> f64 {
    estimated_width(c, style.px)
}

/// `text` broken into lines no wider than `max_width`: at phrase boundaries where a phrase fits
/// a line, anywhere inside a phrase that is wider than a line (a document must not lose words
/// to "…" as a cell does); beyond `style.max_lines`, the last line ends in "…".
pub fn lines(text: &str, style: Style, max_width: f64, breaks: WordBreaks) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut ok = opportunities(&chars, &breaks(text));
    let mut start = 0;
    for end in 1..=chars.len() {
        if end == chars.len() || ok[end] {
            let wide: f64 = chars[start..end].iter().map(|&c| width_of(c, style)).sum();
            if wide > max_width {
                ok[start + 1..end].iter_mut().for_each(|o| *o = true);
            }
            start = end;
        }
    }
    wrap(text, &ok, max_width, style.max_lines, &|c| {
        width_of(c, style)
    })
    .unwrap_or_default()
}

/// The frame as an SVG document of `frame.width`×`frame.height` px, with the chart's `cells`
/// (`core::svg`, on paper) in the frame's chart box. Text is `<text>` in the system fonts, so
/// the vector picture stays sharp and its words searchable.
/// A number in the picture's SVG: to a thousandth of a px (written without the float formatter).
fn n(v: f64) -> String {
    decimal::short(v, 3)
}

pub fn svg(frame: &Frame, cells: &[Cell]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"{}\"><style>{}</style><rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        svg::escape(FONT_FAMILY),
        // The cells' text classes, for the chart only (the frame's lines sit on baselines).
        svg::style(".chart "),
        svg::hex(PAPER),
        w = n(frame.width),
        h = n(frame.height),
    );
    for t in &frame.texts {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{} fill=\"{}\">{}</text>",
            n(t.x),
            decimal::fixed(t.y, 1),
            n(t.style.px),
            if t.style.bold {
                " font-weight=\"bold\""
            } else {
                ""
            },
            svg::hex(t.style.colour),
            svg::escape(&t.text)
        );
    }
    for s in &frame.swatches {
        let r = &s.rect;
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            n(r.x0),
            decimal::fixed(r.y0, 1),
            n(r.width()),
            n(r.height()),
            svg::hex(s.colour)
        );
    }
    let _ = write!(
        out,
        "<g class=\"chart\" fill=\"{}\" transform=\"translate({} {})\">{}</g></svg>",
        svg::hex(INK),
        n(frame.chart.x0),
        n(frame.chart.y0),
        svg::body(cells, PAPER, &[])
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::chart::level;
    use crate::core::embedded_budget;
    use crate::core::filter::SearchIndex;
    use crate::core::label::rule_breaks;
    use crate::core::model::InitiativeId;
    use crate::core::present::strings::{EN, JA};
    use crate::core::view_state::Drill;

    fn view(query: &str, drill: Drill, s: &Strings) -> (Budget, Level, Filter) {
        let b = embedded_budget().unwrap();
        let filter = Filter {
            query: query.into(),
            ..Filter::default()
        };
        let index = SearchIndex::new(&b, crate::core::text::nfkc_lower);
        let selection = filter.apply(&b, &index);
        let l = level(&b, &selection, false, View::Directions, &drill, 0, s.top);
        (b, l, filter)
    }

    #[test]
    fn the_words_of_a_drilled_search() {
        let (b, l, f) = view("観光", Drill::Initiative(InitiativeId(4)), &JA);
        let w = words(&b, &l, View::Directions, &f, &[], &JA, "2026-12-02");
        assert_eq!(w.title, "熊本市 中小企業振興 令和五年度 事業一覧");
        assert!(
            w.path.starts_with("表示している階層：全体 › "),
            "{}",
            w.path
        );
        assert!(
            w.path
                .ends_with(&b.initiative(InitiativeId(4)).unwrap().title),
            "{}",
            w.path
        );
        assert_eq!(w.conditions, "条件：キーワード：観光");
        assert_eq!(w.figures[0], "予算総額 37.4億円（3,739,426千円、59事業）");
        assert_eq!(
            w.figures[1],
            JA.level_matches(l.matched.measures, Some(14), l.matched.total)
        );
        assert_eq!(w.legend.swatches.len(), 1);
        assert_eq!(
            w.source,
            format!("出典：{}（{}時点）", b.meta.source, b.meta.as_of)
        );
        assert_eq!(w.made_on, "作成日：2026-12-02");

        // At the top with nothing narrowed: the total alone, and the conditions say so.
        let (b, l, f) = view("", Drill::Top, &EN);
        let w = words(&b, &l, View::Directions, &f, &[], &EN, "2026-12-02");
        assert_eq!(w.conditions, format!("Conditions: {}", EN.conditions_none));
        assert_eq!(w.path, "Level shown: All");
        assert_eq!(w.figures.len(), 1);
        assert_eq!(w.faded, None, "nothing is faded without a filter");
        assert!(w.figures[0].starts_with(EN.total_label), "{}", w.figures[0]);
        assert_eq!(w.made_on, "Made on: 2026-12-02");
    }

    #[test]
    fn everything_inside_the_frame_in_reading_order() {
        let (b, l, f) = view("観光", Drill::Initiative(InitiativeId(4)), &JA);
        let w = words(&b, &l, View::Directions, &f, &[], &JA, "2026-12-02");
        let (cw, ch) = chart_size(1120.0, 675.0);
        assert_eq!((cw, ch), (952.0, 574.0));
        let frame = layout(&w, cw, ch, rule_breaks);
        assert_eq!(frame.width, cw + 2.0 * MARGIN);
        assert_eq!(
            frame.chart,
            Rect::new(MARGIN, frame.chart.y0, MARGIN + cw, frame.chart.y0 + ch)
        );
        for t in &frame.texts {
            assert!(
                t.x >= MARGIN && t.x + measure(&t.text, t.style) <= frame.width - MARGIN + 0.01,
                "{t:?}"
            );
            assert!(t.y > 0.0 && t.y < frame.height, "{t:?}");
        }
        let at = |needle: &str| {
            frame
                .texts
                .iter()
                .find(|t| t.text.contains(needle))
                .unwrap_or_else(|| panic!("{needle} is drawn"))
                .y
        };
        // Above the chart: title, level, conditions, figures; below: legend, source, date.
        assert!(at("熊本市") < at("表示している階層"));
        assert!(at("表示している階層") < at("条件："));
        assert!(at("条件：") < at("予算総額"));
        assert!(at("この階層で該当") < frame.chart.y0);
        assert!(at(JA.legend) > frame.chart.y1);
        assert!(at("出典") > at(JA.legend));
        assert!(at("作成日") > at("出典"));
        assert!(at("作成日") + MARGIN <= frame.height + 0.01);
        // The direction's colour, then (a search is on) the faded colour of a cell it does not
        // match, with what it means.
        assert_eq!(frame.swatches.len(), 2);
        assert_eq!(frame.swatches[0].colour, w.legend.swatches[0].colour);
        assert!(frame.swatches[0].rect.y0 > frame.chart.y1);
        let (faded, meaning) = w.faded.clone().expect("a faded entry with a search");
        assert_eq!(meaning, JA.legend_faded);
        let i = l.nodes.iter().position(|n| !n.matches()).unwrap();
        let fill = colour::fill_for(&b, &l.nodes[i].key, i);
        assert_eq!(faded, colour::dimmed(fill, PAPER));
        assert_eq!(frame.swatches[1].colour, faded);
        assert!(at(JA.legend_faded) > frame.chart.y1);
        // Nothing is lost: every word is drawn, on one line each here.
        let all: String = frame.texts.iter().map(|t| t.text.as_str()).collect();
        for part in [&w.title, &w.path, &w.conditions, &w.source, &w.made_on] {
            assert!(all.contains(part.as_str()), "{part}");
        }
    }

    #[test]
    fn long_conditions_wrap_inside_the_frame_and_keep_every_word() {
        let long = "観光 ".repeat(60);
        let (b, l, f) = view(&long, Drill::Top, &JA);
        let w = words(&b, &l, View::Directions, &f, &[], &JA, "2026-12-02");
        let frame = layout(&w, 600.0, 400.0, rule_breaks);
        let cond: Vec<&Text> = frame
            .texts
            .iter()
            .filter(|t| t.y > frame.texts[0].y && t.y < frame.chart.y0)
            .filter(|t| t.text.contains("観光"))
            .collect();
        assert!(cond.len() >= 3, "{cond:?}");
        let joined: String = cond
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined.matches("観光").count(), 60);
        assert!(cond.iter().all(|t| measure(&t.text, t.style) <= 600.0));
        // Each line is one baseline below the other, and the chart starts below them all.
        for pair in cond.windows(2) {
            assert!((pair[1].y - pair[0].y - BODY.line_height).abs() < 1e-9);
        }
        // A word wider than a line is broken inside, not cut off.
        let word = "あ".repeat(100);
        let broken = lines(&word, BODY, 300.0, rule_breaks);
        assert_eq!(broken.concat(), word);
        assert!(broken.iter().all(|l| measure(l, BODY) <= 300.0));
        // Beyond the lines a style allows, the last ends in "…".
        let cut = lines(&"あ".repeat(1000), BODY, 300.0, rule_breaks);
        assert_eq!(cut.len(), BODY.max_lines);
        assert!(cut.last().unwrap().ends_with('…'));
    }

    #[test]
    fn the_legend_wraps_into_rows_and_the_picture_keeps_the_screens_shape() {
        let (b, l, f) = view("", Drill::Top, &EN);
        let w = words(&b, &l, View::Directions, &f, &[], &EN, "2026-12-02");
        let frame = layout(&w, 400.0, 300.0, rule_breaks);
        assert_eq!(frame.swatches.len(), b.directions.len());
        let rows: std::collections::BTreeSet<i64> =
            frame.swatches.iter().map(|s| s.rect.y0 as i64).collect();
        assert!(
            rows.len() > 1,
            "five directions do not fit one row of 400 px"
        );
        for s in &frame.swatches {
            assert!(s.rect.x0 >= MARGIN && s.rect.x1 <= frame.width - MARGIN);
        }
        // A phone's tall chart stays tall, a missing size gets the default shape.
        assert_eq!(
            chart_size(358.0, 447.0),
            (952.0, (952.0f64 * 447.0 / 358.0).round())
        );
        assert_eq!(chart_size(0.0, 0.0), (952.0, (952.0f64 * 0.6).round()));
        assert_eq!(chart_size(1000.0, 100.0).1, (952.0f64 * 0.45).round());
    }

    #[test]
    fn the_svg_draws_the_same_frame_and_escapes_outside_text() {
        let (b, l, f) = view("<b>&\"観光\"", Drill::Initiative(InitiativeId(4)), &JA);
        let values: Vec<f64> = l.drawn().iter().map(|&v| v as f64).collect();
        let rects = layout_cells(&values, 600.0, 400.0);
        let (plans, _) = crate::core::label::level_plan(&b, &l, &rects, &JA, rule_breaks);
        let cells = crate::core::picture::cells(&b, &l, &rects, &plans, None, None);
        let w = words(&b, &l, View::Directions, &f, &plans, &JA, "2026-12-02");
        let frame = layout(&w, 600.0, 400.0, rule_breaks);
        // The numbered cells (too small for a name here) are named under the legend.
        let numbered: Vec<usize> = (0..plans.len())
            .filter(|&i| plans[i].number.is_some())
            .collect();
        assert!(!numbered.is_empty());
        for &i in &numbered {
            let n = &l.nodes[i];
            let key = format!("{} {} ", number_text(plans[i].number.unwrap()), n.label);
            assert!(w.numbered.contains(&key), "{key} in {}", w.numbered);
        }
        let key_line = frame
            .texts
            .iter()
            .find(|t| t.text.starts_with('①'))
            .expect("the key is drawn");
        assert!(key_line.y > frame.swatches[0].rect.y1);
        let out = svg(&frame, &cells);
        assert!(
            out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"648\""),
            "{out}"
        );
        assert!(out.ends_with("</g></svg>"));
        let cell_lines = out.matches(" class=\"n").count() + out.matches(" class=\"f").count();
        assert!(cell_lines > 0);
        assert_eq!(
            out.matches("<text ").count(),
            frame.texts.len() + cell_lines
        );
        assert_eq!(
            out.matches("</text>").count(),
            out.matches("<text ").count()
        );
        assert!(out.contains(">熊本市 中小企業振興 令和五年度 事業一覧</text>"));
        assert!(
            out.contains("条件：キーワード：&lt;b&gt;&amp;&quot;観光&quot;</text>"),
            "{out}"
        );
        assert!(!out.contains("<b>"));
        // The chart's cells, in the chart box, on paper; their text classes only inside it.
        assert!(out.contains(&format!(
            "transform=\"translate({} {})\">{}</g>",
            n(MARGIN),
            n(frame.chart.y0),
            svg::body(&cells, PAPER, &[])
        )));
        assert!(out.contains(".chart text{") && !out.contains("}text{"));
        for t in &frame.texts {
            assert!(out.contains(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
                n(t.x),
                decimal::fixed(t.y, 1),
                n(t.style.px)
            )));
        }
    }

    fn layout_cells(values: &[f64], w: f64, h: f64) -> Vec<Rect> {
        crate::core::treemap::layout(
            values,
            Rect::new(0.0, 0.0, w, h),
            crate::core::treemap::GOLDEN,
        )
    }
}
