//! The comparison view (issue 17): which two files, the totals and their change for the whole and
//! per direction, initiative and department, the lists of new, ended, grown and shrunk measures,
//! the later year's treemap coloured by change, the table of both years and a measure's details.
//! Everything shown comes from `core::compare`; this only lays it out.

use super::compare_corrections::CompareCorrections;
use super::compare_details::CompareDetails;
use super::compare_groups::{self as groups, CompareGroups};
use super::compare_list::{self as list, CompareList};
use super::compare_map::CompareMap;
use super::compare_table::CompareTable;
use super::download;
use super::explorer::in_paren;
use super::state::Data;
use crate::core::action::Action;
use crate::core::compare::{Change, Comparison, Entry, Group};
use crate::core::corrections_file;
use crate::core::model::Budget;
use crate::core::present::strings::Strings;
use crate::core::view_state::{CompareOpen, CompareView};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub earlier: Data,
    pub later: Data,
    /// The files' names ("" for the list compiled into the page).
    pub earlier_name: String,
    pub later_name: String,
    pub comparison: Rc<Comparison>,
    pub view: CompareView,
    pub on_action: Callback<Action>,
    pub strings: &'static Strings,
}

/// The name a compared line goes by: the later one where there is one.
pub fn entry_name<'a>(earlier: &'a Budget, later: &'a Budget, e: &Entry) -> &'a str {
    match (e.pair.after, e.pair.before) {
        (Some(a), _) => &later.lines[a].name,
        (None, Some(b)) => &earlier.lines[b].name,
        (None, None) => "",
    }
}

/// The id a compared line goes by in the page (`data-id`): the later one where there is one.
pub fn entry_id(earlier: &Budget, later: &Budget, e: &Entry) -> String {
    match (e.pair.after, e.pair.before) {
        (Some(a), _) => later.lines[a].id.to_string(),
        (None, Some(b)) => earlier.lines[b].id.to_string(),
        (None, None) => String::new(),
    }
}

/// An amount, or "-" as the source prints it.
pub fn amount_or_dash(s: &Strings, amount: Option<u64>) -> String {
    amount.map_or_else(|| "-".into(), |n| s.amount(n))
}

/// A line's change in words: the signed amount and percent, or that it cannot be compared.
pub fn change_text(s: &Strings, e: &Entry) -> String {
    match (e.change(), e.percent()) {
        (Some(0), _) => s.signed_amount(0),
        (Some(d), Some(p)) => format!("{}{}", s.signed_amount(d), s.paren(&s.signed_percent(p))),
        (Some(d), None) => s.signed_amount(d),
        (None, _) => s.not_compared.into(),
    }
}

/// A row of totals: both sides, the change and its percent.
pub fn totals_row(s: &Strings, name: Html, t: Change, key: &str) -> Html {
    let pct = t
        .percent()
        .map_or_else(|| "—".into(), |p| s.signed_percent(p));
    html! {
        <tr key={key.to_string()} data-before={t.before.to_string()} data-after={t.after.to_string()}>
            <th scope="row">{ name }</th>
            <td class="num">{ s.amount(t.before) }</td>
            <td class="num">{ s.amount(t.after) }</td>
            <td class="num">{ s.signed_amount(t.change()) }</td>
            <td class="num">{ pct }</td>
        </tr>
    }
}

/// A group's name: the later one, with the earlier in brackets where it differs.
pub fn group_name(s: &Strings, g: &Group) -> Html {
    match (&g.before, &g.after) {
        (Some(b), Some(a)) if b != a => {
            html! { <>{ s.title(a) }<span class="was">{ in_paren(s, s.title(b)) }</span></> }
        }
        (_, Some(a)) => html! { { s.title(a) } },
        (Some(b), None) => html! { { s.title(b) } },
        (None, None) => html! {},
    }
}

/// The head of a table of totals (`label` over the names; none for the whole).
pub fn totals_head(s: &Strings, label: &str) -> Html {
    html! {
        <thead><tr>
            if label.is_empty() { <td></td> } else { <th scope="col">{ label }</th> }
            <th scope="col" class="num">{ s.earlier }</th><th scope="col" class="num">{ s.later }</th>
            <th scope="col" class="num">{ s.change }</th><th scope="col" class="num">{ s.change_pct }</th>
        </tr></thead>
    }
}

#[function_component]
pub fn Compare(props: &CompareProps) -> Html {
    let s = props.strings;
    let c = &props.comparison;
    let (eb, lb) = (props.earlier.budget.clone(), props.later.budget.clone());
    // The open measure is in the link (`sel=`), by a line of it: the entry with that line, in
    // whichever comparison is shown (sides swapped, a correction made).
    let open = props.view.open.and_then(|o| {
        let budget = if o.earlier { &eb } else { &lb };
        let line = budget.lines.iter().position(|l| l.id == o.id)?;
        c.entries.iter().position(|e| {
            let side = if o.earlier {
                e.pair.before
            } else {
                e.pair.after
            };
            side == Some(line)
        })
    });
    let set_open = {
        let (on_action, view) = (props.on_action.clone(), props.view.clone());
        move |o: Option<CompareOpen>| {
            let mut view = view.clone();
            view.open = o;
            on_action.emit(Action::Compare(Some(view)));
        }
    };
    let on_select = {
        let (set_open, c, eb, lb) = (set_open.clone(), c.clone(), eb.clone(), lb.clone());
        Callback::from(move |i: usize| {
            let Some(e) = c.entries.get(i) else { return };
            let open = match (e.pair.after, e.pair.before) {
                (Some(a), _) => CompareOpen {
                    earlier: false,
                    id: lb.lines[a].id,
                },
                (None, Some(b)) => CompareOpen {
                    earlier: true,
                    id: eb.lines[b].id,
                },
                (None, None) => return,
            };
            set_open(Some(open));
        })
    };
    let side = |label: &'static str, b: &Budget, name: &str| {
        html! {
            <div>
                <dt>{ label }</dt>
                <dd><bdi>{ crate::core::present::outside::visible(&b.meta.title) }</bdi>{ in_paren(s, &b.meta.era_year) }
                    if !name.is_empty() { <span class="file">{ in_paren(s, name) }</span> }
                </dd>
            </div>
        }
    };
    let swap = {
        let (on_action, view) = (props.on_action.clone(), props.view.clone());
        Callback::from(move |_: MouseEvent| {
            // The corrections name lines by side: they swap with the sides.
            let corrections = view.corrections.iter().map(|&c| corrections_file::swap(c));
            on_action.emit(Action::Compare(Some(CompareView {
                second_is_earlier: !view.second_is_earlier,
                corrections: corrections.collect(),
                beyond_link: view.beyond_link,
                // The same line, now on the other side.
                open: view.open.map(|o| CompareOpen {
                    earlier: !o.earlier,
                    ..o
                }),
            })))
        })
    };
    let end = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Compare(None)))
    };
    let save = {
        let (eb, lb, c) = (eb.clone(), lb.clone(), c.clone());
        let names = (props.earlier_name.clone(), props.later_name.clone());
        Callback::from(move |_: MouseEvent| {
            let notes = [
                format!("{}{}{} {}", s.earlier, s.colon(), eb.meta.title, names.0),
                format!("{}{}{} {}", s.later, s.colon(), lb.meta.title, names.1),
                format!("{}{}{}", s.made_on, s.colon(), download::today()),
            ];
            let bytes = crate::core::csv::to_comparison_csv(&eb, &lb, &c, &notes);
            let _ = download::save(&bytes, "text/csv;charset=utf-8", "budget-comparison.csv");
        })
    };
    html! {
        <section class="compare" id="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">{ s.compare_title }</h2>
            <dl class="compare-sides">
                { side(s.earlier, &eb, &props.earlier_name) }
                { side(s.later, &lb, &props.later_name) }
            </dl>
            <div class="compare-actions">
                <button type="button" id="compare-swap" onclick={swap}>{ s.swap_sides }</button>
                <button type="button" id="compare-csv" onclick={save}>{ s.save_compare_csv }</button>
                <button type="button" id="compare-end" onclick={end}>{ s.end_compare }</button>
            </div>
            if !c.ignored.is_empty() {
                <p class="notice" id="compare-ignored" role="status">{ s.ignored_corrections }{ s.paren(&c.ignored.len().to_string()) }</p>
            }
            <div class="table-scroll" tabindex="0" role="region" aria-label={s.whole}>
                <table class="compare-totals" id="compare-totals">
                    { totals_head(s, "") }
                    <tbody>{ totals_row(s, html! { { s.whole } }, c.whole, "whole") }</tbody>
                </table>
            </div>
            // After the totals, which come first on a phone.
            <CompareCorrections view={props.view.clone()} earlier_title={eb.meta.title.clone()} later_title={lb.meta.title.clone()}
                                on_action={props.on_action.clone()} strings={s} />
            if let Some(i) = open {
                <CompareDetails earlier={props.earlier.clone()} later={props.later.clone()} comparison={c.clone()} index={i}
                                view={props.view.clone()} on_action={props.on_action.clone()}
                                on_close={{ let set_open = set_open.clone(); Callback::from(move |_| set_open(None)) }} strings={s} />
            }
            <div class="compare-lists">
                { for [
                    ("compare-new", s.list_new, list::Which::New),
                    ("compare-ended", s.list_ended, list::Which::Ended),
                    ("compare-grown", s.list_grown, list::Which::Grown),
                    ("compare-shrunk", s.list_shrunk, list::Which::Shrunk),
                    ("compare-no-amount", s.list_no_amount, list::Which::NoAmount),
                ].map(|(id, title, which)| html! {
                    <CompareList key={id} {id} {title} {which} earlier={props.earlier.clone()} later={props.later.clone()}
                                 comparison={c.clone()} on_select={on_select.clone()} strings={s} />
                }) }
            </div>
            <CompareMap earlier={props.earlier.clone()} later={props.later.clone()} comparison={c.clone()} on_select={on_select.clone()} strings={s} />
            <CompareGroups id="compare-directions" label={s.by_direction} which={groups::Which::Directions} open=true comparison={c.clone()} strings={s} />
            <CompareGroups id="compare-initiatives" label={s.by_initiative} which={groups::Which::Initiatives} open=false comparison={c.clone()} strings={s} />
            <CompareGroups id="compare-departments" label={s.by_department} which={groups::Which::Departments} open=false comparison={c.clone()} strings={s} />
            <CompareTable earlier={props.earlier.clone()} later={props.later.clone()} comparison={c.clone()} on_select={on_select} strings={s} />
        </section>
    }
}
