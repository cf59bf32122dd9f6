//! The comparison's table: each compared line with both years' amounts, the change and how it was
//! matched, sortable by any column (a line without a change sorts below every change). Every
//! line is in it; a long one renders only the rows near the screen, as the main table does
//! (`ui::virtual_rows`), and on paper its first `table::PRINT_ROWS` rows.

use super::compare::{amount_or_dash, entry_id, entry_name};
use super::hooks::use_window_event;
use super::state::Data;
use super::table::{PRINT_ROWS, VIRTUAL_ABOVE};
use super::virtual_rows::use_virtual_rows;
use crate::core::compare::{self, Comparison, Entry};
use crate::core::present::strings::Strings;
use crate::core::virtual_rows::Piece;
use std::cmp::Ordering;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareTableProps {
    pub earlier: Data,
    pub later: Data,
    pub comparison: Rc<Comparison>,
    pub on_select: Callback<usize>,
    pub strings: &'static Strings,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    /// The entries' own order: the later file's lines, then those that ended.
    Order,
    Name,
    Earlier,
    Later,
    Change,
    Percent,
    Method,
}

/// `None` last in either direction.
fn by<T: PartialOrd>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let o = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            if descending {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[function_component]
pub fn CompareTable(props: &CompareTableProps) -> Html {
    let s = props.strings;
    let c = props.comparison.clone();
    let sort = use_state_eq(|| (Col::Order, false));
    let (eb, lb) = (props.earlier.budget.clone(), props.later.budget.clone());
    let rows = {
        let (eb, lb) = (eb.clone(), lb.clone());
        use_memo((c.clone(), *sort), move |(c, (col, desc))| {
            let mut rows: Vec<usize> = (0..c.entries.len()).collect();
            let e = |i: usize| -> &Entry { &c.entries[i] };
            let desc = *desc;
            if *col == Col::Order {
                if desc {
                    rows.reverse();
                }
                return rows;
            }
            let order = |a: usize, b: usize| match col {
                Col::Name => by(
                    Some(entry_name(&eb, &lb, e(a))),
                    Some(entry_name(&eb, &lb, e(b))),
                    desc,
                ),
                Col::Earlier => by(e(a).before, e(b).before, desc),
                Col::Later => by(e(a).after, e(b).after, desc),
                Col::Change => by(e(a).change(), e(b).change(), desc),
                Col::Percent => by(e(a).percent(), e(b).percent(), desc),
                _ => by(
                    e(a).pair.method.map(|m| m.key()),
                    e(b).pair.method.map(|m| m.key()),
                    desc,
                ),
            };
            compare::sort_indices(&mut rows, &order);
            rows
        })
    };
    let count = rows.len();
    // Printing renders the first rows in full (the page prints what is in it).
    let printing = use_state_eq(|| false);
    {
        let set = printing.setter();
        let unset = printing.setter();
        use_window_event("beforeprint", Callback::from(move |_| set.set(true)));
        use_window_event("afterprint", Callback::from(move |_| unset.set(false)));
    }
    let virtualised = !*printing && count > VIRTUAL_ABOVE;
    let body = use_node_ref();
    let table = use_node_ref();
    let span = use_virtual_rows(count, virtualised, body.clone(), s.lang);
    // The row holding the keyboard focus (an entry) stays in the page wherever the span goes.
    let focused = use_state_eq(|| None::<usize>);
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| {
            let entry = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("tr[data-entry]").ok().flatten())
                .and_then(|tr| tr.get_attribute("data-entry"))
                .and_then(|text| text.parse().ok());
            focused.set(entry);
        })
    };
    let onfocusout = {
        let (focused, body) = (focused.clone(), body.clone());
        Callback::from(move |e: FocusEvent| {
            use wasm_bindgen::JsCast;
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
    // A new order starts at its first row: scrolled deep into a long table, rows at the old
    // place would be arbitrary ones of the new order.
    {
        let table = table.clone();
        let previous = use_mut_ref(|| *sort);
        use_effect_with(*sort, move |&now| {
            let changed = std::mem::replace(&mut *previous.borrow_mut(), now) != now;
            let top = table
                .cast::<web_sys::Element>()
                .map(|t| t.get_bounding_client_rect().top());
            if let (true, true, Some(top), Some(w)) = (changed, virtualised, top, web_sys::window())
            {
                if top < 0.0 {
                    w.scroll_by_with_x_and_y(0.0, top);
                }
            }
        });
    }
    let header = |col: Col, label: &'static str, numeric: bool| {
        let (current, desc) = *sort;
        let aria = match (current == col, desc) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let sort = sort.clone();
        // A figure column starts with the largest.
        let next = if current == col { !desc } else { numeric };
        html! {
            <th scope="col" aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="sort" onclick={Callback::from(move |_: MouseEvent| sort.set((col, next)))}>{ label }</button>
            </th>
        }
    };
    let kept = focused.and_then(|entry| rows.iter().position(|&i| i == entry));
    let pieces = if virtualised {
        span.span.pieces(count, kept)
    } else {
        vec![Piece::Rows(0..count.min(PRINT_ROWS))]
    };
    let row = |position: usize| {
        let i = rows[position];
        let e = &c.entries[i];
        let on_select = props.on_select.clone();
        let pct = e.percent().map_or_else(
            || {
                if e.change().is_some() {
                    "—".to_string()
                } else {
                    String::new()
                }
            },
            |p| s.signed_percent(p),
        );
        let id = entry_id(&eb, &lb, e);
        let name = entry_name(&eb, &lb, e);
        html! {
            <tr key={i} data-id={id.clone()} data-entry={i.to_string()} aria-rowindex={(position + 2).to_string()}>
                <td>{ id }</td>
                <td class="name"><button type="button" class="link" title={virtualised.then(|| name.to_string())}
                        onclick={Callback::from(move |_: MouseEvent| on_select.emit(i))}>{ name }</button></td>
                <td class="num">{ if e.pair.before.is_some() { amount_or_dash(s, e.before) } else { String::new() } }</td>
                <td class="num">{ if e.pair.after.is_some() { amount_or_dash(s, e.after) } else { String::new() } }</td>
                <td class="num">{ e.change().map_or_else(|| if e.pair.before.is_some() && e.pair.after.is_some() { s.not_compared.to_string() } else { String::new() }, |d| s.signed_amount(d)) }</td>
                <td class="num">{ pct }</td>
                <td>{ s.method(e.pair.method) }</td>
            </tr>
        }
    };
    let shown: usize = pieces
        .iter()
        .map(|p| match p {
            Piece::Rows(r) => r.len(),
            Piece::Spacer { .. } => 0,
        })
        .sum();
    let children: Vec<Html> = pieces
        .into_iter()
        .flat_map(|p| match p {
            Piece::Spacer { height, .. } if height <= 0.0 => Vec::new(),
            Piece::Spacer { key, height } => vec![html! {
                <tr key={key} class="spacer" aria-hidden="true" style={format!("height:{}px", crate::core::decimal::short(height, 3))}><td colspan="7"></td></tr>
            }],
            Piece::Rows(r) => r.map(row).collect(),
        })
        .collect();
    html! {
        <section class={classes!("compare-table", virtualised.then_some("virtual"))} aria-labelledby="compare-table-h">
            <h3 id="compare-table-h">{ s.compare_table }</h3>
            <div class="table-scroll">
                <table id="compare-table" ref={table} aria-rowcount={(count + 1).to_string()}>
                    <thead><tr aria-rowindex="1">
                        { header(Col::Order, s.col_id, false) }
                        { header(Col::Name, s.col_name, false) }
                        { header(Col::Earlier, s.earlier, true) }
                        { header(Col::Later, s.later, true) }
                        { header(Col::Change, s.change, true) }
                        { header(Col::Percent, s.change_pct, true) }
                        { header(Col::Method, s.matched_by, false) }
                    </tr></thead>
                    <tbody ref={body} {onfocusin} {onfocusout}>{ for children }</tbody>
                </table>
            </div>
            if !virtualised && shown < count {
                <p class="more">{ s.others(count - shown) }{ s.colon() }{ s.save_compare_csv }</p>
            }
        </section>
    }
}
