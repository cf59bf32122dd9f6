//! The treemap: a canvas drawn from a finished layout, with one real button over each cell laid
//! out from the same rectangles, so what is tapped (or focused and entered) is what was drawn.
//! Cells without area (no amount, 【再掲】) and cells too small for a name are listed below; the
//! latter carry a number, drawn in the cell and shown on the row, and hovering or focusing
//! either highlights both.

use super::draw::{self, Cell};
use super::hooks::{use_resize_observer, Observed};
use super::state::Data;
use crate::core::aggregate::{Node, NodeKey};
use crate::core::chart::{Crumb, Level};
use crate::core::label::{self, node_figures as figures, node_name as label, CellPlan};
use crate::core::model::{Budget, LineId};
use crate::core::present::colour::{css_colour, fill_for};
use crate::core::present::strings::Strings;
use crate::core::treemap::{self, Heading, Rect, GOLDEN};
use crate::core::view_state::Drill;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

/// The least width and height of a touch target (WCAG 2.5.5): a smaller cell is also listed.
const MIN_TARGET: f64 = 44.0;

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

fn describe(node: &Node, whole: u64, s: &Strings, budget: &Budget) -> String {
    format!(
        "{}{}{}",
        label(node, s),
        s.sep(),
        figures(node, whole, s, budget).join(s.sep())
    )
}

/// Figures on one line for a list row: "2,420万円・0.6% · 6事業".
fn figures_text(f: &[String]) -> String {
    match f {
        [amount, share, rest @ ..] => std::iter::once(format!("{amount}・{share}"))
            .chain(rest.iter().cloned())
            .collect::<Vec<_>>()
            .join(" · "),
        _ => f.join(" · "),
    }
}

/// The cells to draw for a level: the same layout and labels on screen and in the PNG.
fn cells(
    budget: &Budget,
    level: &Level,
    rects: &[Rect],
    plans: &[CellPlan],
    selected: Option<LineId>,
    highlighted: Option<usize>,
) -> Vec<Cell> {
    level
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| Cell {
            rect: rects[i],
            fill: fill_for(budget, &node.key, i),
            label: plans.get(i).and_then(|p| p.label.clone()),
            selected: matches!(node.key, NodeKey::Line(id) if Some(id) == selected),
            number: plans.get(i).and_then(|p| p.number),
            highlighted: highlighted == Some(i),
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
    // The cell whose cell or list row is hovered or focused.
    let highlighted = use_state(|| None::<usize>);

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
    // The label plan: the core's, with the browser's word breaks (estimated widths need no
    // canvas, so the build's prerender computes the same plan).
    let plan: Rc<(Vec<CellPlan>, String)> = {
        let (level, rects, budget) = (level.clone(), rects.clone(), budget.clone());
        use_memo((rects.clone(), level.clone(), s.lang), move |_| {
            label::level_plan(&budget, &level, &rects, s, draw::word_breaks)
        })
    };
    let plans = &plan.0;

    // Draw whenever layout, labels, selection or highlight change.
    {
        let (canvas, level, rects, plan, budget) = (
            canvas.clone(),
            level.clone(),
            rects.clone(),
            plan.clone(),
            budget.clone(),
        );
        let selected = props.selected;
        use_effect_with(
            (
                plan.clone(),
                rects.clone(),
                level.clone(),
                selected,
                *highlighted,
            ),
            move |(_, _, _, _, highlighted)| {
                if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                    let ratio = web_sys::window()
                        .map(|w| w.device_pixel_ratio())
                        .unwrap_or(1.0)
                        .max(1.0);
                    let cells = cells(&budget, &level, &rects, &plan.0, selected, *highlighted);
                    draw::draw(&el, width, height, ratio, &cells);
                    // What was drawn highlighted, for the browser tests.
                    let drawn = highlighted.map(|i| i.to_string()).unwrap_or_default();
                    let _ = el.set_attribute("data-highlighted", &drawn);
                }
            },
        );
    }

    // A new level starts at its first cell; keyboard users keep the focus in the chart.
    {
        let (active, container, moved, highlighted) = (
            active.clone(),
            container.clone(),
            moved_by_keyboard.clone(),
            highlighted.clone(),
        );
        use_effect_with(level.clone(), move |_| {
            active.set(0);
            highlighted.set(None);
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
            let (active, highlighted) = (active.clone(), highlighted.clone());
            Callback::from(move |_: FocusEvent| {
                if positioned {
                    active.set(i)
                }
                highlighted.set(Some(i));
            })
        };
        // Hovering or focusing a cell or its row highlights both; leaving clears it.
        let onmouseenter = {
            let highlighted = highlighted.clone();
            Callback::from(move |_: MouseEvent| highlighted.set(Some(i)))
        };
        let onmouseleave = {
            let highlighted = highlighted.clone();
            Callback::from(move |_: MouseEvent| {
                if *highlighted == Some(i) {
                    highlighted.set(None)
                }
            })
        };
        let onblur = {
            let highlighted = highlighted.clone();
            Callback::from(move |_: FocusEvent| {
                if *highlighted == Some(i) {
                    highlighted.set(None)
                }
            })
        };
        let number = plans.get(i).and_then(|p| p.number);
        let lit = *highlighted == Some(i);
        html! {
            <button type="button" class={classes!(class, lit.then_some("highlighted"))} data-key={node_key(&node.key)} data-cell={i.to_string()}
                    data-number={number.map(|n| n.to_string())} data-highlighted={lit.then_some("true")}
                    style={style} tabindex={tabindex} aria-pressed={pressed.then_some("true")}
                    aria-label={describe(node, whole, s, budget)} {onclick} {onfocus} {onblur} {onmouseenter} {onmouseleave}>
                if !positioned {
                    if let Some(n) = number {
                        <span class="number" aria-hidden="true">{ label::number_text(n) }</span>
                    }
                    <span class="swatch" style={format!("background:{}", css_colour(fill_for(budget, &node.key, i)))}></span>
                    <span class="name">{ label(node, s).into_owned() }</span>
                    <span class="figures">{ figures_text(&figures(node, whole, s, budget)) }</span>
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
    // Until the box is measured, no cell counts as small. Listed: the numbered cells (no room
    // for a name) and every cell under 44 px either way, so that each is reachable by touch
    // through a row of full size.
    let small: Vec<usize> = if measured && plans.len() == level.nodes.len() {
        visible
            .iter()
            .copied()
            .filter(|&i| {
                plans[i].number.is_some()
                    || rects[i].width() < MIN_TARGET
                    || rects[i].height() < MIN_TARGET
            })
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
        let (level, rects, plan, budget) =
            (level.clone(), rects.clone(), plan.clone(), budget.clone());
        Callback::from(move |_: MouseEvent| {
            // The same layout, drawn again at twice the resolution for papers and slides.
            let document = web_sys::window().and_then(|w| w.document());
            let Some(canvas) = document
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            else {
                return;
            };
            let cells = cells(&budget, &level, &rects, &plan.0, None, None);
            draw::draw(&canvas, width, height, 2.0, &cells);
            if let Ok(url) = canvas.to_data_url_with_type("image/png") {
                let _ = super::download::click_link(&url, "kumamoto-sme-budget-chart.png");
            }
        })
    };

    html! {
        <div class="chart-block">
            <div class={classes!("chart", visible.is_empty().then_some("no-area"))} ref={container} id="chart"
                 data-plan={measured.then(|| plan.1.clone())}>
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
