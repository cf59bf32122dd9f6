//! The table: every matching line, sortable, with a totals row counting each measure once.
//! The accessible alternative to the charts, and what council papers print.

use super::strings::Strings;
use crate::core::action::Action;
use crate::core::chart::sorted_lines;
use crate::core::filter::Selection;
use crate::core::model::{Budget, MeasureId};
use crate::core::money;
use crate::core::view_state::{Column, Sort};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub budget: Rc<Budget>,
    pub selection: Rc<Selection>,
    pub sort: Sort,
    pub selected: Option<MeasureId>,
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
    let lines = sorted_lines(b, &props.selection, props.sort);
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
            <th scope="col" role="columnheader" class={class} aria-sort={aria}>
                <button type="button" class="sort" data-sort={column.key()}
                        onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::SortBy(column)))}>
                    { label }<span aria-hidden="true" class="arrow">{ arrow }</span>
                </button>
            </th>
        }
    };
    let sel = &props.selection;
    html! {
        <div class="table-wrap">
            <table id={(!props.printed).then_some("table")} role="table">
                <caption>{ format!("{}{}", s.view_table, s.paren(&s.measures(sel.measures))) }</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        { header(s.col_id, Column::Id, "id") }
                        { header(s.col_name, Column::Name, "name") }
                        { header(s.col_department, Column::Department, "dept") }
                        { header(s.col_amount, Column::Amount, "amount") }
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    { for lines.iter().map(|&i| {
                        let m = &b.measures[i];
                        let id = m.id;
                        let cb = props.on_action.clone();
                        let onclick = Callback::from(move |_: MouseEvent| cb.emit(Action::Select(Some(id))));
                        let amount = match (m.relisted_of, m.budget) {
                            (Some(_), Some(n)) => html! { <span class="relisted-amount">{ format!("({})", money::grouped(n)) }</span> },
                            (_, Some(n)) => html! { { money::grouped(n) } },
                            (_, None) => html! { { "-" } },
                        };
                        html! {
                            <tr role="row" key={id.to_string()} data-id={id.to_string()}
                                class={classes!((props.selected == Some(id)).then_some("selected"))}>
                                <td role="cell" class="id">{ id.to_string() }</td>
                                <th scope="row" role="rowheader" class="name">
                                    <button type="button" class="link" {onclick}>{ &m.name }</button>
                                    { marks(m, s) }
                                </th>
                                <td role="cell" class="dept">{ m.departments.join("・") }</td>
                                <td role="cell" class="amount">{ amount }</td>
                            </tr>
                        }
                    }) }
                </tbody>
                <tfoot role="rowgroup">
                    <tr role="row">
                        <th scope="row" role="rowheader" colspan="3">
                            { s.table_total }
                            { s.paren(&if sel.relistings > 0 {
                                format!("{}{}{}{}", s.measures(sel.measures), s.sep(), s.relisted_count(sel.relistings), s.without_relisted)
                            } else {
                                s.measures(sel.measures)
                            }) }
                        </th>
                        <td role="cell" class="amount" id={(!props.printed).then_some("table-total")}>{ money::grouped(sel.total) }</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// Marks as small text badges (never colour alone).
pub fn marks(m: &crate::core::model::Measure, s: &Strings) -> Html {
    html! {
        <span class="badges">
            if m.marks.key { <span class="badge key">{ s.key }</span> }
            if m.marks.new { <span class="badge new">{ s.new }</span> }
            if m.marks.covid { <span class="badge covid">{ s.covid }</span> }
            if m.is_relisting() { <span class="badge relisted">{ s.relisted }</span> }
        </span>
    }
}
