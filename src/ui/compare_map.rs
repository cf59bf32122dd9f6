//! The later year's treemap, each cell coloured by its change (`colour::change_fill`); new
//! measures and those without an amount on a side marked apart (their own colour and a hatch).
//! Cells are buttons on the layout's rectangles, in percent of the box, so the map scales with
//! the page and needs no canvas. The largest `MAP_CELLS` are drawn; the rest share one cell.

use super::compare::{change_text, entry_name};
use super::hooks::{use_resize_observer, Observed};
use super::state::Data;
use crate::core::compare::{self, Comparison, Kind};
use crate::core::decimal::{fixed, px_length};
use crate::core::present::colour::{self, css_colour, Rgb};
use crate::core::present::strings::Strings;
use crate::core::treemap::{layout, Rect, GOLDEN};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareMapProps {
    pub earlier: Data,
    pub later: Data,
    pub comparison: Rc<Comparison>,
    pub on_select: Callback<usize>,
    pub strings: &'static Strings,
}

const MAP_CELLS: usize = 120;
/// The smallest side of a cell that is a button, in layout units (24 px on a 360 px phone).
const TAP: f64 = 70.0;
/// The layout box (the map keeps this aspect ratio).
const W: f64 = 1000.0;
const H: f64 = 640.0;

#[function_component]
pub fn CompareMap(props: &CompareMapProps) -> Html {
    let s = props.strings;
    let c = &props.comparison;
    let (eb, lb) = (&*props.earlier.budget, &*props.later.budget);
    let cells = use_memo(c.clone(), |c| {
        let mut drawn: Vec<usize> = (0..c.entries.len())
            .filter(|&i| c.entries[i].counted_after > 0)
            .collect();
        let size = |i: usize| c.entries[i].counted_after;
        compare::sort_indices(&mut drawn, &|a, b| size(b).cmp(&size(a)));
        let rest: u64 = drawn
            .iter()
            .skip(MAP_CELLS)
            .map(|&i| c.entries[i].counted_after)
            .sum();
        let others = drawn.len().saturating_sub(MAP_CELLS);
        drawn.truncate(MAP_CELLS);
        let mut values: Vec<f64> = drawn
            .iter()
            .map(|&i| c.entries[i].counted_after as f64)
            .collect();
        if rest > 0 {
            values.push(rest as f64);
        }
        let rects = layout(&values, Rect::new(0.0, 0.0, W, H), GOLDEN);
        (drawn, rects, others)
    });
    let (drawn, rects, others) = &*cells;
    // The cells follow the page's width and their text does not: after each render and when the
    // map's width changes, each name shows as many whole lines as fit above its change.
    let map = use_node_ref();
    let width = use_state_eq(|| 0);
    use_resize_observer(
        Observed::Node(map.clone()),
        Callback::from({
            let width = width.clone();
            move |el: Element| width.set(el.client_width())
        }),
    );
    {
        let map = map.clone();
        use_effect(move || fit_names(&map));
    }
    let fill = |k: Kind, percent: Option<f64>| -> (Rgb, &'static str) {
        match k {
            Kind::New => (colour::CHANGE_NEW, "new"),
            Kind::NoAmount => (colour::CHANGE_UNKNOWN, "unknown"),
            // Grown from 0: no percentage, the full colour of growth.
            _ => (colour::change_fill(percent.unwrap_or(100.0)), "change"),
        }
    };
    let place = |r: &Rect| {
        let p = |v: f64| fixed(v * 100.0, 3);
        format!(
            "left:{}%;top:{}%;width:{}%;height:{}%",
            p(r.x0 / W),
            p(r.y0 / H),
            p(r.width() / W),
            p(r.height() / H)
        )
    };
    let swatch = |rgb: Rgb, class: &'static str, label: &'static str| {
        html! { <li><span class={classes!("swatch", class)} style={format!("background-color:{}", css_colour(rgb))}></span>{ label }</li> }
    };
    html! {
        <figure class="compare-map-figure">
            <figcaption id="compare-map-h">{ s.compare_map }</figcaption>
            <div class="compare-map" id="compare-map" ref={map} role="group" aria-labelledby="compare-map-h">
                { for drawn.iter().zip(rects.iter()).map(|(&i, r)| {
                    let e = &c.entries[i];
                    let (rgb, class) = fill(e.kind, e.percent());
                    let ink = colour::text_on(rgb, colour::INK);
                    let name = entry_name(eb, lb, e);
                    let label = match e.kind {
                        Kind::New => format!("{name} {}", s.legend_new),
                        _ => format!("{name} {}", change_text(s, e)),
                    };
                    let big = r.width() > 110.0 && r.height() > 55.0;
                    // Too small to tap (24 px on a phone): drawn only; the lists and the table
                    // below hold the same measure.
                    if r.width() < TAP || r.height() < TAP {
                        return html! {
                            <div key={i} class={classes!("cell", class)} title={label} aria-hidden="true"
                                 style={format!("{};background-color:{}", place(r), css_colour(rgb))}></div>
                        };
                    }
                    let on_select = props.on_select.clone();
                    html! {
                        <button type="button" key={i} class={classes!("cell", class)} aria-label={label.clone()} title={label}
                                style={format!("{};background-color:{};color:{}", place(r), css_colour(rgb), css_colour(ink))}
                                onclick={Callback::from(move |_: MouseEvent| on_select.emit(i))}>
                            if big {
                                <span class="cell-name" aria-hidden="true">{ name }</span>
                                <span class="cell-change" aria-hidden="true">{ if e.kind == Kind::New { s.legend_new.to_string() } else { change_text(s, e) } }</span>
                            }
                        </button>
                    }
                }) }
                if *others > 0 {
                    if let Some(r) = rects.last() {
                        <div class="cell others" style={place(r)} aria-label={s.others(*others)} role="img">
                            <span class="cell-name" aria-hidden="true">{ s.others(*others) }</span>
                        </div>
                    }
                }
            </div>
            <ul class="compare-legend" aria-label={s.legend}>
                { swatch(colour::CHANGE_LESS[3], "", s.legend_less) }
                { swatch(colour::CHANGE_LESS[1], "", "") }
                { swatch(colour::CHANGE_NONE, "", s.legend_same) }
                { swatch(colour::CHANGE_MORE[1], "", "") }
                { swatch(colour::CHANGE_MORE[3], "", s.legend_more) }
                { swatch(colour::CHANGE_NEW, "new", s.legend_new) }
                { swatch(colour::CHANGE_UNKNOWN, "unknown", s.legend_unknown) }
            </ul>
        </figure>
    }
}

/// Clamps each cell's name to the whole lines that fit above its change (an ellipsis ends the
/// last), or hides both where not one line of the name fits: never a line cut through by the
/// cell's edge. Measured, not computed: the lines a name wraps into depend on the fonts.
fn fit_names(map: &NodeRef) {
    let (Some(map), Some(window)) = (map.cast::<Element>(), web_sys::window()) else {
        return;
    };
    let Ok(names) = map.query_selector_all(".cell-name") else {
        return;
    };
    let px = |el: &Element, property: &str| -> f64 {
        window
            .get_computed_style(el)
            .ok()
            .flatten()
            .and_then(|style| style.get_property_value(property).ok())
            .map_or(0.0, |v| px_length(&v))
    };
    for i in 0..names.length() {
        let Some(name) = names.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        let Some(cell) = name.parent_element() else {
            continue;
        };
        let change = name
            .next_element_sibling()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let inside = f64::from(cell.client_height())
            - px(&cell, "padding-top")
            - px(&cell, "padding-bottom");
        let change_height = change
            .as_ref()
            .map_or(0.0, |c| f64::from(c.offset_height()));
        let line = px(&name, "line-height");
        let lines = if line > 0.0 {
            ((inside - change_height) / line).floor()
        } else {
            0.0
        };
        // A change without a name would not say whose it is: both go when no line fits.
        if let Some(change) = &change {
            let shown = if lines >= 1.0 { "visible" } else { "hidden" };
            let _ = change.style().set_property("visibility", shown);
        }
        let style = name.style();
        if lines >= 1.0 {
            let _ = style.remove_property("display");
            let _ = style.set_property("-webkit-line-clamp", &(lines as u32).to_string());
        } else {
            let _ = style.set_property("display", "none");
        }
    }
}
