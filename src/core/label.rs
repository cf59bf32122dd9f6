//! Fitting labels into treemap cells. Japanese has no spaces, so lines may break between any two
//! characters, except that closing punctuation never starts a line (禁則). Text is never cut
//! mid-glyph: a line that does not fit ends in "…", or the label is left out.
//!
//! Widths come from a `measure` function (the canvas' own text metrics in the app, a fixed
//! width per character in tests), so this stays pure.

/// Characters that must not begin a line.
const NO_LINE_START: &[char] = &[
    '、', '。', '，', '．', '）', '」', '』', '】', '〉', '》', '・', 'ー', '）', '！', '？', ',',
    '.', ')', '々',
];

const ELLIPSIS: &str = "…";

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`, where `width_of`
/// gives each character's advance (line widths are sums, so each character is measured once).
/// When the text does not fit, the last line ends in "…". Returns `None` when not even one
/// character (or the ellipsis) fits on a line.
pub fn wrap(
    text: &str,
    max_width: f64,
    max_lines: usize,
    width_of: &impl Fn(char) -> f64,
) -> Option<Vec<String>> {
    if max_lines == 0 || text.is_empty() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let widths: Vec<f64> = chars.iter().map(|&c| width_of(c)).collect();
    let ellipsis: f64 = ELLIPSIS.chars().map(width_of).sum();
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let rest_width: f64 = widths[start..].iter().sum();
        if lines.len() + 1 == max_lines {
            // Last line allowed: the rest, or as much as fits followed by "…".
            if rest_width <= max_width {
                lines.push(chars[start..].iter().collect());
            } else {
                let mut used = 0.0;
                let mut end = start;
                while end < chars.len() && used + widths[end] + ellipsis <= max_width {
                    used += widths[end];
                    end += 1;
                }
                if end == start {
                    return None;
                }
                lines.push(chars[start..end].iter().collect::<String>() + ELLIPSIS);
            }
            return Some(lines);
        }
        if widths[start] > max_width {
            return None;
        }
        let mut used = widths[start];
        let mut end = start + 1;
        while end < chars.len() && used + widths[end] <= max_width {
            used += widths[end];
            end += 1;
        }
        // Keep closing punctuation with the line before it.
        while end < chars.len() && end > start + 1 && NO_LINE_START.contains(&chars[end]) {
            end -= 1;
        }
        lines.push(chars[start..end].iter().collect());
        start = end;
    }
    Some(lines)
}

/// A label laid out for one cell: font size and lines, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct CellLabel {
    pub font_px: f64,
    pub line_height: f64,
    /// Lines of the name; then the figures line(s).
    pub name: Vec<String>,
    pub figures: Vec<String>,
}

/// Fits name and figures (e.g. "2,420万円", "0.6%") into a cell of `width`×`height` CSS pixels
/// with `padding`, trying each font size in `sizes` (largest first). The figures are kept whole;
/// the name wraps onto as many lines as there is room for. A size that shows the whole name wins
/// over a larger one that cuts it. `None` when nothing readable fits.
pub fn fit(
    name: &str,
    figures: &[String],
    width: f64,
    height: f64,
    padding: f64,
    sizes: &[f64],
    width_at: &impl Fn(char, f64) -> f64,
) -> Option<CellLabel> {
    let inner_w = width - 2.0 * padding;
    let inner_h = height - 2.0 * padding;
    let mut cut: Option<CellLabel> = None;
    for &px in sizes {
        let line_height = (px * 1.3).ceil();
        let width_of = |c: char| width_at(c, px);
        let measure = |s: &str| s.chars().map(width_of).sum::<f64>();
        let max_lines = (inner_h / line_height).floor() as usize;
        if max_lines < 2 {
            continue;
        }
        // As many figures as fit whole, one per line, after at least one line of name.
        let fitting: Vec<String> = figures
            .iter()
            .take(max_lines - 1)
            .take_while(|f| measure(f) <= inner_w)
            .cloned()
            .collect();
        if fitting.is_empty() && !figures.is_empty() {
            continue;
        }
        let name_lines = max_lines - fitting.len();
        if let Some(lines) = wrap(name, inner_w, name_lines, &width_of) {
            // A name cut to one character and "…" says nothing: try a smaller size.
            if lines.len() == 1 && lines[0].chars().count() <= 2 && name.chars().count() > 2 {
                continue;
            }
            let whole = lines.concat() == name;
            let label = CellLabel {
                font_px: px,
                line_height,
                name: lines,
                figures: fitting,
            };
            if whole {
                return Some(label);
            }
            cut.get_or_insert(label);
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide (full-width text behaves so).
    fn unit(_: char) -> f64 {
        1.0
    }

    fn width(s: &str) -> f64 {
        s.chars().map(unit).sum()
    }

    #[test]
    fn wraps_between_any_two_characters() {
        assert_eq!(
            wrap("観光戦略経費", 3.0, 5, &unit).unwrap(),
            vec!["観光戦", "略経費"]
        );
        assert_eq!(wrap("観光", 3.0, 5, &unit).unwrap(), vec!["観光"]);
    }

    #[test]
    fn closing_punctuation_stays_on_its_line() {
        // "事業（政策）": the ）must not start a line.
        assert_eq!(
            wrap("魅力（政策）", 5.0, 3, &unit).unwrap(),
            vec!["魅力（政", "策）"]
        );
        assert_eq!(
            wrap("ab、cd", 2.0, 3, &unit).unwrap(),
            vec!["a", "b、", "cd"]
        );
    }

    #[test]
    fn too_long_ends_in_ellipsis_never_mid_glyph() {
        assert_eq!(
            wrap("中小企業金融対策事業", 4.0, 2, &unit).unwrap(),
            vec!["中小企業", "金融対…"]
        );
        assert_eq!(wrap("中小企業", 0.5, 2, &unit), None);
        assert_eq!(wrap("中小企業", 1.0, 1, &unit), None); // "…" alone says nothing
        let lines = wrap("あいうえおかきくけこ", 3.0, 2, &unit).unwrap();
        assert!(lines.iter().all(|l| width(l) <= 3.0), "{lines:?}");
    }

    #[test]
    fn fit_prefers_the_largest_size_that_shows_name_and_figures() {
        let figures = vec!["2,420万円".to_string(), "0.6%".to_string()];
        let at = |c: char, px: f64| unit(c) * px;
        // 200×100 cell: at 16 px, lines are 21 px high, 4 lines fit, 11 characters wide.
        let l = fit(
            "創業者チャレンジ支援・育成事業",
            &figures,
            200.0,
            100.0,
            6.0,
            &[16.0, 13.0, 11.0],
            &at,
        )
        .unwrap();
        assert_eq!(l.font_px, 16.0);
        assert_eq!(l.figures, figures);
        assert_eq!(l.name, vec!["創業者チャレンジ支援・", "育成事業"]);
        // 120×60: at 16 px, 2 lines of 6 cut the 20 characters; at 11 px 3 lines of 9 do not.
        let name = "中小企業金融対策事業".repeat(2);
        let l = fit(&name, &[], 120.0, 60.0, 6.0, &[16.0, 11.0], &at).unwrap();
        assert_eq!((l.font_px, l.name.concat()), (11.0, name));
        // 13 characters: cut by two at 16 px (11 + "…" in 2 lines of 6), whole at 11 px: 11 px wins.
        let name = "中小企業金融対策事業経費等";
        let l = fit(name, &[], 120.0, 60.0, 6.0, &[16.0, 11.0], &at).unwrap();
        assert_eq!((l.font_px, l.name.concat()), (11.0, name.to_string()));
        // Cut at every size: the largest, cut.
        let l = fit(&"事".repeat(40), &[], 120.0, 60.0, 6.0, &[16.0, 11.0], &at).unwrap();
        assert_eq!(l.font_px, 16.0);
        assert!(l.name.last().unwrap().ends_with('…'));
        // A cell too small for anything readable gets no label.
        assert_eq!(
            fit(
                "創業者チャレンジ支援・育成事業",
                &figures,
                30.0,
                20.0,
                6.0,
                &[16.0, 11.0],
                &at
            ),
            None
        );
    }
}
