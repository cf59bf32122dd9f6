//! A compared measure in both years, side by side (id, name, initiative, departments, amount,
//! marks, description), with how it was matched, and the corrections a person can make: unpair a
//! pair, or pair a line that has no partner with one of the other side's.

use super::compare::{amount_or_dash, change_text, entry_name};
use super::hooks::focus_in_place;
use super::state::Data;
use crate::core::action::{Action, Mark};
use crate::core::compare::{text_changes, Comparison, Correction, Kind, Method, Span};
use crate::core::corrections_file::MAX_FILE_CORRECTIONS;
use crate::core::model::{Budget, Line};
use crate::core::present::strings::Strings;
use crate::core::view_state::CompareView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareDetailsProps {
    pub earlier: Data,
    pub later: Data,
    pub comparison: Rc<Comparison>,
    /// Which entry of the comparison.
    pub index: usize,
    pub view: CompareView,
    pub on_action: Callback<Action>,
    pub on_close: Callback<()>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn CompareDetails(props: &CompareDetailsProps) -> Html {
    let s = props.strings;
    let c = &props.comparison;
    let (eb, lb): (&Budget, &Budget) = (&props.earlier.budget, &props.later.budget);
    let Some(e) = c.entries.get(props.index).copied() else {
        return html! {};
    };
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.index, move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                focus_in_place(&h);
                h.scroll_into_view();
            }
        });
    }
    let (bl, al) = (
        e.pair.before.map(|i| &eb.lines[i]),
        e.pair.after.map(|i| &lb.lines[i]),
    );
    let cell = |line: Option<&Line>, f: &dyn Fn(&Line) -> String| html! { <td>{ line.map(f).unwrap_or_default() }</td> };
    let row = |label: &'static str, f: &dyn Fn(&Line) -> String| {
        html! { <tr><th scope="row">{ label }</th>{ cell(bl, f) }{ cell(al, f) }</tr> }
    };
    let marks = |l: &Line| {
        [
            (l.marks.key_measure, Mark::KeyMeasure),
            (l.marks.new, Mark::New),
            (l.marks.covid, Mark::Covid),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, m)| s.mark(*m))
        .collect::<Vec<_>>()
        .join(s.list_sep())
    };
    // The state holds more than a link (the rest go in the corrections file), up to a bound.
    let full = props.view.corrections.len() + props.view.beyond_link >= MAX_FILE_CORRECTIONS;
    let controls = match (bl, al, e.pair.method) {
        _ if e.kind == Kind::Relisting => html! {},
        (Some(b), Some(a), Some(method)) if method != Method::Relisted => {
            let (before, after) = (b.id, a.id);
            let (on_action, view) = (props.on_action.clone(), props.view.clone());
            let unpair = Callback::from(move |_: MouseEvent| {
                let mut view = view.clone();
                let pair = Correction::Pair { before, after };
                // Undoing one's own pair removes it; a rule's pair is refused by an unpair.
                if view.corrections.contains(&pair) {
                    view.corrections.retain(|c| *c != pair);
                } else {
                    view.corrections.push(Correction::Unpair { before, after });
                }
                on_action.emit(Action::Compare(Some(view)));
            });
            html! {
                <button type="button" id="compare-unpair" disabled={full && method != Method::Manual}
                        onclick={unpair}>{ s.unpair }</button>
            }
        }
        (b, a, None) => {
            // The other side's lines that have no partner either.
            let (others, later_side) = if b.is_some() {
                (&c.new, true)
            } else {
                (&c.ended, false)
            };
            let options: Vec<(String, String)> = others
                .iter()
                .chain(&c.no_amount)
                .filter_map(|&i| {
                    let o = &c.entries[i];
                    let side = if later_side {
                        o.pair.after.filter(|_| o.pair.before.is_none())
                    } else {
                        o.pair.before.filter(|_| o.pair.after.is_none())
                    };
                    let l = if later_side {
                        &lb.lines[side?]
                    } else {
                        &eb.lines[side?]
                    };
                    Some((l.id.to_string(), format!("{} {}", l.id, l.name)))
                })
                .collect();
            let this = b.or(a).map(|l| l.id);
            let pair_with = {
                let (on_action, view) = (props.on_action.clone(), props.view.clone());
                Callback::from(move |ev: Event| {
                    let select: web_sys::HtmlSelectElement = ev.target_unchecked_into();
                    let (Some(this), Some(other)) =
                        (this, crate::core::model::LineId::parse(&select.value()))
                    else {
                        return;
                    };
                    let (before, after) = if later_side {
                        (this, other)
                    } else {
                        (other, this)
                    };
                    let mut view = view.clone();
                    view.corrections.push(Correction::Pair { before, after });
                    on_action.emit(Action::Compare(Some(view)));
                })
            };
            html! {
                if full {
                    <p>{ s.corrections_full }</p>
                } else if !options.is_empty() {
                    <label class="pair-with">{ s.pair_with }
                        <select id="compare-pair" onchange={pair_with}>
                            <option value="" selected=true>{ s.choose_line }</option>
                            { for options.into_iter().map(|(v, t)| html! { <option value={v}>{ t }</option> }) }
                        </select>
                    </label>
                }
            }
        }
        _ => html! {},
    };
    // Both descriptions, with what only one side has marked on that side.
    let (description, changed_text) = match (bl, al) {
        (Some(b), Some(a)) if b.description != a.description => {
            let spans = text_changes(&b.description, &a.description);
            let side = |earlier: bool| {
                spans
                    .iter()
                    .map(|span| match span {
                        Span::Kept(t) => html! { { t.clone() } },
                        Span::Removed(t) if earlier => html! {
                            <del><span class="visually-hidden">{ s.text_removed }</span>{ t.clone() }<span class="visually-hidden">{ s.text_change_end }</span></del>
                        },
                        Span::Added(t) if !earlier => html! {
                            <ins><span class="visually-hidden">{ s.text_added }</span>{ t.clone() }<span class="visually-hidden">{ s.text_change_end }</span></ins>
                        },
                        _ => html! {},
                    })
                    .collect::<Html>()
            };
            (
                html! { <tr class="description"><th scope="row">{ s.description }</th><td>{ side(true) }</td><td>{ side(false) }</td></tr> },
                true,
            )
        }
        _ => (row(s.description, &|l| l.description.clone()), false),
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let initiative = |b: &Budget, l: &Line| {
        b.initiative(l.id.initiative)
            .map_or(String::new(), |i| s.title(&i.title).to_string())
    };
    html! {
        <section class="compare-details" id="compare-details" aria-labelledby="compare-details-h">
            <div class="details-head">
                <h3 id="compare-details-h" tabindex="-1" ref={heading}>{ entry_name(eb, lb, &e) }</h3>
                <button type="button" class="close" onclick={close}>{ s.close }</button>
            </div>
            <p class="compare-change"><strong>{ s.change }{ s.colon() }</strong>{ match e.kind {
                Kind::New => s.list_new.to_string(),
                Kind::Ended => s.list_ended.to_string(),
                Kind::Relisting => s.relisted.to_string(),
                _ => change_text(s, &e),
            } }</p>
            <p><strong>{ s.matched_by }{ s.colon() }</strong>{ s.method(e.pair.method) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={s.details}>
                <table class="compare-sides-table">
                    <thead><tr><td></td><th scope="col">{ s.earlier }</th><th scope="col">{ s.later }</th></tr></thead>
                    <tbody>
                        { row(s.col_id, &|l| l.id.to_string()) }
                        { row(s.col_name, &|l| l.name.clone()) }
                        <tr><th scope="row">{ s.initiatives }</th>{ cell(bl, &|l| initiative(eb, l)) }{ cell(al, &|l| initiative(lb, l)) }</tr>
                        { row(s.departments, &|l| l.departments.join(s.list_sep())) }
                        { row(s.amount, &|l| amount_or_dash(s, l.amount)) }
                        { row(s.marks, &marks) }
                        { description }
                    </tbody>
                </table>
            </div>
            if changed_text {
                <p class="text-changes-legend">{ s.text_changes_legend }</p>
            }
            { controls }
        </section>
    }
}
