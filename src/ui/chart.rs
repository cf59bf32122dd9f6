//! The treemap: a canvas drawn from a finished layout, with one real button over each cell laid
//! out from the same rectangles, so what is tapped (or focused and entered) is what was drawn.
//! Cells without area (no amount, 【再掲】) and cells too small for a label are listed below.

use super::draw::{self, Cell};
use super::hooks::{use_resize_observer, Observed};
use super::state::Data;
use crate::core::aggregate::{Node, NodeKey};
use crate::core::chart::{Crumb, Level};
use crate::core::label::CellLabel;
use crate::core::model::{Budget, LineId};
use crate::core::present::colour::{css_colour, fill_for};
use crate::core::present::strings::Strings;
use crate::core::treemap::{self, Heading, Rect, GOLDEN};
use crate::core::view_state::Drill;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

/// A stable, readable key for a node (used in the DOM and by the browser tests).
pub fn node_key(key: &NodeKey) -> String {
    match key {
        NodeKey::Direction(d) => format!("d{}", d.0),
        NodeKey::Initiative(i) => format!("i{}", i.0),
        NodeKey::DepartmentGroup(g) => format!("g:{}", g.join(",")),
        NodeKey::Line(id) => format!("m{id}"),
        NodeKey::Others => "others".to_string(),
    }
}

/// A breadcrumb in the UI's language (the top is named by the UI, groups by their titles).
pub fn crumb_label(c: &Crumb, s: &Strings) -> String {
    match c.drill {
        _ if c.others_page > 0 => s.others(c.grouped),
        Drill::Top => s.top.to_string(),
        _ => s.title(&c.label).to_string(),
    }
}

/// A node's name in the UI's language.
fn label<'a>(node: &'a Node, s: &Strings) -> std::borrow::Cow<'a, str> {
    match node.key {
        NodeKey::Others => s.others(node.children.len()).into(),
        _ => s.title(&node.label).into(),
    }
}

/// "2,420万円 · 0.6%", or what stands in for an amount.
fn figures(node: &Node, whole: u64, s: &Strings, budget: &Budget) -> Vec<String> {
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
    let mut out = vec![format!(
        "{}・{}",
        s.amount(node.total),
        s.share(node.total, whole)
    )];
    if !matches!(node.key, NodeKey::Line(_)) {
        out.push(s.measures(node.measures));
    }
    out
}

fn describe(node: &Node, whole: u64, s: &Strings, budget: &Budget) -> String {
    format!(
        "{}{}{}",
        label(node, s),
        s.sep(),
        figures(node, whole, s, budget).join(s.sep())
    )
}

/// The cells to draw for a level: the same layout and labels on screen and in the PNG.
fn cells(
    budget: &Budget,
    level: &Level,
    rects: &[Rect],
    labels: &[Option<CellLabel>],
    selected: Option<LineId>,
) -> Vec<Cell> {
    level
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| Cell {
            rect: rects[i],
            fill: fill_for(budget, &node.key, i),
            label: labels.get(i).cloned().flatten(),
            selected: matches!(node.key, NodeKey::Line(id) if Some(id) == selected),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub data: Data,
    pub level: Rc<Level>,
    pub selected: Option<LineId>,
    pub on_activate: Callback<NodeKey>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn Chart(props: &ChartProps) -> Html {
    let budget = &props.data.budget;
    let s = props.strings;
    let level = &props.level;
    let container = use_node_ref();
    let canvas = use_node_ref();
    let size = use_state(|| (0.0f64, 0.0f64));
    let active = use_state(|| 0usize);
    let moved_by_keyboard = use_mut_ref(|| false);

    // Track the container's size: redraw on resize and orientation change.
    {
        let size = size.clone();
        use_resize_observer(
            Observed::Node(container.clone()),
            Callback::from(move |el: web_sys::Element| {
                let r = el.get_bounding_client_rect();
                // The stylesheet fixes the box's shape; should it be missing (a CMS that
                // strips <style>), the canvas would feed its own height back: clamp it.
                let w = r.width().floor();
                let next = (w, r.height().floor().min(w * 1.25).min(4000.0));
                if *size != next {
                    size.set(next);
                }
            }),
        );
    }

    let (width, height) = *size;
    let rects: Rc<Vec<Rect>> = {
        let level = level.clone();
        // Dependencies are compared by value (an Rc of an `Eq` type first by pointer): never by
        // address alone, which a new allocation can reuse.
        use_memo(
            (level.clone(), width.to_bits(), height.to_bits()),
            move |_| {
                let values: Vec<f64> = level.drawn().into_iter().map(|v| v as f64).collect();
                treemap::layout(&values, Rect::new(0.0, 0.0, width, height), GOLDEN)
            },
        )
    };
    // Labels need the canvas for measuring, so they are fitted once it exists and has a size.
    let labels: Rc<Vec<Option<CellLabel>>> = {
        let (level, rects, canvas, budget) =
            (level.clone(), rects.clone(), canvas.clone(), budget.clone());
        use_memo(
            (rects.clone(), level.clone(), canvas.get().is_some()),
            move |_| {
                let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                    return vec![None; level.nodes.len()];
                };
                let measure = draw::measurer(&el);
                level
                    .nodes
                    .iter()
                    .zip(rects.iter())
                    .map(|(node, r)| {
                        if r.area() <= 0.0 {
                            return None;
                        }
                        let name = label(node, s);
                        let full = figures(node, level.total, s, &budget);
                        draw::fit_label(&measure, &name, &full, r).or_else(|| {
                            // A narrow cell (many cells on a phone): the amount alone.
                            let amount = (node.total > 0).then(|| s.amount(node.total))?;
                            draw::fit_label(&measure, &name, &[amount], r)
                        })
                    })
                    .collect()
            },
        )
    };

    // Draw whenever layout, labels or selection change.
    {
        let (canvas, level, rects, labels, budget) = (
            canvas.clone(),
            level.clone(),
            rects.clone(),
            labels.clone(),
            budget.clone(),
        );
        let selected = props.selected;
        use_effect_with(
            (labels.clone(), rects.clone(), level.clone(), selected),
            move |_| {
                if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                    let ratio = web_sys::window()
                        .map(|w| w.device_pixel_ratio())
                        .unwrap_or(1.0)
                        .max(1.0);
                    let cells = cells(&budget, &level, &rects, &labels, selected);
                    draw::draw(&el, width, height, ratio, &cells);
                }
            },
        );
    }

    // A new level starts at its first cell; keyboard users keep the focus in the chart.
    {
        let (active, container, moved) =
            (active.clone(), container.clone(), moved_by_keyboard.clone());
        use_effect_with(level.clone(), move |_| {
            active.set(0);
            if std::mem::take(&mut *moved.borrow_mut()) {
                focus_cell(&container, 0);
            }
        });
    }

    // Which cells have area is a fact of the data, not of the layout: it must not depend on
    // whether the box has been measured yet (that would flash every cell into the lists).
    let measured = width > 0.0 && height > 0.0;
    let drawn = level.drawn();
    let visible: Vec<usize> = (0..level.nodes.len())
        .filter(|&i| drawn[i] > 0 && (!measured || rects[i].area() > 0.0))
        .collect();
    let apart = level.others_apart();
    let current = if visible.contains(&*active) {
        *active
    } else {
        visible.first().copied().unwrap_or(0)
    };

    let onkeydown = {
        let (rects, active, container, moved) = (
            rects.clone(),
            active.clone(),
            container.clone(),
            moved_by_keyboard.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let heading = match e.key().as_str() {
                "ArrowLeft" => Heading::Left,
                "ArrowRight" => Heading::Right,
                "ArrowUp" => Heading::Up,
                "ArrowDown" => Heading::Down,
                // Escape bubbles up to the app, which goes one level up.
                "Escape" | "Enter" | " " => {
                    *moved.borrow_mut() = true;
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(next) = treemap::neighbour(&rects, current, heading) {
                active.set(next);
                focus_cell(&container, next);
            }
        })
    };

    let whole = level.total;
    let summary = {
        let biggest = level.nodes.iter().max_by_key(|n| n.total);
        s.chart_summary(
            &level
                .crumbs
                .last()
                .map(|c| crumb_label(c, s))
                .unwrap_or_default(),
            level.nodes.len(),
            // What this page draws (on a 「その他」 page, less than the level's whole).
            level.nodes.iter().map(|n| n.total).sum(),
            biggest
                .filter(|b| b.total > 0)
                .map(|b| (label(b, s), b.total))
                .as_ref()
                .map(|(name, total)| (name.as_ref(), *total)),
        )
    };

    let button = |i: usize, class: &'static str, positioned: bool| {
        let node = &level.nodes[i];
        let r = rects[i];
        let key = node.key.clone();
        let on_activate = props.on_activate.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_activate.emit(key.clone()));
        let style = positioned.then(|| {
            format!(
                "left:{}px;top:{}px;width:{}px;height:{}px",
                r.x0,
                r.y0,
                r.width(),
                r.height()
            )
        });
        let pressed = matches!(node.key, NodeKey::Line(id) if Some(id) == props.selected);
        let tabindex = if !positioned || i == current {
            "0"
        } else {
            "-1"
        };
        let onfocus = {
            let active = active.clone();
            Callback::from(move |_: FocusEvent| {
                if positioned {
                    active.set(i)
                }
            })
        };
        html! {
            <button type="button" class={class} data-key={node_key(&node.key)} data-cell={i.to_string()}
                    style={style} tabindex={tabindex} aria-pressed={pressed.then_some("true")}
                    aria-label={describe(node, whole, s, budget)} {onclick} {onfocus}>
                if !positioned {
                    <span class="swatch" style={format!("background:{}", css_colour(fill_for(budget, &node.key, i)))}></span>
                    <span class="name">{ label(node, s).into_owned() }</span>
                    <span class="figures">{ figures(node, whole, s, budget).join(" · ") }</span>
                }
            </button>
        }
    };

    let zero: Vec<usize> = (0..level.nodes.len())
        .filter(|&i| level.nodes[i].total == 0)
        .collect();
    let (relisted, no_amount): (Vec<usize>, Vec<usize>) = zero.into_iter().partition(|&i| {
        matches!(level.nodes[i].key, NodeKey::Line(id) if budget.line(id).is_some_and(|m| m.is_relisting()))
    });
    // Until the box is measured and labels fitted, no cell counts as too small.
    let small: Vec<usize> = if measured && labels.len() == level.nodes.len() {
        visible
            .iter()
            .copied()
            .filter(|&i| labels[i].is_none())
            .collect()
    } else {
        Vec::new()
    };
    let list = |title: &str, items: &[usize], id: &str| {
        if items.is_empty() {
            return html! {};
        }
        html! {
            <section class="cell-list" id={id.to_string()}>
                <h2>{ format!("{title}{}", s.paren(&items.len().to_string())) }</h2>
                <ul>{ for items.iter().map(|&i| html! { <li key={node_key(&level.nodes[i].key)}>{ button(i, "list-cell", false) }</li> }) }</ul>
            </section>
        }
    };

    let save_png = {
        let (level, rects, labels, budget) =
            (level.clone(), rects.clone(), labels.clone(), budget.clone());
        Callback::from(move |_: MouseEvent| {
            // The same layout, drawn again at twice the resolution for papers and slides.
            let document = web_sys::window().and_then(|w| w.document());
            let Some(canvas) = document
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            else {
                return;
            };
            let cells = cells(&budget, &level, &rects, &labels, None);
            draw::draw(&canvas, width, height, 2.0, &cells);
            if let Ok(url) = canvas.to_data_url_with_type("image/png") {
                let _ = super::download::click_link(&url, "kumamoto-sme-budget-chart.png");
            }
        })
    };

    html! {
        <div class="chart-block">
            <div class={classes!("chart", visible.is_empty().then_some("no-area"))} ref={container} id="chart">
                <canvas ref={canvas} role="img" aria-label={summary}></canvas>
                <div class="cells" role="group" aria-label={s.chart_hint} onkeydown={onkeydown}>
                    if measured {
                        { for visible.iter().map(|&i| html! { <div key={node_key(&level.nodes[i].key)} class="cell-slot">{ button(i, "cell", true) }</div> }) }
                    }
                </div>
            </div>
            if visible.is_empty() && !level.nodes.is_empty() {
                <p class="chart-empty">{ s.no_area_note }</p>
            }
            if let Some(i) = apart {
                <section class="cell-list others-apart" id="others-apart">
                    <p class="chart-note">{ s.others_apart_note(visible.len(), level.nodes.iter().map(|n| n.total).sum::<u64>() - level.nodes[i].total, level.total) }</p>
                    { button(i, "list-cell", false) }
                </section>
            } else if level.nodes.last().is_some_and(|n| n.key == NodeKey::Others) {
                <p class="chart-note" id="others-note">{ s.others_note }</p>
            }
            { list(s.small_list, &small, "small-cells") }
            { list(s.no_amount_list, &no_amount, "no-amount-cells") }
            { list(s.relisted_list, &relisted, "relisted-cells") }
            if measured && !visible.is_empty() {
                <button type="button" class="save-png" id="save-png" onclick={save_png}>{ s.save_png }</button>
            }
        </div>
    }
}

fn focus_cell(container: &NodeRef, index: usize) {
    if let Some(el) = container
        .cast::<HtmlElement>()
        .and_then(|c| {
            c.query_selector(&format!("[data-cell='{index}']"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
