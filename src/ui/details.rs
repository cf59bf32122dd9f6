//! Details of one measure: everything the source says about it, its shares, and the link
//! between a 【再掲】 line and its original, both ways.

use super::hooks::{focus_in_place, trap_tab, use_media_query};
use super::share::Share;
use super::table::around;
use crate::core::filter::Selection;
use crate::core::model::{Budget, LineId};
use crate::core::present::numbers::circled;
use crate::core::present::outside;
use crate::core::present::shares::Shares;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub budget: Rc<Budget>,
    pub id: LineId,
    pub selection: Rc<Selection>,
    pub filtered: bool,
    pub on_select: Callback<Option<LineId>>,
    pub strings: &'static Strings,
    /// For the share button of the phone's sheet (the page's menu is behind it).
    pub lang: crate::core::view_state::Lang,
    pub loaded: bool,
}

#[function_component]
pub fn Details(props: &DetailsProps) -> Html {
    let b = &props.budget;
    let s = props.strings;
    let heading = use_node_ref();
    let section = use_node_ref();
    // On a phone a sheet over the bottom of the page (modal: the focus stays in it); wider, a
    // panel beside the chart. Neither moves the page: what was looked at stays where it was.
    let sheet = use_media_query(SHEET);
    let expanded = use_state_eq(|| false);
    // Move focus to the heading when a measure opens, so keyboard and screen-reader users land
    // here, without scrolling the page; a sheet or panel shows a new measure from its top.
    {
        let (heading, section) = (heading.clone(), section.clone());
        use_effect_with(props.id, move |_| {
            if let Some(el) = section.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                focus_in_place(&h);
            }
        });
    }
    let onkeydown = {
        let section = section.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let (true, Some(el)) = (sheet, section.cast::<web_sys::Element>()) {
                trap_tab(&el, &e);
            }
        })
    };
    let expand = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let Some(m) = b.line(props.id) else {
        return html! {};
    };
    let initiative = b.initiative(m.id.initiative);
    let direction = initiative.and_then(|i| b.direction(i.direction));
    let shares = Shares::of(b, m.id, &props.selection, props.filtered);
    let link = |id: LineId, text: Html| {
        let on_select = props.on_select.clone();
        html! {
            <button type="button" class="link" data-goto={id.to_string()}
                    onclick={Callback::from(move |_: MouseEvent| on_select.emit(Some(id)))}>{ text }</button>
        }
    };
    // Names and titles from the data, isolated in our sentences.
    let isolated = |text: &str| html! { <bdi>{ outside::visible(text) }</bdi> };
    let original = m.relisted_of.and_then(|of| b.line(of));
    let close = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(None))
    };
    let mut marks: Vec<&str> = Vec::new();
    if m.marks.key_measure {
        marks.push(s.key_measure_meaning);
    }
    if m.marks.new {
        marks.push(s.new_meaning);
    }
    if m.marks.covid {
        marks.push(s.covid_meaning);
    }
    if m.is_relisting() {
        marks.push(s.relisted_meaning);
    }
    let relistings: Vec<LineId> = b.relistings_of(m.id).map(|r| r.id).collect();

    html! {
        <>
        if sheet {
            <div class="sheet-backdrop" aria-hidden="true" onclick={close.clone()}></div>
        }
        <section class={classes!("details", sheet.then_some("sheet"), (sheet && *expanded).then_some("expanded"))}
                 id="details" aria-labelledby="details-title" ref={section} {onkeydown}
                 role={sheet.then_some("dialog")} aria-modal={sheet.then_some("true")}>
            <div class="details-head">
                <p class="eyebrow">{ format!("{} {}", s.details, m.id) }</p>
                <div class="details-actions">
                    if sheet {
                        <button type="button" class="expand" id="details-expand" aria-expanded={expanded.to_string()}
                                aria-label={s.details_expand} title={s.details_expand} onclick={expand}>
                            <span aria-hidden="true">{ if *expanded { "⌄" } else { "⌃" } }</span>
                        </button>
                    }
                    <button type="button" class="close" onclick={close} aria-label={s.close}>{ "×" }</button>
                </div>
            </div>
            <h2 id="details-title" tabindex="-1" ref={heading}>{ isolated(&m.name) }</h2>
            // The amount, then what the measure is: both in view the moment the details open;
            // the shares and the rest of the facts follow.
            <dl class="facts">
                <div>
                    <dt>{ s.amount }</dt>
                    <dd class="amount">
                        { match m.amount {
                            Some(n) => html! { <>
                                <strong>{ s.amount(n) }</strong>{ s.paren(&s.exact(n)) }
                            </> },
                            None => html! { { format!("{}{}", s.no_amount, s.paren("-")) } },
                        } }
                        if let Some(o) = original {
                            // What a relisting is, with its real original (the link to it is
                            // the row below: a button would break this sentence apart).
                            <span class="note" id="relisted-explained">{ around(&s.relisted_sentence(o.id.initiative.0, &o.name)) }</span>
                        }
                    </dd>
                </div>
            </dl>
            <h3>{ s.description }</h3>
            { for m.description.split('\n').map(|p| html! { <p class="description">{ p }</p> }) }
            <dl class="facts more-facts">
                { for shares.iter().flat_map(|sh| sh.rows(s)).map(|(label, share)| html! {
                    <div><dt>{ label }</dt><dd>{ share }</dd></div>
                }) }
                <div>
                    <dt>{ s.departments }</dt>
                    <dd>{ for m.departments.iter().enumerate().map(|(i, d)| html! {
                        <>{ if i > 0 { s.sep() } else { "" } }{ isolated(d) }</>
                    }) }</dd>
                </div>
                <div>
                    <dt>{ s.placement }</dt>
                    <dd>
                        if let Some(d) = direction {
                            { format!("{} {} ", s.directions, d.id.0) }{ isolated(s.title(&d.title)) }
                        }
                        <br/>
                        if let Some(i) = initiative {
                            { format!("{} {} ", s.initiatives, circled(i.id.0)) }{ isolated(s.title(&i.title)) }
                        }
                        <span class="note term-note">{ s.plan_terms(b.directions.len(), b.initiatives.len()) }</span>
                    </dd>
                </div>
                if !marks.is_empty() {
                    <div>
                        <dt>{ s.marks }</dt>
                        <dd><ul class="marks">{ for marks.iter().map(|t| html! { <li key={*t}>{ *t }</li> }) }</ul></dd>
                    </div>
                }
                if let Some(o) = original {
                    <div>
                        <dt>{ s.original_is }</dt>
                        <dd>
                            { link(o.id, html! { <>{ format!("{} ", o.id) }{ isolated(&o.name) }</> }) }
                            if let Some(i) = b.initiative(o.id.initiative) {
                                { {
                                    let (open, close) = s.paren_marks();
                                    let chip = s.initiative_chip(i.id.0, s.title(&i.title));
                                    around(&outside::Around::new(format!("{open}{}", chip.before), &chip.outside, format!("{}{close}", chip.after)))
                                } }
                            }
                        </dd>
                    </div>
                }
                if !relistings.is_empty() {
                    <div>
                        <dt>{ s.relisted_as }</dt>
                        <dd>{ for relistings.iter().map(|&r| link(r, html! { <>
                            { r.to_string() }
                            { around(&outside::Around::new(s.paren_marks().0, b.initiative(r.initiative).map(|i| s.title(&i.title)).unwrap_or(""), s.paren_marks().1)) }
                        </> })) }</dd>
                    </div>
                }
            </dl>
            if sheet {
                <Share strings={s} lang={props.lang} loaded={props.loaded} prefix="details-" />
            }
        </section>
        </>
    }
}

/// The width under which the details are a sheet over the page (as the stylesheet).
const SHEET: &str = "(max-width: 599px)";
