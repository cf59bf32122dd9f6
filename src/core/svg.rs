//! A level's picture (`core::picture::Cell`s) as SVG: the build's prerendered chart and the
//! app's SVG download draw what the canvas (`ui::draw`) draws, from the same cells: the same
//! fills with the same 1 px gap, dimmed cells, the selected and highlighted rings, the label
//! plan's lines (bold names, figures) at the plan's type size, padding and line height, and the
//! numbers of small cells, in the same system fonts.
//!
//! Coordinates are CSS px rounded as the canvas rounds them at a pixel ratio of 1. Each cell is
//! a nested `<svg>` (its own viewport), so a label wider than estimated is clipped at the cell's
//! edge where the canvas squeezes it. Text styles are classes (`style`), so a page holding
//! several pictures says each font once. Every text is escaped, and text from the data loses
//! what could make it read as something else (bidi controls) or break the XML (control
//! characters).

use super::label::SCALE;
use super::picture::{
    Cell, FONT_FAMILY, HIGHLIGHT_INNER, HIGHLIGHT_RING, NUMBER_PX, SELECTED_RING,
};
use super::present::colour::{dimmed_text_on, text_on, Rgb, INK};
use super::present::outside::is_bidi_control;
use std::fmt::Write;

/// Where a cell leads (the prerendered chart's cells are links into the app) and what it is
/// called for a screen reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub href: String,
    pub name: String,
}

/// `#rrggbb`.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text for XML content and quoted attributes: markup characters as references; bidi
/// controls and characters XML 1.0 does not allow dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{FFFE}' | '\u{FFFF}')
                || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate: whole px as integers, else one decimal (the canvas's text positions are
/// fractional; a tenth of a pixel is below what shows).
fn num(v: f64) -> String {
    // `+ 0.0` turns -0 into 0.
    let tenths = (v * 10.0).round() + 0.0;
    let places = if tenths % 10.0 == 0.0 { 0 } else { 1 };
    super::decimal::fixed(tenths / 10.0, places)
}

/// The text classes used by `body`, each rule prefixed by `scope` (a selector and a space, or
/// nothing): `n0`…`n2` name lines (bold) and `f0`…`f2` figure lines at the scale's three sizes.
pub fn style(scope: &str) -> String {
    let mut out = format!(
        "{scope}text{{font-family:{FONT_FAMILY};dominant-baseline:text-before-edge;white-space:pre}}"
    );
    for (i, size) in SCALE.iter().enumerate() {
        let px = super::decimal::short(size.font_px, 3);
        let _ = write!(
            out,
            "{scope}.n{i}{{font-weight:700;font-size:{px}px}}{scope}.f{i}{{font-size:{px}px}}"
        );
    }
    out
}

/// The cells as SVG elements, in cell order, for a picture whose gaps and background are
/// `gap`; the root `<svg>` is the caller's, with `fill` set to the ink (`INK`) and the classes
/// of `style` in scope. A cell with a link is wrapped in `<a>` named for screen readers.
pub fn body(cells: &[Cell], gap: Rgb, links: &[Option<Link>]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        let r = &cell.rect;
        if r.area() <= 0.0 {
            continue;
        }
        // The canvas's 1 px gap between neighbours, at a ratio of 1.
        let (x0, y0, x1, y1) = (
            r.x0.round() + 1.0,
            r.y0.round() + 1.0,
            r.x1.round() - 1.0,
            r.y1.round() - 1.0,
        );
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        let (w, h) = (x1 - x0, y1 - y0);
        let link = links.get(i).and_then(Option::as_ref);
        if let Some(l) = link {
            let _ = write!(
                out,
                "<a href=\"{}\" aria-label=\"{}\">",
                escape(&l.href),
                escape(&l.name)
            );
        }
        let fill = cell.drawn_fill(gap);
        let _ = write!(
            out,
            "<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            num(x0),
            num(y0),
            num(w),
            num(h),
            hex(fill)
        );
        if cell.selected {
            ring(&mut out, 0.0, w, h, SELECTED_RING, INK);
        }
        if cell.highlighted {
            // A double ring (dark outside, white inside), as on the canvas.
            ring(&mut out, 0.0, w, h, HIGHLIGHT_RING, INK);
            ring(
                &mut out,
                HIGHLIGHT_RING,
                w,
                h,
                HIGHLIGHT_INNER,
                (255, 255, 255),
            );
        }
        let ink = ink(cell, fill);
        // Text positions are the cell's own (r.x0, r.y0), relative to the gapped viewport.
        text(&mut out, cell, r.x0 - x0, r.y0 - y0, &ink);
        out.push_str("</svg>");
        if link.is_some() {
            out.push_str("</a>");
        }
    }
    out
}

/// The text colour on a cell of drawn colour `fill`, as an attribute (none for the root's `INK`).
fn ink(cell: &Cell, fill: Rgb) -> String {
    let ink = if cell.dimmed {
        dimmed_text_on(fill)
    } else {
        text_on(fill, INK)
    };
    if ink == INK {
        String::new()
    } else {
        format!(" fill=\"{}\"", hex(ink))
    }
}

/// A cell's label lines (or its number) in a viewport whose origin is (`-dx`, `-dy`) from the
/// cell's own top left corner.
fn text(out: &mut String, cell: &Cell, dx: f64, dy: f64, ink: &str) {
    if let Some(label) = &cell.label {
        let size = label.type_size();
        let mut y = dy + size.padding;
        let x = num(dx + size.padding);
        for (j, line) in label.name.iter().chain(&label.figures).enumerate() {
            let class = if j < label.name.len() { 'n' } else { 'f' };
            let _ = write!(
                out,
                "<text x=\"{x}\" y=\"{}\" class=\"{class}{}\"{ink}>{}</text>",
                num(y),
                label.size,
                escape(line)
            );
            y += size.line_height;
        }
    } else if let (Some(n), Some(px)) = (cell.number, cell.number_px()) {
        let smaller = if px < NUMBER_PX {
            format!(" font-size=\"{}\"", num(px))
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"n{}\"{smaller}{ink}>{}</text>",
            num(dx + 1.0),
            num(dy + 1.0),
            SCALE.len() - 1,
            escape(&super::label::number_text(n))
        );
    }
}

/// A ring of thickness `t` inside a `w`×`h` viewport, `inset` from its edge.
fn ring(out: &mut String, inset: f64, w: f64, h: f64, t: f64, colour: Rgb) {
    let at = inset + t / 2.0;
    let (rw, rh) = (w - 2.0 * at, h - 2.0 * at);
    if rw <= 0.0 || rh <= 0.0 {
        return;
    }
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
        num(at),
        num(at),
        num(rw),
        num(rh),
        hex(colour),
        num(t)
    );
}

/// Whether the canvas draws `cell` at all (at a pixel ratio of 1): it has area, and something is
/// left inside its 1 px gap.
pub fn drawn(cell: &Cell) -> bool {
    let r = &cell.rect;
    r.area() > 0.0 && r.x1.round() - r.x0.round() > 2.0 && r.y1.round() - r.y0.round() > 2.0
}

/// One size of a fluid picture: the cells laid out in a box of `width`×`height` CSS px, their
/// text shown while the class `class` is (the page's media queries choose it).
#[derive(Clone, Debug)]
pub struct Sized<'a> {
    pub class: &'a str,
    pub width: f64,
    pub height: f64,
    pub cells: &'a [Cell],
}

/// A percentage of `whole`, to a hundredth of a per cent.
fn pct(part: f64, whole: f64) -> String {
    let v = ((part / whole * 10000.0).round() + 0.0) / 100.0;
    // The shortest text of a value rounded to hundredths: its digits to two places.
    format!("{}%", super::decimal::short(v, 2))
}

/// One layout of a level for a box of one shape and any size, as elements for an `<svg>`
/// of width and height 100% without a viewBox (its user units are CSS px): each cell's
/// rectangle in per cent of the box (from the first size: a squarified layout scales with its
/// box), its 1 px gap a 2 px stroke of class `g` in `gap` (half of it outside the cell's
/// viewport, so clipped), and its text in px, never stretched, once per size in a `<g>` of that
/// size's class (of consecutive sizes' classes where their text is the same). The sizes are
/// the same level laid out at each size (same cells, in order).
pub fn fluid(sizes: &[Sized], gap: Rgb, links: &[Option<Link>]) -> String {
    let mut out = String::new();
    let Some(first) = sizes.first() else {
        return out;
    };
    let (bw, bh) = (first.width, first.height);
    if bw <= 0.0 || bh <= 0.0 {
        return out;
    }
    for (i, cell) in first.cells.iter().enumerate() {
        let r = &cell.rect;
        if !drawn(cell) {
            continue;
        }
        let link = links.get(i).and_then(Option::as_ref);
        if let Some(l) = link {
            let _ = write!(
                out,
                "<a href=\"{}\" aria-label=\"{}\">",
                escape(&l.href),
                escape(&l.name)
            );
        }
        let fill = cell.drawn_fill(gap);
        let _ = write!(
            out,
            "<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">",
            pct(r.x0, bw),
            pct(r.y0, bh),
            pct(r.width(), bw),
            pct(r.height(), bh)
        );
        let gap_stroke = format!("class=\"g\" stroke=\"{}\" stroke-width=\"2\"", hex(gap));
        // Rings as strokes centred on the viewport's edge (half clipped), widest first, under
        // the gap.
        let mut rings: Vec<(f64, Rgb)> = Vec::new();
        if cell.highlighted {
            rings.push((HIGHLIGHT_RING + HIGHLIGHT_INNER, (255, 255, 255)));
            rings.push((HIGHLIGHT_RING, INK));
        } else if cell.selected {
            rings.push((SELECTED_RING, INK));
        }
        if rings.is_empty() {
            let _ = write!(
                out,
                "<rect width=\"100%\" height=\"100%\" fill=\"{}\" {gap_stroke}/>",
                hex(fill)
            );
        } else {
            let _ = write!(
                out,
                "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
                hex(fill)
            );
            for (t, colour) in rings {
                let _ = write!(
                    out,
                    "<rect width=\"100%\" height=\"100%\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
                    hex(colour),
                    num(2.0 * (1.0 + t))
                );
            }
            let _ = write!(
                out,
                "<rect width=\"100%\" height=\"100%\" fill=\"none\" {gap_stroke}/>"
            );
        }
        let ink = ink(cell, fill);
        // Neighbouring sizes with the same text share one group (of both classes: the page
        // shows a size's class and hides the one before, so a group of consecutive classes
        // shows while any of them does).
        let mut groups: Vec<(String, String)> = Vec::new();
        for size in sizes {
            let mut lines = String::new();
            if let Some(c) = size.cells.get(i) {
                text(&mut lines, c, 0.0, 0.0, &ink);
            }
            match groups.last_mut() {
                Some((classes, last)) if *last == lines => {
                    classes.push(' ');
                    classes.push_str(size.class);
                }
                _ => groups.push((size.class.to_string(), lines)),
            }
        }
        for (classes, lines) in groups.iter().filter(|(_, l)| !l.is_empty()) {
            let _ = write!(out, "<g class=\"{}\">{lines}</g>", escape(classes));
        }
        out.push_str("</svg>");
        if link.is_some() {
            out.push_str("</a>");
        }
    }
    out
}

/// A whole SVG file of the picture at `width`×`height` CSS px on a background (and gaps) of
/// colour `gap`: the styles inside, no links.
pub fn document(cells: &[Cell], width: f64, height: f64, gap: Rgb) -> String {
    let (w, h) = (num(width.max(0.0)), num(height.max(0.0)));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" fill=\"{}\">\
         <style>{}</style><rect width=\"100%\" height=\"100%\" fill=\"{}\"/>{}</svg>",
        hex(INK),
        style(""),
        hex(gap),
        body(cells, gap, &[])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::label::CellLabel;
    use crate::core::treemap::Rect;

    const WHITE: Rgb = (255, 255, 255);

    fn cell(x0: f64, y0: f64, x1: f64, y1: f64) -> Cell {
        Cell {
            rect: Rect::new(x0, y0, x1, y1),
            fill: (0, 90, 156),
            label: None,
            selected: false,
            number: None,
            highlighted: false,
            dimmed: false,
        }
    }

    /// A small fixture: a labelled cell (white ink on a dark fill), a selected light cell with
    /// a name that needs escaping, a dimmed cell, a numbered cell, a highlighted one.
    fn fixture() -> Vec<Cell> {
        vec![
            Cell {
                label: Some(CellLabel {
                    size: 0,
                    name: vec!["創業支援".into(), "A & B".into()],
                    figures: vec!["1.2億円・32.1%".into(), "12事業".into()],
                }),
                ..cell(0.0, 0.0, 200.4, 120.0)
            },
            Cell {
                fill: (230, 159, 0),
                selected: true,
                label: Some(CellLabel {
                    size: 2,
                    name: vec!["<b>\u{202E}x".into()],
                    figures: vec![],
                }),
                ..cell(200.4, 0.0, 300.0, 60.6)
            },
            Cell {
                dimmed: true,
                fill: (230, 159, 0),
                label: Some(CellLabel {
                    size: 1,
                    name: vec!["観光".into()],
                    figures: vec!["9%".into()],
                }),
                ..cell(200.4, 60.6, 300.0, 120.0)
            },
            Cell {
                number: Some(3),
                ..cell(0.0, 120.0, 30.0, 130.0)
            },
            Cell {
                highlighted: true,
                ..cell(30.0, 120.0, 300.0, 130.0)
            },
        ]
    }

    #[test]
    fn golden_picture_of_a_small_fixture() {
        let svg = document(&fixture(), 300.0, 130.0, WHITE);
        let expected = concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"130\" viewBox=\"0 0 300 130\" fill=\"#111111\">",
            "<style>text{font-family:system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic UI', Meiryo, sans-serif;dominant-baseline:text-before-edge;white-space:pre}",
            ".n0{font-weight:700;font-size:16px}.f0{font-size:16px}.n1{font-weight:700;font-size:13px}.f1{font-size:13px}.n2{font-weight:700;font-size:11px}.f2{font-size:11px}</style>",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
            // 0: white ink on the dark blue, text at the cell's padding (8 px from 0, so 7 in
            // the gapped viewport), 21 px apart; the name's lines bold, "&" escaped.
            "<svg x=\"1\" y=\"1\" width=\"198\" height=\"118\"><rect width=\"100%\" height=\"100%\" fill=\"#005a9c\"/>",
            "<text x=\"7\" y=\"7\" class=\"n0\" fill=\"#ffffff\">創業支援</text>",
            "<text x=\"7\" y=\"28\" class=\"n0\" fill=\"#ffffff\">A &amp; B</text>",
            "<text x=\"7\" y=\"49\" class=\"f0\" fill=\"#ffffff\">1.2億円・32.1%</text>",
            "<text x=\"7\" y=\"70\" class=\"f0\" fill=\"#ffffff\">12事業</text></svg>",
            // 1: selected (a 3 px ring inside), dark ink (the root's), the markup escaped and
            // the bidi override dropped; 200.4 to 300 and 0 to 60.6 give 201 to 299 and 1 to 60
            // (the canvas's rounding, less the gap).
            "<svg x=\"201\" y=\"1\" width=\"98\" height=\"59\"><rect width=\"100%\" height=\"100%\" fill=\"#e69f00\"/>",
            "<rect x=\"1.5\" y=\"1.5\" width=\"95\" height=\"56\" fill=\"none\" stroke=\"#111111\" stroke-width=\"3\"/>",
            "<text x=\"3.4\" y=\"3\" class=\"n2\">&lt;b&gt;x</text></svg>",
            // 2: dimmed towards white (colour::dimmed of #e69f00), with the quieter ink.
            "<svg x=\"201\" y=\"62\" width=\"98\" height=\"57\"><rect width=\"100%\" height=\"100%\" fill=\"#e5dac0\"/>",
            "<text x=\"5.4\" y=\"4.6\" class=\"n1\" fill=\"#555555\">観光</text>",
            "<text x=\"5.4\" y=\"21.6\" class=\"f1\" fill=\"#555555\">9%</text></svg>",
            // 3: a number, smaller than 11 px in a 10 px tall cell.
            "<svg x=\"1\" y=\"121\" width=\"28\" height=\"8\"><rect width=\"100%\" height=\"100%\" fill=\"#005a9c\"/>",
            "<text x=\"0\" y=\"0\" class=\"n2\" font-size=\"8\" fill=\"#ffffff\">③</text></svg>",
            // 4: highlighted, but too thin for the inner ring (as on the canvas).
            "<svg x=\"31\" y=\"121\" width=\"268\" height=\"8\"><rect width=\"100%\" height=\"100%\" fill=\"#005a9c\"/>",
            "<rect x=\"2\" y=\"2\" width=\"264\" height=\"4\" fill=\"none\" stroke=\"#111111\" stroke-width=\"4\"/></svg>",
            "</svg>"
        );
        assert_eq!(svg, expected);
    }

    #[test]
    fn links_wrap_their_cells_and_are_escaped() {
        let cells = fixture();
        let links = vec![
            Some(Link {
                href: "#at=d1".into(),
                name: "創業\"支援\" <1>".into(),
            }),
            None,
        ];
        let out = body(&cells[..2], WHITE, &links);
        assert!(out.starts_with(
            "<a href=\"#at=d1\" aria-label=\"創業&quot;支援&quot; &lt;1&gt;\"><svg x=\"1\""
        ));
        assert_eq!(out.matches("<a ").count(), 1);
        assert_eq!(out.matches("</a>").count(), 1);
        let first = out.find("</svg>").unwrap();
        assert_eq!(&out[first..first + 10], "</svg></a>");
    }

    #[test]
    fn a_highlighted_cell_gets_both_rings() {
        let c = Cell {
            highlighted: true,
            ..cell(0.0, 0.0, 100.0, 50.0)
        };
        let out = body(&[c], WHITE, &[]);
        assert!(out.contains("<rect x=\"2\" y=\"2\" width=\"94\" height=\"44\" fill=\"none\" stroke=\"#111111\" stroke-width=\"4\"/>"), "{out}");
        assert!(out.contains("<rect x=\"5\" y=\"5\" width=\"88\" height=\"38\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2\"/>"), "{out}");
    }

    #[test]
    fn degenerate_pictures() {
        // An empty level: the background alone.
        assert_eq!(body(&[], WHITE, &[]), "");
        let empty = document(&[], 0.0, 0.0, WHITE);
        assert!(empty.ends_with("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/></svg>"));
        assert!(empty.contains("width=\"0\" height=\"0\" viewBox=\"0 0 0 0\""));
        // No area, or nothing left inside the gap: not drawn, and no link to nowhere.
        let link = Some(Link {
            href: "#x".into(),
            name: "x".into(),
        });
        for c in [
            cell(10.0, 10.0, 10.0, 50.0),
            cell(10.0, 10.0, 50.0, 10.0),
            cell(10.0, 10.0, 11.6, 50.0),
        ] {
            assert_eq!(body(&[c], WHITE, std::slice::from_ref(&link)), "");
        }
        // A cell of 3 px keeps its 1 px of fill.
        assert!(body(&[cell(0.0, 0.0, 3.0, 3.0)], WHITE, &[])
            .starts_with("<svg x=\"1\" y=\"1\" width=\"1\" height=\"1\">"));
    }

    #[test]
    fn escape_leaves_only_text() {
        assert_eq!(escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(escape("x\u{0}\u{8}\u{1b}\u{85}\u{FFFF}y"), "xy");
        assert_eq!(escape("\u{202E}gnp.json\u{2066}"), "gnp.json");
        assert_eq!(escape("a\tb\nc"), "a b c");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn a_fluid_picture_keeps_text_in_px_and_rects_in_per_cent() {
        let wide = fixture();
        // The same layout at half the size, with other labels (as a plan for a smaller box).
        let mut narrow: Vec<Cell> = wide
            .iter()
            .map(|c| Cell {
                rect: Rect::new(
                    c.rect.x0 / 2.0,
                    c.rect.y0 / 2.0,
                    c.rect.x1 / 2.0,
                    c.rect.y1 / 2.0,
                ),
                ..c.clone()
            })
            .collect();
        narrow[0].label = Some(CellLabel {
            size: 1,
            name: vec!["創業".into()],
            figures: vec![],
        });
        narrow[1].label = None;
        narrow[1].number = Some(1);
        let sizes = [
            Sized {
                class: "k0",
                width: 150.0,
                height: 65.0,
                cells: &narrow,
            },
            Sized {
                class: "k1",
                width: 300.0,
                height: 130.0,
                cells: &wide,
            },
        ];
        let links = vec![Some(Link {
            href: "#at=d1".into(),
            name: "創業支援".into(),
        })];
        let out = fluid(&sizes, WHITE, &links);
        let expected = concat!(
            "<a href=\"#at=d1\" aria-label=\"創業支援\"><svg x=\"0%\" y=\"0%\" width=\"66.8%\" height=\"92.31%\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#005a9c\" class=\"g\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
            "<g class=\"k0\"><text x=\"6\" y=\"6\" class=\"n1\" fill=\"#ffffff\">創業</text></g>",
            "<g class=\"k1\"><text x=\"8\" y=\"8\" class=\"n0\" fill=\"#ffffff\">創業支援</text>",
            "<text x=\"8\" y=\"29\" class=\"n0\" fill=\"#ffffff\">A &amp; B</text>",
            "<text x=\"8\" y=\"50\" class=\"f0\" fill=\"#ffffff\">1.2億円・32.1%</text>",
            "<text x=\"8\" y=\"71\" class=\"f0\" fill=\"#ffffff\">12事業</text></g></svg></a>",
            // Selected: its ring under the gap; a number in the smaller size, a name in the other.
            "<svg x=\"66.8%\" y=\"0%\" width=\"33.2%\" height=\"46.62%\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#e69f00\"/>",
            "<rect width=\"100%\" height=\"100%\" fill=\"none\" stroke=\"#111111\" stroke-width=\"8\"/>",
            "<rect width=\"100%\" height=\"100%\" fill=\"none\" class=\"g\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
            "<g class=\"k0\"><text x=\"1\" y=\"1\" class=\"n2\">①</text></g>",
            "<g class=\"k1\"><text x=\"4\" y=\"4\" class=\"n2\">&lt;b&gt;x</text></g></svg>",
        );
        assert!(out.starts_with(expected), "{out}");
        // Five cells in the first size's layout, all drawn; one link.
        assert_eq!(out.matches("<svg ").count(), 5);
        assert_eq!(out.matches("<a ").count(), 1);
        // The highlighted cell: white outside dark, both under the gap.
        assert!(out.contains("stroke=\"#ffffff\" stroke-width=\"14\"/><rect width=\"100%\" height=\"100%\" fill=\"none\" stroke=\"#111111\" stroke-width=\"10\"/>"));
        // Sizes with the same text share a group; a size without text in a cell has none.
        let third = Sized {
            class: "k2",
            ..sizes[1].clone()
        };
        let merged = fluid(&[sizes[0].clone(), sizes[1].clone(), third], WHITE, &[]);
        assert!(
            merged.contains("<g class=\"k1 k2\"><text x=\"8\" y=\"8\" class=\"n0\""),
            "{merged}"
        );
        assert_eq!(merged.matches("<g class=\"k1 k2\">").count(), 3, "{merged}");
        // Nothing to draw.
        assert_eq!(fluid(&[], WHITE, &[]), "");
        let zero = [Sized {
            class: "k",
            width: 0.0,
            height: 0.0,
            cells: &wide,
        }];
        assert_eq!(fluid(&zero, WHITE, &[]), "");
        let sliver = [cell(0.0, 0.0, 2.4, 50.0), cell(2.4, 0.0, 2.4, 50.0)];
        let one = [Sized {
            class: "k",
            width: 2.4,
            height: 50.0,
            cells: &sliver,
        }];
        assert_eq!(fluid(&one, WHITE, &[]), "");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.04), "3");
        assert_eq!(num(3.46), "3.5");
        assert_eq!(num(-0.4), "-0.4");
        assert_eq!(num(120.0), "120");
        assert_eq!(num(-0.04), "0");
    }
}
