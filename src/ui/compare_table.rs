//! The comparison's table: each compared line with both years' amounts, the change and how it was
//! matched, sortable by any column (a line without a change sorts below every change). At most
//! `ROWS_SHOWN` rows are rendered; the CSV holds them all.

use super::compare::{amount_or_dash, entry_id, entry_name};
use super::state::Data;
use crate::core::compare::{self, Comparison, Entry};
use crate::core::present::strings::Strings;
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

const ROWS_SHOWN: usize = 300;

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
    html! {
        <section class="compare-table" aria-labelledby="compare-table-h">
            <h3 id="compare-table-h">{ s.compare_table }</h3>
            <div class="table-scroll">
                <table id="compare-table">
                    <thead><tr>
                        { header(Col::Order, s.col_id, false) }
                        { header(Col::Name, s.col_name, false) }
                        { header(Col::Earlier, s.earlier, true) }
                        { header(Col::Later, s.later, true) }
                        { header(Col::Change, s.change, true) }
                        { header(Col::Percent, s.change_pct, true) }
                        { header(Col::Method, s.matched_by, false) }
                    </tr></thead>
                    <tbody>{ for rows.iter().take(ROWS_SHOWN).map(|&i| {
                        let e = &c.entries[i];
                        let on_select = props.on_select.clone();
                        let pct = e.percent().map_or_else(|| if e.change().is_some() { "—".to_string() } else { String::new() }, |p| s.signed_percent(p));
                        html! {
                            <tr key={i} data-id={entry_id(&eb, &lb, e)}>
                                <td>{ entry_id(&eb, &lb, e) }</td>
                                <td><button type="button" class="link" onclick={Callback::from(move |_: MouseEvent| on_select.emit(i))}>{ entry_name(&eb, &lb, e) }</button></td>
                                <td class="num">{ if e.pair.before.is_some() { amount_or_dash(s, e.before) } else { String::new() } }</td>
                                <td class="num">{ if e.pair.after.is_some() { amount_or_dash(s, e.after) } else { String::new() } }</td>
                                <td class="num">{ e.change().map_or_else(|| if e.pair.before.is_some() && e.pair.after.is_some() { s.not_compared.to_string() } else { String::new() }, |d| s.signed_amount(d)) }</td>
                                <td class="num">{ pct }</td>
                                <td>{ s.method(e.pair.method) }</td>
                            </tr>
                        }
                    }) }</tbody>
                </table>
            </div>
            if rows.len() > ROWS_SHOWN {
                <p class="more">{ s.others(rows.len() - ROWS_SHOWN) }{ s.colon() }{ s.save_compare_csv }</p>
            }
        </section>
    }
}
