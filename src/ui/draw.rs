//! Drawing a finished treemap layout on a canvas with plotters' canvas backend.
//!
//! plotters-canvas draws in backing-store pixels and knows nothing of devicePixelRatio, so the
//! canvas is sized to CSS size × ratio here and every coordinate is scaled. Text is measured on
//! the canvas' own 2D context (cached), not through plotters' DOM-based measuring, which inserts
//! an element per call.

use crate::core::label::{self, CellLabel};
use crate::core::present::colour::{css_colour, dimmed, dimmed_text_on, text_on, Rgb, INK};
use crate::core::treemap::Rect;
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, FontFamily,
    FontStyle,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// System fonts only (the page loads no web fonts); CJK families first where the OS has them.
pub const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic UI', Meiryo, sans-serif";
/// Label sizes tried, largest first (CSS px).
pub const LABEL_SIZES: [f64; 4] = [17.0, 15.0, 13.0, 11.0];
pub const PADDING: f64 = 6.0;

/// One cell to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub rect: Rect,
    pub fill: (u8, u8, u8),
    pub label: Option<CellLabel>,
    pub selected: bool,
    /// It does not match the filters: drawn set back towards the page (`colour::dimmed`).
    pub dimmed: bool,
}

impl Cell {
    /// The fill as drawn on a page of colour `gap`.
    pub fn drawn_fill(&self, gap: Rgb) -> Rgb {
        if self.dimmed {
            dimmed(self.fill, gap)
        } else {
            self.fill
        }
    }
}

thread_local! {
    /// Character advances in CSS px by (font px × 10, character): labels are re-fitted on every
    /// resize and filter, and each character is measured on the canvas only once per size.
    static WIDTHS: RefCell<HashMap<(u32, char), f64>> = RefCell::new(HashMap::new());
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// A character-width function for `label::fit`, measuring on `canvas`' context.
pub fn measurer(canvas: &HtmlCanvasElement) -> impl Fn(char, f64) -> f64 {
    let ctx = context(canvas);
    let font_px = std::cell::Cell::new(0u32);
    move |c: char, px: f64| {
        let key = ((px * 10.0).round() as u32, c);
        if let Some(w) = WIDTHS.with(|cache| cache.borrow().get(&key).copied()) {
            return w;
        }
        let Some(ctx) = &ctx else {
            // No 2D context: assume full-width glyphs, so labels err on the side of fitting less.
            return px;
        };
        if font_px.get() != key.0 {
            ctx.set_font(&format!("bold {}px {FONT_FAMILY}", key.0 / 10));
            font_px.set(key.0);
        }
        let w = ctx
            .measure_text(c.encode_utf8(&mut [0; 4]))
            .map(|m| m.width())
            .unwrap_or(f64::INFINITY);
        WIDTHS.with(|cache| cache.borrow_mut().insert(key, w));
        w
    }
}

/// Fits the label of a cell, or `None` when nothing readable fits.
pub fn fit_label(
    measure: &impl Fn(char, f64) -> f64,
    name: &str,
    figures: &[String],
    rect: &Rect,
) -> Option<CellLabel> {
    label::fit(
        name,
        figures,
        rect.width(),
        rect.height(),
        PADDING,
        &LABEL_SIZES,
        measure,
    )
}

struct Fill((u8, u8, u8));

impl BackendStyle for Fill {
    fn color(&self) -> BackendColor {
        BackendColor {
            alpha: 1.0,
            rgb: self.0,
        }
    }
    fn stroke_width(&self) -> u32 {
        1
    }
}

struct Stroke((u8, u8, u8), u32);

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        BackendColor {
            alpha: 1.0,
            rgb: self.0,
        }
    }
    fn stroke_width(&self) -> u32 {
        self.1
    }
}

struct Text {
    px: f64,
    bold: bool,
    rgb: (u8, u8, u8),
}

impl BackendTextStyle for Text {
    type FontError = std::convert::Infallible;
    fn color(&self) -> BackendColor {
        BackendColor {
            alpha: 1.0,
            rgb: self.rgb,
        }
    }
    fn size(&self) -> f64 {
        self.px
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        Pos::new(HPos::Left, VPos::Top)
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(FONT_FAMILY)
    }
    // The canvas backend draws text itself (fillText); these are for pixel backends.
    fn layout_box(&self, _text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        Ok(((0, 0), (0, 0)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
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

/// Sizes the canvas for `width`×`height` CSS px at `ratio` device pixels per px, and draws.
pub fn draw(canvas: &HtmlCanvasElement, width: f64, height: f64, ratio: f64, cells: &[Cell]) {
    let (w, h) = (
        (width * ratio).round() as u32,
        (height * ratio).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(mut backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let px = |v: f64| (v * ratio).round() as i32;
    let gap = gap();
    let _ = backend.draw_rect((0, 0), (w as i32, h as i32), &Fill(gap), true);
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
        let fill = cell.drawn_fill(gap);
        let _ = backend.draw_rect((x0, y0), (x1, y1), &Fill(fill), true);
        if cell.selected {
            let t = (3.0 * ratio).round() as u32;
            let inset = t as i32 / 2;
            let _ = backend.draw_rect(
                (x0 + inset, y0 + inset),
                (x1 - inset, y1 - inset),
                &Stroke(INK, t),
                false,
            );
        }
        if let Some(label) = &cell.label {
            let mut y = r.y0 + PADDING;
            for (i, line) in label.name.iter().chain(&label.figures).enumerate() {
                let style = Text {
                    px: label.font_px * ratio,
                    bold: i < label.name.len(),
                    rgb: if cell.dimmed {
                        dimmed_text_on(fill)
                    } else {
                        text_on(fill, INK)
                    },
                };
                let _ = backend.draw_text(line, &style, (px(r.x0 + PADDING), px(y)));
                y += label.line_height;
            }
        }
    }
    let _ = backend.present();
}
