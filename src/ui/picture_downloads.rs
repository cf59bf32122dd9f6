//! The chart as a picture for a document: PNG (at twice the CSS size, drawn on a canvas) and SVG
//! (vector, `core::svg`), both with the frame of `core::present::picture_frame` (title, level,
//! conditions, figures, legend, source, date made) around the chart; and the suggested alt text
//! (`core::present::alt_text`) with a button that copies it.

use super::state::Data;
use super::{download, draw, share};
use crate::core::chart::Level;
use crate::core::decimal::short;
use crate::core::filter::Filter;
use crate::core::label;
use crate::core::picture::{self, Cell, FONT_FAMILY};
use crate::core::present::colour::css_colour;
use crate::core::present::picture_frame::{self, Frame, PAPER};
use crate::core::present::{alt_text, strings::Strings};
use crate::core::treemap::{self, Rect, GOLDEN};
use crate::core::view_state::View;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// Device pixels per CSS px of the PNG: sharp in print and on high-density screens.
const RATIO: f64 = 2.0;

#[derive(Properties, PartialEq)]
pub struct PictureDownloadsProps {
    pub data: Data,
    pub level: Rc<Level>,
    pub view: View,
    pub filter: Filter,
    pub strings: &'static Strings,
}

/// The frame and the chart's cells for the level, the chart keeping its shape on screen.
fn picture(p: &PictureDownloadsProps) -> (Frame, Vec<Cell>) {
    let (b, s, level) = (&p.data.budget, p.strings, &p.level);
    let screen = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("chart"))
        .map(|c| c.get_bounding_client_rect())
        .map_or((0.0, 0.0), |r| (r.width(), r.height()));
    let (cw, ch) = picture_frame::chart_size(screen.0, screen.1);
    let values: Vec<f64> = level.drawn().into_iter().map(|v| v as f64).collect();
    let rects = treemap::layout(&values, Rect::new(0.0, 0.0, cw, ch), GOLDEN);
    let (plans, _) = label::level_plan(b, level, &rects, s, draw::word_breaks);
    let cells = picture::cells(b, level, &rects, &plans, None, None);
    let words = picture_frame::words(b, level, p.view, &p.filter, &plans, s, &download::today());
    let frame = picture_frame::layout(&words, cw, ch, draw::word_breaks);
    (frame, cells)
}

/// The picture drawn on a canvas at `RATIO`, as a PNG data URL.
fn png(frame: &Frame, cells: &[Cell]) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let canvas = || {
        document
            .create_element("canvas")
            .ok()?
            .dyn_into::<HtmlCanvasElement>()
            .ok()
    };
    let (out, chart) = (canvas()?, canvas()?);
    let px = |v: f64| (v * RATIO).round();
    out.set_width(px(frame.width) as u32);
    out.set_height(px(frame.height) as u32);
    let c = &frame.chart;
    draw::draw_on(&chart, c.width(), c.height(), RATIO, cells, PAPER);
    let ctx: CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str(&css_colour(PAPER));
    ctx.fill_rect(0.0, 0.0, px(frame.width), px(frame.height));
    ctx.set_text_baseline("alphabetic");
    for t in &frame.texts {
        let weight = if t.style.bold { "bold " } else { "" };
        ctx.set_font(&format!(
            "{weight}{}px {FONT_FAMILY}",
            short(t.style.px * RATIO, 3)
        ));
        ctx.set_fill_style_str(&css_colour(t.style.colour));
        let _ =
            ctx.fill_text_with_max_width(&t.text, t.x * RATIO, t.y * RATIO, t.max_width * RATIO);
    }
    for sw in &frame.swatches {
        let r = &sw.rect;
        ctx.set_fill_style_str(&css_colour(sw.colour));
        ctx.fill_rect(px(r.x0), px(r.y0), px(r.width()), px(r.height()));
    }
    let _ = ctx.draw_image_with_html_canvas_element(&chart, px(c.x0), px(c.y0));
    out.to_data_url_with_type("image/png").ok()
}

#[function_component]
pub fn PictureDownloads(props: &PictureDownloadsProps) -> Html {
    let s = props.strings;
    let alt = {
        let (budget, level, filter) = (
            props.data.budget.clone(),
            props.level.clone(),
            props.filter.clone(),
        );
        use_memo((level.clone(), filter.clone(), s.lang), move |_| {
            alt_text::alt_text(&budget, &level, &filter, s)
        })
    };
    let copied = use_state(|| None::<bool>);
    {
        // A new text has not been copied.
        let copied = copied.clone();
        use_effect_with(alt.clone(), move |_| copied.set(None));
    }
    // The picture is made on the click, from the props of that moment.
    let props_now = use_mut_ref(|| None::<Rc<PictureDownloadsProps>>);
    *props_now.borrow_mut() = Some(Rc::new(PictureDownloadsProps {
        data: props.data.clone(),
        level: props.level.clone(),
        view: props.view,
        filter: props.filter.clone(),
        strings: s,
    }));
    let save_png = {
        let props_now = props_now.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(p) = props_now.borrow().clone() else {
                return;
            };
            let (frame, cells) = picture(&p);
            if let Some(url) = png(&frame, &cells) {
                let _ = download::click_link(&url, "kumamoto-sme-budget-chart.png");
            }
        })
    };
    let save_svg = {
        let props_now = props_now.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(p) = props_now.borrow().clone() else {
                return;
            };
            let (frame, cells) = picture(&p);
            let svg = picture_frame::svg(&frame, &cells);
            let _ = download::save(
                svg.as_bytes(),
                "image/svg+xml",
                "kumamoto-sme-budget-chart.svg",
            );
        })
    };
    let copy = {
        let (alt, copied) = (alt.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
            let copied = copied.clone();
            match clipboard {
                Some(c) if share::is_defined(&c) => {
                    let promise = c.write_text(&alt);
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                        copied.set(Some(ok));
                    });
                }
                _ => copied.set(Some(false)),
            }
        })
    };
    // No cell has area (nothing to draw): the chart says so, and there is no picture to save.
    if props.level.drawn().iter().all(|&v| v == 0) {
        return html! {};
    }
    html! {
        <section class="picture-downloads" id="picture-downloads">
            <div class="download-buttons">
                <button type="button" class="save-png" id="save-png" onclick={save_png}>{ s.save_png }</button>
                <button type="button" class="save-svg" id="save-svg" onclick={save_svg}>{ s.save_svg }</button>
            </div>
            <label for="alt-text">{ s.alt_text_label }</label>
            <textarea id="alt-text" readonly=true rows="4" value={(*alt).clone()}
                      onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().select())} />
            <button type="button" id="copy-alt" onclick={copy}>{ s.copy_alt }</button>
            if let Some(ok) = *copied {
                <p class="alt-status" id="alt-status" role="status">{ if ok { s.alt_copied } else { s.alt_copy_fallback } }</p>
            }
        </section>
    }
}
