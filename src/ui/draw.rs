//! Drawing a finished treemap picture (`core::picture::Cell`s) on a canvas's 2D context
//! (`core::svg` draws the same cells as SVG): filled and stroked rectangles and text, nothing a
//! drawing library would add.
//!
//! The context draws in backing-store pixels and knows nothing of devicePixelRatio, so the
//! canvas is sized to CSS size × ratio here and every coordinate is scaled (rectangles on whole
//! device pixels). Labels come fitted
//! from the core's plan (`core::label`, with estimated widths, so the build computes the same);
//! they are drawn on the 2D context with a maximum width, so a font wider than estimated is
//! squeezed, never spilled over its cell. Word breaks come from the browser's `Intl.Segmenter`.

use crate::core::decimal::short;
use crate::core::label;
use crate::core::picture::{Cell, FONT_FAMILY, HIGHLIGHT_INNER, HIGHLIGHT_RING, SELECTED_RING};
use crate::core::present::colour::{css_colour, dimmed_text_on, text_on, Rgb, INK};
use crate::core::treemap::Rect;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// The browser's word segmenter, made once; `None` where `Intl.Segmenter` is missing.
    static SEGMENTER: Option<js_sys::Intl::Segmenter> = segmenter();
}

fn segmenter() -> Option<js_sys::Intl::Segmenter> {
    use js_sys::{Array, Object, Reflect};
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    if !Reflect::has(&intl, &"Segmenter".into()).unwrap_or(false) {
        return None;
    }
    let options = Object::new();
    Reflect::set(&options, &"granularity".into(), &"word".into()).ok()?;
    Some(js_sys::Intl::Segmenter::new(
        &Array::of2(&"ja".into(), &"en".into()),
        &options,
    ))
}

/// Word starts (in characters) by `Intl.Segmenter` (word granularity: dictionary words for
/// Japanese, spaces for English, no dictionary shipped). Without it, the core's native rules,
/// which give the same lines on the embedded data (and never break mid-word, as character
/// breaks would).
pub fn word_breaks(text: &str) -> Vec<usize> {
    SEGMENTER.with(|seg| {
        let Some(seg) = seg else {
            return label::rule_breaks(text);
        };
        let mut at = 0;
        js_sys::Array::from(&seg.segment(text))
            .iter()
            .map(|v| {
                let word: String = v
                    .unchecked_into::<js_sys::Intl::SegmentData>()
                    .segment()
                    .into();
                at += word.chars().count();
                at
            })
            .collect()
    })
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// The page background behind the cells (the gaps between them), light and dark schemes.
const GAP_LIGHT: (u8, u8, u8) = (255, 255, 255);
const GAP_DARK: (u8, u8, u8) = (18, 18, 18);

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The colour behind the cells in the current colour scheme.
pub fn gap() -> Rgb {
    if prefers_dark() {
        GAP_DARK
    } else {
        GAP_LIGHT
    }
}

/// One picture of a transition: plain rectangles (no labels, no outline), each at its opacity,
/// drawn straight on the 2D context so that a frame costs a few fills.
pub fn draw_frame(
    canvas: &HtmlCanvasElement,
    width: f64,
    height: f64,
    ratio: f64,
    rects: &[(Rect, Rgb, f64)],
) {
    let (w, h) = (
        (width * ratio).round() as u32,
        (height * ratio).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(ctx) = context(canvas) else {
        return;
    };
    ctx.set_global_alpha(1.0);
    ctx.set_fill_style_str(&css_colour(gap()));
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    let px = |v: f64| (v * ratio).round();
    for (r, fill, alpha) in rects {
        // The same 1 px gap between neighbours as the finished picture.
        let (x0, y0, x1, y1) = (
            px(r.x0) + 1.0,
            px(r.y0) + 1.0,
            px(r.x1) - 1.0,
            px(r.y1) - 1.0,
        );
        if *alpha <= 0.0 || x1 <= x0 || y1 <= y0 {
            continue;
        }
        ctx.set_global_alpha(alpha.min(1.0));
        ctx.set_fill_style_str(&css_colour(*fill));
        ctx.fill_rect(x0, y0, x1 - x0, y1 - y0);
    }
    ctx.set_global_alpha(1.0);
}

/// Sizes the canvas for `width`×`height` CSS px at `ratio` device pixels per px, and draws on
/// the page's colour.
pub fn draw(canvas: &HtmlCanvasElement, width: f64, height: f64, ratio: f64, cells: &[Cell]) {
    draw_on(canvas, width, height, ratio, cells, gap());
}

/// As `draw`, on a background (and gaps) of colour `gap`: the picture download draws on paper
/// whatever the screen's colour scheme.
pub fn draw_on(
    canvas: &HtmlCanvasElement,
    width: f64,
    height: f64,
    ratio: f64,
    cells: &[Cell],
    gap: Rgb,
) {
    let (w, h) = (
        (width * ratio).round() as u32,
        (height * ratio).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(ctx) = context(canvas) else {
        return;
    };
    let px = |v: f64| (v * ratio).round() as i32;
    let fill_rect = |(x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: Rgb| {
        ctx.set_fill_style_str(&css_colour(colour));
        ctx.fill_rect(x0.into(), y0.into(), (x1 - x0).into(), (y1 - y0).into());
    };
    let stroke_rect = |(x0, y0): (i32, i32), (x1, y1): (i32, i32), colour: Rgb, width: u32| {
        ctx.set_stroke_style_str(&css_colour(colour));
        ctx.set_line_width(width.into());
        ctx.stroke_rect(x0.into(), y0.into(), (x1 - x0).into(), (y1 - y0).into());
    };
    fill_rect((0, 0), (w as i32, h as i32), gap);
    for cell in cells {
        let r = &cell.rect;
        if r.area() <= 0.0 {
            continue;
        }
        // A 1 px white gap separates neighbours whatever their colours.
        let (x0, y0, x1, y1) = (px(r.x0) + 1, px(r.y0) + 1, px(r.x1) - 1, px(r.y1) - 1);
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        fill_rect((x0, y0), (x1, y1), cell.drawn_fill(gap));
        if cell.selected {
            let t = (SELECTED_RING * ratio).round() as u32;
            let inset = t as i32 / 2;
            stroke_rect((x0 + inset, y0 + inset), (x1 - inset, y1 - inset), INK, t);
        }
        if cell.highlighted {
            // A double ring (dark outside, white inside) reads on every fill and differs from
            // the selected cell's single dark outline.
            let t = (HIGHLIGHT_RING * ratio).round() as u32;
            let inset = t as i32 / 2;
            stroke_rect((x0 + inset, y0 + inset), (x1 - inset, y1 - inset), INK, t);
            let w = (HIGHLIGHT_INNER * ratio).round() as u32;
            let inner = t as i32 + w as i32 / 2;
            if x1 - inner > x0 + inner && y1 - inner > y0 + inner {
                stroke_rect(
                    (x0 + inner, y0 + inner),
                    (x1 - inner, y1 - inner),
                    (255, 255, 255),
                    w,
                );
            }
        }
    }
    // Text: fillText with a maximum width keeps every line in its cell.
    ctx.set_text_baseline("top");
    for cell in cells {
        let r = &cell.rect;
        if r.area() <= 0.0 {
            continue;
        }
        let fill = cell.drawn_fill(gap);
        let ink = if cell.dimmed {
            dimmed_text_on(fill)
        } else {
            text_on(fill, INK)
        };
        ctx.set_fill_style_str(&css_colour(ink));
        if let Some(label) = &cell.label {
            let size = label.type_size();
            let inner = (r.width() - 2.0 * size.padding) * ratio;
            let mut y = r.y0 + size.padding;
            for (i, line) in label.name.iter().chain(&label.figures).enumerate() {
                let weight = if i < label.name.len() { "bold " } else { "" };
                ctx.set_font(&format!(
                    "{weight}{}px {FONT_FAMILY}",
                    short(size.font_px * ratio, 3)
                ));
                let _ = ctx.fill_text_with_max_width(
                    line,
                    (r.x0 + size.padding) * ratio,
                    y * ratio,
                    inner,
                );
                y += size.line_height;
            }
        } else if let (Some(n), Some(px)) = (cell.number, cell.number_px()) {
            // The number where it fits (a sliver is reached through the list's row).
            ctx.set_font(&format!("bold {}px {FONT_FAMILY}", short(px * ratio, 3)));
            let _ = ctx.fill_text_with_max_width(
                &label::number_text(n),
                (r.x0 + 1.0) * ratio,
                (r.y0 + 1.0) * ratio,
                (r.width() - 2.0) * ratio,
            );
        }
    }
}
