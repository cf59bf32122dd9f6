//! Filters and search. Every control sends an `Action`; the count and total shown are the
//! core's `Selection` (each measure once).

use super::hooks::{focus_in_place, trap_tab, use_media_query};
use crate::core::action::{Action, Mark};
use crate::core::filter::{AmountPresence, Filter, Selection};
use crate::core::model::Budget;
use crate::core::money;
use crate::core::present::colour::{css_colour, direction_colour};
use crate::core::present::numbers::circled;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FiltersProps {
    pub budget: Rc<Budget>,
    pub filter: Filter,
    pub selection: Rc<Selection>,
    pub on_action: Callback<Action>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn Filters(props: &FiltersProps) -> Html {
    let s = props.strings;
    let b = &props.budget;
    let f = &props.filter;
    let act = |a: Action| {
        let cb = props.on_action.clone();
        move || cb.emit(a.clone())
    };
    let on_query = {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(Action::Query(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let sel = &props.selection;
    let result = if sel.lines.is_empty() {
        s.no_match.to_string()
    } else {
        let lead = if f.is_empty() { s.all_of } else { s.matching };
        let mut t = format!("{lead} {}", s.measures(sel.measures));
        if sel.relistings > 0 {
            t.push_str(&s.paren(&s.relisted_count(sel.relistings)));
        }
        t.push_str(&format!(" ・ {} {}", s.table_total, s.amount(sel.total)));
        t
    };
    // Beside the chart on a wide screen; elsewhere a sheet over the page (a phone, an iPad
    // either way round), with the live count and total always in view at its foot.
    let inline = use_media_query(INLINE);
    // Open or closed is the person's choice, not the filter's: were it to follow the filter,
    // erasing the last digit of an amount would close the panel under the field being edited
    // and drop the focus to the body. A view that arrives narrowed (a link, the address, a new
    // narrowing from elsewhere) opens the panel beside the chart, never a sheet over the chart
    // the link was sent for; nothing but the person closes it.
    let narrows = f.narrows_beyond_search();
    let open = use_state_eq(|| narrows && inline);
    {
        let open = open.clone();
        use_effect_with((narrows, inline), move |&(narrows, inline)| {
            if narrows && inline && !*open {
                open.set(true);
            }
        });
    }
    let toggle_ref = use_node_ref();
    let sheet_ref = use_node_ref();
    let heading_ref = use_node_ref();
    // A sheet takes the focus when it opens (its heading, so that nothing is changed by a stray
    // key) and gives it back to its button when it closes.
    {
        let (heading, toggle) = (heading_ref.clone(), toggle_ref.clone());
        let was_open = use_mut_ref(|| false);
        use_effect_with((*open, inline), move |&(open, inline)| {
            let was = std::mem::replace(&mut *was_open.borrow_mut(), open);
            if inline || was == open {
                return;
            }
            let target = if open { &heading } else { &toggle };
            if let Some(el) = target.cast::<web_sys::HtmlElement>() {
                focus_in_place(&el);
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let onkeydown = {
        let (open, sheet) = (open.clone(), sheet_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if inline {
                return;
            }
            if e.key() == "Escape" {
                // Handled here: the page's own Escape (one level up) leaves it alone.
                e.prevent_default();
                open.set(false);
            } else if let Some(sheet) = sheet.cast::<web_sys::Element>() {
                trap_tab(&sheet, &e);
            }
        })
    };
    let active = narrowings(f);
    let clear = {
        let go = act(Action::ClearFilters);
        Callback::from(move |_: MouseEvent| go())
    };
    html! {
        <section class="filters" id="filters" aria-label={s.filters}>
            <div class="search">
                <label for="q">{ s.search }</label>
                <input id="q" type="search" value={f.query.clone()} placeholder={s.search_placeholder}
                       autocomplete="off" oninput={on_query}/>
            </div>
            <div class="result-line">
                <p class="result" id="result" role="status" aria-live="polite">{ result }</p>
                if !f.is_empty() {
                    <button type="button" class="clear" id="clear" onclick={clear.clone()}>{ s.clear_all }</button>
                }
            </div>
            // The first place 再掲 is used: what it means, in one line (outside the live
            // region, so that it is not read again at every keystroke).
            if sel.relistings > 0 {
                <p class="term-note" id="relisted-note">{ s.relisted_note }</p>
            }
            <button type="button" class="filter-toggle" id="filter-toggle" ref={toggle_ref}
                    aria-expanded={open.to_string()} aria-controls="filter-sheet" onclick={toggle}>
                { s.filters }
                if active > 0 { <span class="filter-count">{ s.paren(&active.to_string()) }</span> }
            </button>
            if *open && !inline {
                <div class="sheet-backdrop" aria-hidden="true" onclick={close.clone()}></div>
            }
            <div class={classes!("filter-sheet", if inline { "inline" } else { "sheet" })} id="filter-sheet"
                 hidden={!*open} ref={sheet_ref} {onkeydown}
                 role={(!inline).then_some("dialog")} aria-modal={(!inline).then_some("true")}
                 aria-labelledby={(!inline).then_some("filter-sheet-title")}>
                if !inline {
                    <div class="sheet-head">
                        <h2 id="filter-sheet-title" tabindex="-1" ref={heading_ref}>{ s.filters }</h2>
                        if !f.is_empty() {
                            <button type="button" class="clear" id="clear-in-sheet" onclick={clear}>{ s.clear_all }</button>
                        }
                        <button type="button" class="close" aria-label={s.close} onclick={close.clone()}>{ "×" }</button>
                    </div>
                }
                <div class="sheet-body">
                    <MoreFilters budget={b.clone()} filter={Filter { query: String::new(), ..f.clone() }}
                                 on_action={props.on_action.clone()} strings={s} />
                </div>
                if !inline {
                    <div class="sheet-bar" id="filter-bar">
                        <button type="button" class="show" id="show-chart" onclick={close} aria-describedby="back-to-chart">
                            { s.show_selection(sel.measures, sel.total) }
                        </button>
                        <span class="visually-hidden" id="back-to-chart">{ s.back_to_chart }</span>
                    </div>
                }
            </div>
        </section>
    }
}

/// The media query under which the filters stay beside the chart (as the stylesheet's three
/// columns).
const INLINE: &str = "(min-width: 1280px)";

/// How many narrowings beyond the search are on (shown on the button that opens them).
fn narrowings(f: &Filter) -> usize {
    let m = f.marks;
    f.directions.len()
        + f.initiatives.len()
        + f.departments.len()
        + [
            m.key_measure,
            m.new,
            m.covid,
            f.min.is_some(),
            f.max.is_some(),
        ]
        .iter()
        .filter(|&&on| on)
        .count()
        + usize::from(f.presence != AmountPresence::Any)
}

#[derive(Properties, PartialEq)]
struct MoreFiltersProps {
    budget: Rc<Budget>,
    /// The filter without its search text: typing does not re-render these controls.
    filter: Filter,
    on_action: Callback<Action>,
    strings: &'static Strings,
}

/// Everything but the search: directions, initiatives, department, marks, amounts.
#[function_component]
fn MoreFilters(props: &MoreFiltersProps) -> Html {
    let s = props.strings;
    let b = &props.budget;
    let f = &props.filter;
    // Hundreds in a large file: listed once per dataset, not on every keystroke.
    let departments = use_memo(b.clone(), |b| {
        b.departments()
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    });
    let act = |a: Action| {
        let cb = props.on_action.clone();
        move || cb.emit(a.clone())
    };
    let on_bound = |min: bool| {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let n = money::parse_input(&e.target_unchecked_into::<HtmlInputElement>().value());
            cb.emit(if min { Action::Min(n) } else { Action::Max(n) })
        })
    };
    let on_department = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit(Action::Department((!v.is_empty()).then_some(v)))
        })
    };
    let mark = |label: &'static str, on: bool, m: Mark| {
        let onclick = {
            let go = act(Action::ToggleMark(m));
            Callback::from(move |_: MouseEvent| go())
        };
        html! { <button type="button" class="toggle" aria-pressed={on.to_string()} {onclick}>{ label }</button> }
    };
    let presence = |label: &'static str, value: AmountPresence| {
        let onchange = {
            let go = act(Action::Presence(value));
            Callback::from(move |_: Event| go())
        };
        html! {
            <label class="radio">
                <input type="radio" name="presence" checked={f.presence == value} {onchange}/>{ label }
            </label>
        }
    };
    let selected_department = f.departments.iter().next().cloned().unwrap_or_default();
    html! {
        <div class="more-filters">
            <p class="term-note" id="plan-terms">{ s.plan_terms(b.directions.len(), b.initiatives.len()) }</p>
            <fieldset>
                <legend>{ s.directions }</legend>
                { for b.directions.iter().map(|d| {
                    let on = f.directions.contains(&d.id);
                    let onchange = { let go = act(Action::ToggleDirection(d.id)); Callback::from(move |_: Event| go()) };
                    html! {
                        <label class="check" key={d.id.0}>
                            <input type="checkbox" checked={on} {onchange}/>
                            <span class="swatch" style={format!("background:{}", css_colour(direction_colour(b, d.id)))}></span>
                            { format!("{} {}", d.id.0, s.title(&d.title)) }
                        </label>
                    }
                }) }
            </fieldset>
            <fieldset>
                <legend>{ s.initiatives }</legend>
                { for b.initiatives.iter().map(|i| {
                    let on = f.initiatives.contains(&i.id);
                    let onchange = { let go = act(Action::ToggleInitiative(i.id)); Callback::from(move |_: Event| go()) };
                    html! {
                        <label class="check" key={i.id.0}>
                            <input type="checkbox" checked={on} {onchange}/>{ format!("{} {}", circled(i.id.0), s.title(&i.title)) }
                        </label>
                    }
                }) }
            </fieldset>
            <div class="field">
                <label for="dept">{ s.department }</label>
                <select id="dept" onchange={on_department}>
                    <option value="" selected={selected_department.is_empty()}>{ s.any_department }</option>
                    { for departments.iter().map(|d| html! {
                        <option key={d.clone()} value={d.clone()} selected={selected_department == *d}>{ d }</option>
                    }) }
                </select>
            </div>
            <fieldset>
                <legend>{ s.marks }</legend>
                <div class="toggles">
                    { mark(s.key_measure, f.marks.key_measure, Mark::KeyMeasure) }
                    { mark(s.new, f.marks.new, Mark::New) }
                    { mark(s.covid, f.marks.covid, Mark::Covid) }
                </div>
            </fieldset>
            <fieldset>
                <legend>{ s.amount_range }</legend>
                <div class="range">
                    <label>{ s.min }<input id="min" type="text" inputmode="numeric" autocomplete="off"
                        value={f.min.map(|n| n.to_string()).unwrap_or_default()} oninput={on_bound(true)}/></label>
                    <span aria-hidden="true">{ "〜" }</span>
                    <label>{ s.max }<input id="max" type="text" inputmode="numeric" autocomplete="off"
                        value={f.max.map(|n| n.to_string()).unwrap_or_default()} oninput={on_bound(false)}/></label>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ s.presence }</legend>
                { presence(s.presence_any, AmountPresence::Any) }
                { presence(s.presence_with, AmountPresence::With) }
                { presence(s.presence_without, AmountPresence::Without) }
            </fieldset>
        </div>
    }
}
