//! The treemap: a canvas drawn from a finished layout, with one real button over each cell laid
//! out from the same rectangles, so what is tapped (or focused and entered) is what was drawn.
//! Cells without area (no amount, 【再掲】) and cells too small for a name are listed below; the
//! latter carry a number, drawn in the cell and shown on the row, and hovering or focusing
//! either highlights both.

use super::draw;
use super::hooks::{use_resize_observer, Observed};
use super::state::Data;
use super::transition::{self, Item, Kind, Transition};
use crate::core::aggregate::NodeKey;
use crate::core::chart::{Crumb, Level, Shape};
use crate::core::decimal::short;
use crate::core::label::{self, node_name as label, spoken_figures, CellPlan};
use crate::core::model::LineId;
use crate::core::picture::{cells, describe, Cell};
use crate::core::present::colour::{css_colour, dimmed, fill_for, Rgb};
use crate::core::present::strings::Strings;
use crate::core::treemap::{self, Heading, Rect, GOLDEN};
use crate::core::view_state::Drill;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
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

/// A breadcrumb in the UI's language (the words are the core's, for the picture's frame too).
pub use crate::core::present::conditions::crumb_label;

/// The finished picture of a level as a transition's rectangles (cells with area only).
fn items(level: &Level, cells: &[Cell], gap: Rgb) -> Vec<Item> {
    level
        .nodes
        .iter()
        .zip(cells)
        .filter(|(_, c)| c.rect.area() > 0.0)
        .map(|(n, c)| Item {
            key: node_key(&n.key),
            rect: c.rect,
            fill: c.drawn_fill(gap),
            alpha: 1.0,
        })
        .collect()
}

/// The node a breadcrumb stands for in its parent level (its cell there), by DOM key.
fn crumb_key(c: &Crumb) -> Option<String> {
    if c.others_page > 0 {
        return Some(node_key(&NodeKey::Others));
    }
    let key = match &c.drill {
        Drill::Top => return None,
        Drill::Direction(d) => NodeKey::Direction(*d),
        Drill::Initiative(i) => NodeKey::Initiative(*i),
        Drill::DepartmentGroup(g) => NodeKey::DepartmentGroup(g.clone()),
    };
    Some(node_key(&key))
}

/// How the picture should move from level `old` to `new`, if at all: one step down or up the
/// breadcrumbs zooms, a new layout of the same level morphs; anything else (a jump, a resize,
/// only the dimming changed) is shown at once.
fn motion_between(old: &Level, new: &Level, from: &[Item], to: &[Item]) -> Option<Kind> {
    let (a, b) = (&old.crumbs, &new.crumbs);
    if b.len() == a.len() + 1 && b[..a.len()] == a[..] {
        return b.last().and_then(crumb_key).map(Kind::Into);
    }
    if a.len() == b.len() + 1 && a[..b.len()] == b[..] {
        return a.last().and_then(crumb_key).map(Kind::OutOf);
    }
    let moved = from.len() != to.len()
        || from
            .iter()
            .zip(to)
            .any(|(x, y)| x.key != y.key || x.rect != y.rect);
    (a == b && moved).then_some(Kind::Morph)
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// A transition being played: its pictures, and the finished picture to end on.
struct Running {
    transition: Transition,
    /// The first frame's time (set by that frame).
    start: Option<f64>,
    finish: Vec<Cell>,
    items: Vec<Item>,
}

/// A finished picture: its cells, at (CSS width, height, pixel ratio), on a page of this colour.
type Drawn = (Vec<Cell>, (f64, f64, f64), Rgb);

/// What the canvas shows and is about to show. Frames are drawn from `requestAnimationFrame`
/// and never hold anything up: the buttons already sit on the finished layout.
#[derive(Default)]
struct Motion {
    canvas: Option<HtmlCanvasElement>,
    /// Where the frame counts are written (`data-frames`, `data-draws`) for the browser tests.
    chart: Option<web_sys::Element>,
    size: (f64, f64, f64),
    level: Option<Rc<Level>>,
    /// The picture on the canvas now (a new transition starts from it).
    shown: Vec<Item>,
    /// The last finished picture drawn, so that an unchanged one is not drawn again.
    drawn: Option<Drawn>,
    running: Option<Running>,
    frame: Option<Closure<dyn FnMut(f64)>>,
    pending: Option<i32>,
    frames: u32,
    draws: u32,
}

impl Motion {
    /// Draws the finished picture (labels and all), unless the canvas shows it already.
    fn finish(&mut self, cells: Vec<Cell>, items: Vec<Item>) {
        let (width, height, ratio) = self.size;
        let gap = draw::gap();
        let same = self
            .drawn
            .as_ref()
            .is_some_and(|(c, size, g)| *c == cells && *size == self.size && *g == gap);
        self.shown = items;
        if same {
            return;
        }
        if let Some(el) = &self.canvas {
            draw::draw(el, width, height, ratio, &cells);
            self.draws += 1;
            self.count("data-draws", self.draws);
        }
        self.drawn = Some((cells, self.size, gap));
    }

    fn count(&self, name: &str, n: u32) {
        if let Some(el) = &self.chart {
            let _ = el.set_attribute(name, &n.to_string());
        }
    }

    fn request(&mut self) {
        if self.pending.is_some() {
            return;
        }
        if let (Some(w), Some(f)) = (web_sys::window(), &self.frame) {
            self.pending = w.request_animation_frame(f.as_ref().unchecked_ref()).ok();
        }
    }

    fn cancel(&mut self) {
        self.running = None;
        if let (Some(w), Some(id)) = (web_sys::window(), self.pending.take()) {
            let _ = w.cancel_animation_frame(id);
        }
    }

    /// One animation frame at time `now` (ms).
    fn step(&mut self, now: f64) {
        self.pending = None;
        let Some(run) = self.running.as_mut() else {
            return;
        };
        let start = *run.start.get_or_insert(now);
        let t = (now - start) / transition::DURATION_MS;
        if t >= 1.0 {
            if let Some(run) = self.running.take() {
                self.finish(run.finish, run.items);
            }
            return;
        }
        let picture = run.transition.at(t);
        if let Some(el) = &self.canvas {
            let (width, height, ratio) = self.size;
            let rects: Vec<_> = picture.iter().map(|i| (i.rect, i.fill, i.alpha)).collect();
            draw::draw_frame(el, width, height, ratio, &rects);
            // The canvas no longer shows the finished picture.
            self.drawn = None;
            self.frames += 1;
            self.count("data-frames", self.frames);
        }
        self.shown = picture;
        self.request();
    }
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
    // (Both `_eq`: a level that only re-dims resets them to what they are, which must not
    // render the chart again.)
    let active = use_state_eq(|| 0usize);
    let moved_by_keyboard = use_mut_ref(|| false);
    // The cell whose cell or list row is hovered or focused.
    let highlighted = use_state_eq(|| None::<usize>);

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
    // What the layout and the labels depend on: not what matches, so that a keystroke (which
    // only re-dims the same cells) neither lays out nor plans the labels again.
    let shape = (props.data.clone(), Shape(level.clone()));
    let rects: Rc<Vec<Rect>> = {
        let level = level.clone();
        // Dependencies are compared by value (an Rc of an `Eq` type first by pointer): never by
        // address alone, which a new allocation can reuse.
        use_memo(
            (shape.clone(), width.to_bits(), height.to_bits()),
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
        use_memo((rects.clone(), shape.clone(), s.lang), move |_| {
            label::level_plan(&budget, &level, &rects, s, draw::word_breaks)
        })
    };
    let plans = &plan.0;

    // The canvas, its frames and the picture it shows; the frame callback is made once.
    let motion = use_mut_ref(Motion::default);
    {
        let motion = motion.clone();
        use_effect_with((), move |_| {
            let weak = Rc::downgrade(&motion);
            motion.borrow_mut().frame = Some(Closure::new(move |now: f64| {
                if let Some(m) = weak.upgrade() {
                    m.borrow_mut().step(now);
                }
            }));
            move || {
                let mut m = motion.borrow_mut();
                m.cancel();
                m.frame = None;
            }
        });
    }

    // Draw whenever layout, labels, selection or highlight change: at once, or through a
    // transition.
    {
        let (canvas, container, level, rects, plan, budget, motion) = (
            canvas.clone(),
            container.clone(),
            level.clone(),
            rects.clone(),
            plan.clone(),
            budget.clone(),
            motion.clone(),
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
                let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let ratio = web_sys::window()
                    .map(|w| w.device_pixel_ratio())
                    .unwrap_or(1.0)
                    .max(1.0);
                let cells = cells(&budget, &level, &rects, &plan.0, selected, *highlighted);
                let to = items(&level, &cells, draw::gap());
                // What is drawn highlighted, for the browser tests.
                let lit = highlighted.map(|i| i.to_string()).unwrap_or_default();
                let _ = el.set_attribute("data-highlighted", &lit);
                let mut m = motion.borrow_mut();
                m.canvas = Some(el);
                m.chart = container.cast::<web_sys::Element>();
                let size = (width, height, ratio);
                let resized = m.size != size;
                // Only the selection or the highlight changed while a transition plays (a tap
                // leaves the pointer over a cell of the new level): it plays on, and ends on the
                // new finished picture.
                let same_level = m.level.as_ref().is_some_and(|old| **old == *level);
                if !resized && same_level {
                    if let Some(run) = m.running.as_mut() {
                        run.finish = cells;
                        run.items = to;
                        return;
                    }
                }
                m.size = size;
                let kind = match (&m.level, resized || reduced_motion() || m.shown.is_empty()) {
                    (Some(old), false) => motion_between(old, &level, &m.shown, &to),
                    _ => None,
                };
                m.level = Some(level.clone());
                m.cancel();
                match kind {
                    Some(kind) => {
                        let frame = Rect::new(0.0, 0.0, width, height);
                        m.running = Some(Running {
                            transition: Transition {
                                from: std::mem::take(&mut m.shown),
                                to: to.clone(),
                                kind,
                                frame,
                            },
                            start: None,
                            finish: cells,
                            items: to,
                        });
                        m.request();
                    }
                    None => m.finish(cells, to),
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

    // The page's colour behind the cells, read once per render (a media query).
    let gap = draw::gap();
    let button = |i: usize, class: &'static str, positioned: bool| {
        let node = &level.nodes[i];
        let r = rects[i];
        let key = node.key.clone();
        let on_activate = props.on_activate.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_activate.emit(key.clone()));
        let style = positioned.then(|| {
            let px = |v: f64| short(v, 3);
            format!(
                "left:{}px;top:{}px;width:{}px;height:{}px",
                px(r.x0),
                px(r.y0),
                px(r.width()),
                px(r.height())
            )
        });
        let pressed = matches!(node.key, NodeKey::Line(id) if Some(id) == props.selected);
        let matching = node.matches();
        let number = plans.get(i).and_then(|p| p.number);
        let lit = *highlighted == Some(i);
        let class = classes!(
            class,
            (!matching).then_some("dimmed"),
            lit.then_some("highlighted")
        );
        // The list's swatch is the cell's colour as drawn.
        let fill = fill_for(budget, &node.key, i);
        let swatch = if matching { fill } else { dimmed(fill, gap) };
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
        let unlight = {
            let highlighted = highlighted.clone();
            move || {
                if *highlighted == Some(i) {
                    highlighted.set(None)
                }
            }
        };
        let onmouseleave = {
            let unlight = unlight.clone();
            Callback::from(move |_: MouseEvent| unlight())
        };
        let onblur = Callback::from(move |_: FocusEvent| unlight());
        html! {
            <button type="button" class={class} data-key={node_key(&node.key)} data-cell={i.to_string()}
                    data-match={if matching { "1" } else { "0" }}
                    data-number={number.map(|n| n.to_string())} data-highlighted={lit.then_some("true")}
                    style={style} tabindex={tabindex} aria-pressed={pressed.then_some("true")}
                    aria-label={describe(node, level, s, budget)} {onclick} {onfocus} {onblur} {onmouseenter} {onmouseleave}>
                if !positioned {
                    if let Some(n) = number {
                        <span class="number" aria-hidden="true">{ label::number_text(n) }</span>
                    }
                    <span class="swatch" style={format!("background:{}", css_colour(swatch))}></span>
                    <span class="name">{ label(node, s).into_owned() }</span>
                    <span class="figures">
                        if !matching { { s.no_match_cell }{ " · " } }
                        { label::figures_line(&spoken_figures(node, level, s, budget)) }
                    </span>
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
    // Until the box is measured, no cell counts as small (meanwhile the page's static list of
    // that box stands in: the takeover script of xtask's prerender).
    let small: Vec<usize> = if measured {
        label::small_cells(level, &rects, plans)
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
