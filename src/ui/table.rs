//! The table: every matching line, sortable, with a totals row counting each measure once.
//! The accessible alternative to the charts, and what council papers print.
//!
//! A long table (an opened file of thousands of lines) renders only the rows near the screen,
//! between two spacers as tall as the rows left out, so the page scrolls as if every row were
//! there. The page itself scrolls (no scroll box inside it, which touch tablets handle badly);
//! `core::virtual_rows` decides which rows, from the table's place on screen (`ui::virtual_rows`).

use super::virtual_rows::use_virtual_rows;
use crate::core::action::Action;
use crate::core::decimal::short;
use crate::core::filter::Selection;
use crate::core::model::{Budget, LineId};
use crate::core::present::colour::{css_colour, direction_colour};
use crate::core::present::outside::{self, Around};
use crate::core::present::strings::Strings;
use crate::core::table::sorted_lines;
use crate::core::view_state::{Column, Sort};
use crate::core::virtual_rows::Piece;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Above this many lines only the rows near the screen are rendered. Up to it every row is in
/// the page (a few milliseconds to render), so find-in-page, printing the view and a screen
/// reader's table commands see the whole table; the embedded list has 63 lines.
pub const VIRTUAL_ABOVE: usize = 200;

/// Lines the printed copy holds at most, about ten A4 pages; the CSV download has every line.
pub const PRINT_ROWS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub budget: Rc<Budget>,
    pub selection: Rc<Selection>,
    pub sort: Sort,
    pub selected: Option<LineId>,
    pub on_action: Callback<Action>,
    pub strings: &'static Strings,
    /// The copy made for print under a chart: no ids (the page has its own), no controls.
    #[prop_or_default]
    pub printed: bool,
}

#[function_component]
pub fn Table(props: &TableProps) -> Html {
    let s = props.strings;
    let b = &props.budget;
    // Sorted once per dataset, filter and order, not on every scroll.
    let lines = {
        let (budget, selection, sort) = (props.budget.clone(), props.selection.clone(), props.sort);
        use_memo((budget, selection, sort), |(b, sel, sort)| {
            sorted_lines(b, sel, *sort)
        })
    };
    // The whole budget, which each line's share is of (as in its details).
    let whole = *use_memo(props.budget.clone(), |b| Selection::all(b).total);
    let count = lines.len();
    let virtualised = !props.printed && count > VIRTUAL_ABOVE;

    let body = use_node_ref();
    let table = use_node_ref();
    // Another language can change a row's height.
    let rows = Rc::new(use_virtual_rows(count, virtualised, body.clone(), s.lang));
    let span = rows.span.clone();
    let pending_focus = use_mut_ref(|| None::<LineId>);
    // Which row has the keyboard focus (kept in the page while it does).
    let focused = use_state_eq(|| None::<LineId>);
    let onfocusin = {
        let (focused, budget) = (focused.clone(), props.budget.clone());
        Callback::from(move |e: FocusEvent| {
            let id = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("tr[data-id]").ok().flatten())
                .and_then(|tr| tr.get_attribute("data-id"))
                .and_then(|text| LineId::parse(&text))
                .filter(|id| budget.line(*id).is_some());
            focused.set(id);
        })
    };
    let onfocusout = {
        let (focused, body) = (focused.clone(), body.clone());
        Callback::from(move |e: FocusEvent| {
            // Focus leaving the rows altogether (not moving to another row).
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(body.cast::<web_sys::Node>())
                .is_some_and(|(to, body)| body.contains(Some(&to)));
            if !inside {
                focused.set(None);
            }
        })
    };
    {
        let (pending_focus, body) = (pending_focus.clone(), body.clone());
        // After every render (and after the rows' own effect has placed them).
        use_effect(move || {
            // Focus waiting for its row, which the render just made (details closed on a row far
            // away); asked once only, so that it never lands later by surprise.
            let waiting = pending_focus.borrow_mut().take();
            if let Some(id) = waiting {
                if let Some(button) = body
                    .cast::<web_sys::Element>()
                    .and_then(|b| b.query_selector(&format!("[data-key='m{id}']")).ok())
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            }
        });
    }
    // A new order starts at its first row: scrolled deep into a long table, rows at the old
    // place would be arbitrary ones of the new order.
    {
        let (table, rows) = (table.clone(), rows.clone());
        let previous = use_mut_ref(|| props.sort);
        use_effect_with(props.sort, move |&sort| {
            let changed = std::mem::replace(&mut *previous.borrow_mut(), sort) != sort;
            let on = virtualised;
            let top = table
                .cast::<web_sys::Element>()
                .map(|t| t.get_bounding_client_rect().top());
            if let (true, true, Some(top), Some(w)) = (changed, on, top, web_sys::window()) {
                if top < 0.0 {
                    w.scroll_by_with_x_and_y(0.0, top);
                    rows.place();
                }
            }
        });
    }
    // Details closed: the row that opened them gets the focus back (the app does that for a row
    // on the page; a row far away is scrolled to and rendered first).
    {
        let (lines, budget, rows, body) = (
            lines.clone(),
            props.budget.clone(),
            rows.clone(),
            body.clone(),
        );
        let pending_focus = pending_focus.clone();
        let previous = use_mut_ref(|| props.selected);
        use_effect_with(props.selected, move |&selected| {
            let was = std::mem::replace(&mut *previous.borrow_mut(), selected);
            let on = virtualised;
            let (Some(id), None, true) = (was, selected, on) else {
                return;
            };
            let rendered = body
                .cast::<web_sys::Element>()
                .and_then(|b| b.query_selector(&format!("[data-key='m{id}']")).ok())
                .flatten()
                .is_some();
            let index = lines.iter().position(|&i| budget.lines[i].id == id);
            if let (false, Some(i), Some(tbody), Some(w)) = (
                rendered,
                index,
                body.cast::<web_sys::Element>(),
                web_sys::window(),
            ) {
                let (row_height, viewport) = rows.row_height_and_viewport();
                let row_top = tbody.get_bounding_client_rect().top() + i as f64 * row_height;
                w.scroll_by_with_x_and_y(0.0, row_top - (viewport - row_height) / 2.0);
                *pending_focus.borrow_mut() = Some(id);
                rows.place();
            }
        });
    }

    // A column that does not sort (its order is another's: direction follows the number,
    // share the amount).
    let plain_header = |label: &str, class: &'static str| {
        html! {
            <th scope="col" role="columnheader" class={class}>{ label }</th>
        }
    };
    let header = |label: &str, column: Column, class: &'static str| {
        let sorted = props.sort.column == column;
        let aria = sorted.then_some(if props.sort.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = match (sorted, props.sort.descending) {
            (false, _) => "↕",
            (true, false) => "▲",
            (true, true) => "▼",
        };
        let cb = props.on_action.clone();
        html! {
            <th scope="col" role="columnheader" class={class} aria-sort={aria} data-label={label.to_string()}>
                <button type="button" class="sort" data-sort={column.key()}
                        onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::SortBy(column)))}>
                    { label }<span aria-hidden="true" class="arrow">{ arrow }</span>
                </button>
            </th>
        }
    };
    let sel = &props.selection;
    // The row holding the keyboard focus stays in the page wherever the span goes.
    let kept = focused
        .as_ref()
        .and_then(|id| lines.iter().position(|&i| b.lines[i].id == *id));
    let pieces = if virtualised {
        span.pieces(count, kept)
    } else if props.printed {
        vec![Piece::Rows(0..count.min(PRINT_ROWS))]
    } else {
        vec![Piece::Rows(0..count)]
    };
    let shown: usize = pieces
        .iter()
        .map(|p| match p {
            Piece::Rows(r) => r.len(),
            Piece::Spacer { .. } => 0,
        })
        .sum();
    // Keyed like the rows, so that the rows keep their elements (and focus) as the span moves.
    let spacer = |key: &'static str, height: f64| {
        html! {
            <tr key={key} class="spacer" aria-hidden="true" style={format!("height:{}px", short(height, 3))}>
                <td colspan="6"></td>
            </tr>
        }
    };
    let row = |position: usize| {
        let line = lines[position];
        let id = b.lines[line].id;
        html! {
            <Row key={id.to_string()} budget={props.budget.clone()} {line} {position} {whole}
                 selected={props.selected == Some(id)} clamped={virtualised} printed={props.printed}
                 on_action={props.on_action.clone()} strings={s} />
        }
    };
    // Lines the printed copy leaves out (the on-screen table leaves none out: it scrolls to them).
    let left_out = if props.printed { count - shown } else { 0 };
    // One flat keyed list, so that a row keeps its element (and focus) as it moves between the
    // span and its kept place.
    let children: Vec<Html> = pieces
        .into_iter()
        .flat_map(|p| match p {
            Piece::Spacer { height, .. } if height <= 0.0 => Vec::new(),
            Piece::Spacer { key, height } => vec![spacer(key, height)],
            Piece::Rows(r) => r.map(row).collect(),
        })
        .collect();
    html! {
        <div class={classes!("table-wrap", virtualised.then_some("virtual"))}>
            // The direction column's word, explained where the table first shows it.
            if !props.printed {
                <p class="term-note" id="table-terms">{ s.plan_terms(b.directions.len(), b.initiatives.len()) }</p>
            }
            <table id={(!props.printed).then_some("table")} role="table" ref={table}
                   aria-rowcount={(count + 2).to_string()}>
                <caption>{ format!("{}{}", s.view_table, s.paren(&s.measures(sel.measures))) }</caption>
                <thead role="rowgroup">
                    <tr role="row" aria-rowindex="1">
                        { header(s.col_id, Column::Id, "id") }
                        { header(s.col_name, Column::Name, "name") }
                        { plain_header(s.col_direction, "dir") }
                        { header(s.col_department, Column::Department, "dept") }
                        { header(s.col_budget, Column::Amount, "amount") }
                        { plain_header(s.col_share, "whole-share") }
                    </tr>
                </thead>
                <tbody role="rowgroup" ref={body} {onfocusin} {onfocusout}>
                    { for children }
                </tbody>
                <tfoot role="rowgroup">
                    <tr role="row" aria-rowindex={(count + 2).to_string()}>
                        <th scope="row" role="rowheader" colspan="4">
                            { s.total_row(sel.measures, sel.relistings) }
                        </th>
                        <td role="cell" class="amount" id={(!props.printed).then_some("table-total")}>{ amount_with_units(sel.total, s) }</td>
                        <td role="cell" class="whole-share">{ s.share_of_whole(sel.total, whole) }</td>
                    </tr>
                </tfoot>
            </table>
            if left_out > 0 {
                <p class="print-note">{ s.printed_rows(count - left_out, count) }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    budget: Rc<Budget>,
    /// The line (an index into the budget's measures).
    line: usize,
    /// Its place in the table's order, from 0.
    position: usize,
    /// The whole budget's total, which its share is of.
    whole: u64,
    selected: bool,
    /// One line high, the full name and departments in titles (a long table).
    clamped: bool,
    printed: bool,
    on_action: Callback<Action>,
    strings: &'static Strings,
}

/// One line of the table; a component so that rows still on screen are not rendered again as
/// the long table scrolls (their props are unchanged).
#[function_component]
fn Row(props: &RowProps) -> Html {
    let s = props.strings;
    let m = &props.budget.lines[props.line];
    let id = m.id;
    let cb = props.on_action.clone();
    let onclick = Callback::from(move |_: MouseEvent| cb.emit(Action::Select(Some(id))));
    let b = &props.budget;
    // Each amount with its unit, rounded and exact; a relisting's in brackets (it counts at
    // its original, named under the name).
    let (amount, share) = match (m.relisted_of, m.amount) {
        (Some(_), Some(n)) => (
            html! { <span class="relisted-amount">{ format!("({})", s.exact(n)) }</span> },
            String::new(),
        ),
        (_, Some(n)) => (amount_with_units(n, s), s.share_of_whole(n, props.whole)),
        (_, None) => (html! { { "-" } }, "-".to_string()),
    };
    let original = m
        .relisted_of
        .and_then(|of| b.line(of))
        .map(|o| s.original_line(o.id.initiative.0, &o.name));
    let direction = b.direction_of(m).and_then(|d| b.direction(d));
    let departments = m.departments.join("・");
    let title = |text: &str| props.clamped.then(|| AttrValue::from(text.to_string()));
    html! {
        <tr role="row" data-id={id.to_string()} aria-rowindex={(props.position + 2).to_string()}
            class={classes!(props.selected.then_some("selected"))}>
            <td role="cell" class="id">{ id.to_string() }</td>
            <th scope="row" role="rowheader" class="name">
                <span class="name-line">
                    <button type="button" class="link" data-key={(!props.printed).then(|| format!("m{id}"))}
                            title={title(&m.name)} {onclick}><bdi>{ outside::visible(&m.name) }</bdi></button>
                    { marks(m, s) }
                </span>
                if let Some(o) = &original {
                    <span class="original" title={title(&o.plain())}>{ around(o) }</span>
                }
            </th>
            <td role="cell" class="dir">
                if let Some(d) = direction {
                    <span class="swatch" style={format!("background:{}", css_colour(direction_colour(b, d.id)))}></span>
                    { around(&s.direction_chip(d.id.0, s.title(&d.title))) }
                }
            </td>
            <td role="cell" class="dept" title={title(&departments)}><bdi>{ outside::visible(&departments) }</bdi></td>
            <td role="cell" class="amount">{ amount }</td>
            <td role="cell" class="whole-share">{ share }</td>
        </tr>
    }
}

/// An amount as people read it and exactly, each with its unit: "5.8億円" "578,800千円".
fn amount_with_units(thousand_yen: u64, s: &Strings) -> Html {
    html! { <>
        <span class="readable">{ s.amount(thousand_yen) }</span>
        { " " }
        <span class="exact">{ s.exact(thousand_yen) }</span>
    </> }
}

/// Our words around outside text: the outside part isolated, its bidi controls shown, so that
/// it can neither reorder our words nor pass for them.
pub fn around(a: &Around) -> Html {
    html! { <>{ a.before.clone() }<bdi>{ outside::visible(&a.outside) }</bdi>{ a.after.clone() }</> }
}

/// Marks as small text badges (never colour alone).
pub fn marks(m: &crate::core::model::Line, s: &Strings) -> Html {
    html! {
        <span class="badges">
            if m.marks.key_measure { <span class="badge key">{ s.key_measure }</span> }
            if m.marks.new { <span class="badge new">{ s.new }</span> }
            if m.marks.covid { <span class="badge covid">{ s.covid }</span> }
            if m.is_relisting() { <span class="badge relisted">{ s.relisted }</span> }
        </span>
    }
}
