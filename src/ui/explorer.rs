//! The explorer: the layout around the views, and the effects that tie the app state to the page
//! (address, title, language, embed height, Escape, printing, focus after details close).

use super::downloads::Downloads;
use super::embed_header::EmbedHeader;
use super::hooks::{
    focus_in_place, use_details_open_for_print, use_document_event, use_resize_observer,
    use_window_event, Observed,
};
use super::legend::Legend;
use super::menu::Menu;
use super::picture_downloads::PictureDownloads;
use super::print_heading::PrintHeading;
use super::share::Share;
use super::state::{AppState, Data, Msg};
use super::summary::Summary;
use super::{
    chart, compare, compare_missing, details, filters, matches, no_match, open_file, page, qr_svg,
    service_worker, table, url,
};
use crate::core::action::{Action, Step};
use crate::core::aggregate::NodeKey;
use crate::core::model::Budget;
use crate::core::present::outside;
use crate::core::present::strings::{self, Strings};
use crate::core::view_state::{
    Drill, Lang, View, MAX_CORRECTIONS, MAX_FRAGMENT_BYTES, MAX_QUERY_CHARS,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub data: Data,
}

#[function_component]
pub fn Explorer(props: &ExplorerProps) -> Html {
    let state = {
        let data = props.data.clone();
        use_reducer(move || AppState::new(data, &url::fragment()))
    };
    // Back, forward and edited links come in through the fragment.
    url::use_fragment_change(state.dispatcher().to_callback().reform(Msg::FromUrl));
    // The one place the state goes out to the URL and the page title.
    // The link's language, else the browser's.
    let lang = state.view.lang.unwrap_or_else(page::browser_lang);
    let s: &'static Strings = strings::get(lang);
    let b = state.data.budget.clone();
    {
        let (view, step) = (state.view.clone(), state.step);
        // A link cut for its length is rewritten once its view is on screen: replacing a 1 MB
        // address is a same-document navigation that holds the page up for a few hundred ms.
        let cut = step == Step::None && state.notices.cut_from.is_some();
        let title = page_title(&b, &state.view, s);
        let code = if lang == Lang::Ja { "ja" } else { "en" };
        use_effect_with((view.clone(), code), move |(view, code)| {
            if step == Step::Replace || cut {
                url::replace_when_typing_pauses(view.format());
            } else {
                url::write_view(view, step);
            }
            page::set_lang(code);
        });
        // Its own effect: an opened file changes the title (its names) but not the view.
        use_effect_with(title, |title| page::set_title(title));
    }
    // Embedded in another site's page: keep telling it how tall we are.
    use_resize_observer(
        if state.view.embed {
            Observed::Body
        } else {
            Observed::Nothing
        },
        Callback::from(|_| page::post_height()),
    );

    // One callback for the page's life (the dispatcher never changes), so that components whose
    // other props are unchanged skip re-rendering.
    let on_action: Callback<Action> = {
        let d = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |a: Action| d.dispatch(Msg::Do(a)))
        }))
        .clone()
    };
    let view = &state.view;
    let level = state.level.clone();
    let on_cell = {
        let (on_action, others) = (on_action.clone(), level.others_page);
        Callback::from(move |key: NodeKey| {
            if let Some(action) = crate::core::action::activate(&key, others) {
                on_action.emit(action);
            }
        })
    };
    // Escape goes one level up from anywhere but a text field (on the document, so that it works
    // wherever the focus is, including nowhere).
    {
        let dispatcher = state.dispatcher();
        use_document_event(
            "keydown",
            Callback::from(move |e: web_sys::Event| {
                // keydown events are keyboard events.
                let e: &web_sys::KeyboardEvent = e.unchecked_ref();
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                    });
                // A sheet or the menu that closed on this Escape has handled it.
                if e.key() == "Escape" && !typing && !e.default_prevented() {
                    dispatcher.dispatch(Msg::Do(Action::Up));
                }
            }),
        );
    }
    // Hosted: keep the app's files for offline use; say when a newer version is ready.
    let update_ready = use_state(|| false);
    {
        let update_ready = update_ready.clone();
        use_effect_with((), move |_| {
            service_worker::register(move || update_ready.set(true))
        });
    }
    // The printed extras (table, address, QR code) are built only for printing: on screen they
    // would be rebuilt on every keystroke for nothing. beforeprint's handler re-renders before
    // the browser lays the page out for paper.
    let printing = use_state(|| false);
    // The comparison's folded tables print unfolded.
    use_details_open_for_print();
    {
        let set_printing = printing.setter().to_callback();
        use_window_event("beforeprint", set_printing.reform(|_: web_sys::Event| true));
        use_window_event("afterprint", set_printing.reform(|_: web_sys::Event| false));
    }
    // The control that last had the focus outside the details: what opened them, when they open
    // (a click or tap focuses it first; where a tap focuses nothing, the measure's own cell, row
    // or search result stands in).
    let last_focus = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let last_focus = last_focus.clone();
        use_document_event(
            "focusin",
            Callback::from(move |e: web_sys::Event| {
                let el = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(el) = el.filter(|el| el.closest("#details").ok().flatten().is_none()) {
                    *last_focus.borrow_mut() = Some(el);
                }
            }),
        );
    }
    // Details open over the page or beside the chart, never moving it. When they close (the
    // close button, Esc, the browser's Back), the page is scrolled back to where it was when
    // they opened and the control that opened them has the focus again.
    {
        let previous = use_mut_ref(|| None);
        let opened_from = use_mut_ref(|| None::<(f64, Option<web_sys::HtmlElement>)>);
        use_effect_with(view.selected, move |selected| {
            let was = std::mem::replace(&mut *previous.borrow_mut(), *selected);
            let Some(window) = web_sys::window() else {
                return;
            };
            match (was, selected) {
                (None, Some(_)) => {
                    let y = window.scroll_y().unwrap_or(0.0);
                    *opened_from.borrow_mut() = Some((y, last_focus.borrow().clone()));
                }
                (Some(id), None) => {
                    let (y, opener) = opened_from.borrow_mut().take().unwrap_or_default();
                    window.scroll_to_with_x_and_y(window.scroll_x().unwrap_or(0.0), y);
                    let stand_in = || {
                        window
                            .document()?
                            .query_selector(&format!(
                                "[data-key='m{id}'], .match[data-goto='{id}']"
                            ))
                            .ok()
                            .flatten()?
                            .dyn_into::<web_sys::HtmlElement>()
                            .ok()
                    };
                    if let Some(el) = opener.filter(|el| el.is_connected()).or_else(stand_in) {
                        focus_in_place(&el);
                    }
                }
                _ => {}
            }
        });
    }
    let crumb = |c: &crate::core::chart::Crumb| chart::crumb_label(c, s);
    let view_tab = |label: &'static str, v: View| {
        let on_action = on_action.clone();
        let current = view.view == v;
        html! {
            <button type="button" class="tab" aria-pressed={current.to_string()} data-view={v.key()}
                    onclick={Callback::from(move |_: MouseEvent| on_action.emit(Action::ShowView(v)))}>{ label }</button>
        }
    };

    let import_outcome = use_state(|| None::<open_file::Outcome>);
    let on_file = {
        let (dispatcher, outcome) = (state.dispatcher(), import_outcome.clone());
        Callback::from(move |file: web_sys::File| {
            let d = dispatcher.clone();
            let outcome = outcome.clone();
            open_file::open(
                file,
                Callback::from(move |(data, name)| d.dispatch(Msg::Load(data, name))),
                Callback::from(move |o| outcome.set(o)),
                {
                    let d = dispatcher.clone();
                    Callback::from(move |release| {
                        d.dispatch(if release { Msg::Release } else { Msg::Abandon })
                    })
                },
            );
        })
    };
    let on_compare = {
        let (dispatcher, outcome) = (state.dispatcher(), import_outcome.clone());
        Callback::from(move |file: web_sys::File| {
            let d = dispatcher.clone();
            let outcome = outcome.clone();
            open_file::open(
                file,
                Callback::from(move |(data, name)| d.dispatch(Msg::Compare(data, name))),
                Callback::from(move |o| outcome.set(o)),
                // The file compared with is a second dataset: the one shown stays.
                Callback::noop(),
            );
        })
    };
    // While a comparison is asked for (a link's, or one shown), a dropped file is its second file.
    let ondrop = {
        let on_file = if view.compare.is_some() {
            on_compare.clone()
        } else {
            on_file.clone()
        };
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = open_file::dropped_file(&e) {
                on_file.emit(file);
            }
        })
    };
    // The comparison's sides, when one is shown.
    let comparing = state.comparison.clone().zip(state.second.clone()).zip(view.compare.clone()).map(
        |((comparison, (second, second_name)), mode)| {
            let shown_name = state.loaded.clone().unwrap_or_default();
            let (earlier, later, earlier_name, later_name) = if mode.second_is_earlier {
                (second, state.data.clone(), second_name, shown_name)
            } else {
                (state.data.clone(), second, shown_name, second_name)
            };
            html! {
                <compare::Compare {earlier} {later} {earlier_name} {later_name} {comparison} view={mode}
                                  on_action={on_action.clone()} strings={s} />
            }
        },
    );
    // A comparison's corrections beyond what the link carries: the link says so where it is shared.
    let corrections_note = view.compare.as_ref().and_then(|c| {
        let all = c.corrections.len() + c.beyond_link;
        (all > MAX_CORRECTIONS).then(|| s.corrections_beyond_link(all, MAX_CORRECTIONS))
    });
    let ondragover = Callback::from(|e: DragEvent| open_file::allow_drop(&e));
    // What the paper shows: the chart's level (its lines only), or the whole table.
    let (printed_path, printed_lines) = if !*printing {
        (Vec::new(), state.selection.clone())
    } else if view.view == View::Table {
        (vec![s.view_table.to_string()], state.selection.clone())
    } else {
        let path = level.crumbs.iter().map(crumb).collect();
        let drill = &view.drill;
        let budget: &crate::core::model::Budget = &b;
        let lines = state.selection.within(budget, drill.holder(budget));
        (path, std::rc::Rc::new(lines))
    };

    html! {
        <div class="app" {ondrop} {ondragover}>
            if view.embed {
                <EmbedHeader budget={b.clone()} strings={s}
                             full={url::link_to(&crate::core::view_state::ViewState { embed: false, ..view.clone() }.format())} />
            } else if !state.released {
                <Summary budget={b.clone()} strings={s} />
            }
            if *printing {
                <PrintHeading meta={b.meta.clone()} filter={view.filter.clone()} path={printed_path.clone()} strings={s} />
            }
            if *update_ready {
                <div class="update" role="status" id="update">
                    <p>{ s.update_ready }</p>
                    <button type="button" onclick={Callback::from(|_: MouseEvent| service_worker::activate_update())}>{ s.reload }</button>
                </div>
            }
            if let Some(name) = &state.loaded {
                <div class="loaded-badge" id="loaded-badge" role="status">
                    <strong>{ s.showing_file }</strong>{ in_paren(s, name) }
                    <button type="button" id="unload"
                            onclick={{ let d = state.dispatcher(); Callback::from(move |_: MouseEvent| d.dispatch(Msg::Unload)) }}>
                        { s.back_to_embedded }
                    </button>
                </div>
            }
            if !state.notices.is_empty() {
                <div class="notice" role="status" id="notice">
                    <p>{ s.notice_intro }</p>
                    if let Some(length) = state.notices.cut_from {
                        <p class="notice-cut" id="notice-cut">{ s.link_cut(length, MAX_FRAGMENT_BYTES) }</p>
                    }
                    if !state.notices.groups().is_empty() {
                        // One item per kind of problem, with a few examples and the count.
                        <ul>{ for state.notices.groups().iter().enumerate().map(|(i, g)| html! {
                            <li key={i}>
                                { for g.examples.iter().enumerate().map(|(j, n)| html! {
                                    <>
                                        if j > 0 { { s.sep() } }
                                        <bdi><code>{ outside::visible(&format!("{}={}", n.key, n.value)) }</code></bdi>
                                    </>
                                }) }
                                if g.count > g.examples.len() { { s.notice_count(g.count) } }
                                { s.paren(strings::notice(g.kind, lang)) }
                            </li>
                        }) }</ul>
                    }
                    <button type="button" onclick={{ let d = state.dispatcher(); Callback::from(move |_: MouseEvent| d.dispatch(Msg::DismissNotices)) }}>{ s.dismiss }</button>
                </div>
            }
            if view.compare.is_some() && state.second.is_none() {
                <compare_missing::CompareMissing on_file={on_compare.clone()} on_action={on_action.clone()} strings={s}
                                                 beyond_link={view.compare.as_ref().map_or(0, |c| c.beyond_link)} />
            }
            <div class={classes!("layout", comparing.is_some().then_some("comparing"))}>
                if comparing.is_none() {
                <div class="sidebar">
                    <filters::Filters budget={b.clone()} filter={view.filter.clone()} selection={state.selection.clone()}
                                      on_action={on_action.clone()} strings={s} />
                    if view.filter.query.chars().nth(MAX_QUERY_CHARS).is_some() {
                        <p class="query-cut" id="query-cut" role="status">{ s.query_cut(MAX_QUERY_CHARS) }</p>
                    }
                    if !view.filter.query.trim().is_empty() {
                        <matches::Matches data={state.data.clone()} selection={state.selection.clone()} selected={view.selected}
                                          strings={s} on_select={{ let on_action = on_action.clone(); Callback::from(move |id| on_action.emit(Action::Select(id))) }}
                                          on_show_table={{ let on_action = on_action.clone(); Callback::from(move |_| on_action.emit(Action::ShowView(View::Table))) }} />
                    }
                </div>
                }
                <main id="main">
                    <div class="toolbar">
                        // The comparison has its own parts; the views come back when it ends.
                        if comparing.is_none() {
                        <nav class="views" aria-label={s.views_label}>
                            { view_tab(s.view_directions, View::Directions) }
                            { view_tab(s.view_departments, View::Departments) }
                            { view_tab(s.view_table, View::Table) }
                        </nav>
                        }
                        // Rarely used: another file, downloads, language, print, share.
                        <Menu strings={s}>
                            <div class="menu-row">
                                <button type="button" class="lang" id="lang" lang={if lang == Lang::Ja { "en" } else { "ja" }}
                                        onclick={{ let on_action = on_action.clone(); let other = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
                                                   Callback::from(move |_: MouseEvent| on_action.emit(Action::Lang(Some(other)))) }}>
                                    { s.other_language }
                                </button>
                                <button type="button" class="print" id="print"
                                        onclick={Callback::from(|_: MouseEvent| { if let Some(w) = web_sys::window() { let _ = w.print(); } })}>
                                    { s.print }
                                </button>
                            </div>
                            <Share strings={s} lang={lang} loaded={state.loaded.is_some()} note={corrections_note.clone()} />
                            <Downloads data={state.data.clone()} selection={state.selection.clone()} filter={view.filter.clone()}
                                       link={url::link_to(&view.format())} strings={s} />
                            <open_file::OpenFile on_file={on_file.clone()} on_compare={on_compare.clone()} strings={s} />
                        </Menu>
                    </div>
                    <open_file::ImportOutcome outcome={(*import_outcome).clone()} strings={s}
                                              on_dismiss={{ let o = import_outcome.clone(); Callback::from(move |_| o.set(None)) }} />
                    if state.released {
                        // The next file is being decoded: the loading line above says so.
                    } else if let Some(comparison) = comparing.clone() {
                        { comparison }
                    } else if view.view == View::Table {
                        if state.selection.lines.is_empty() {
                            <no_match::NoMatch budget={b.clone()} filter={view.filter.clone()} on_action={on_action.clone()} strings={s} />
                        }
                        <table::Table budget={b.clone()} selection={state.selection.clone()} sort={view.sort}
                                      selected={view.selected} on_action={on_action.clone()} strings={s} />
                    } else {
                        // Where we are and what of it matches, with the switch to lay out only that,
                        // in one row above the chart: there without a filter too, so that a search
                        // does not push the chart down.
                        <div class="level-head" id="match-bar">
                            <div class="level-where">
                                <nav class="crumbs" id="crumbs" aria-label={s.breadcrumb_label}>
                                    <ol>
                                        { for level.crumbs.iter().enumerate().map(|(i, c)| {
                                            let last = i + 1 == level.crumbs.len();
                                            let on_action = on_action.clone();
                                            // A 「その他」 crumb reopens its page; a group's starts it over.
                                            let go = if c.others_page > 0 { Action::OthersPage(c.others_page) } else { Action::Drill(c.drill.clone()) };
                                            html! {
                                                <li key={i}>
                                                    if last {
                                                        <span aria-current="page">{ crumb(c) }</span>
                                                    } else {
                                                        <button type="button" class="link"
                                                                onclick={Callback::from(move |_: MouseEvent| on_action.emit(go.clone()))}>
                                                            { crumb(c) }
                                                        </button>
                                                    }
                                                </li>
                                            }
                                        }) }
                                    </ol>
                                </nav>
                                // (At the top without a filter the count above says the same.)
                                <p id="level-matches">
                                    if view.filter.is_empty() {
                                        if level.crumbs.len() > 1 { { s.level_figures(level.measures, level.total) } }
                                    } else {
                                        { s.level_matches(level.matched.measures, (!level.only_matches).then_some(level.measures), level.matched.total) }
                                    }
                                </p>
                            </div>
                            if !view.filter.is_empty() {
                                <button type="button" class="only-matches" id="only-matches" aria-pressed={view.only_matches.to_string()}
                                        onclick={{ let on_action = on_action.clone(); let only = !view.only_matches; Callback::from(move |_: MouseEvent| on_action.emit(Action::OnlyMatches(only))) }}>
                                    { s.only_matches }
                                </button>
                            }
                        </div>
                        // Nothing matches: what to try, where the person looks (the chart below stays,
                        // every cell dimmed, unless it shows only the matches).
                        if state.selection.lines.is_empty() && !view.filter.is_empty() || level.nodes.is_empty() {
                            <no_match::NoMatch budget={b.clone()} filter={view.filter.clone()} on_action={on_action.clone()} strings={s} />
                        }
                        if !level.nodes.is_empty() {
                            <chart::Chart data={state.data.clone()} level={level.clone()} selected={view.selected}
                                          on_activate={on_cell} strings={s} />
                            <Legend budget={b.clone()} level={level.clone()} view={view.view} strings={s} />
                            <PictureDownloads data={state.data.clone()} level={level.clone()} view={view.view}
                                              filter={view.filter.clone()} strings={s} />
                        }
                    }
                </main>
                // Beside the chart (a sheet over the page on a phone): the chart keeps its place.
                if comparing.is_none() {
                <aside class="panel" aria-label={s.details}>
                    if state.released {
                    } else if let Some(id) = view.selected {
                        <details::Details budget={b.clone()} id={id} selection={state.selection.clone()}
                                          filtered={!view.filter.is_empty()} strings={s} lang={lang} loaded={state.loaded.is_some()}
                                          on_select={{ let on_action = on_action.clone(); Callback::from(move |id| on_action.emit(Action::Select(id))) }} />
                    } else {
                        <p class="panel-hint">{ s.details_hint }</p>
                    }
                </aside>
                }
                // For paper, after the chart and the open measure: the lines of the level shown
                // (all the view's lines in the table view, or when it renders only the rows on
                // screen), then the view's address beside its QR code. At most
                // table::PRINT_ROWS lines.
                if *printing {
                    <section class="print-only print-tail" aria-hidden="true">
                        if view.view != View::Table || state.selection.lines.len() > table::VIRTUAL_ABOVE {
                            <table::Table budget={b.clone()} selection={printed_lines.clone()} sort={view.sort}
                                          selected={None::<crate::core::model::LineId>} on_action={Callback::noop()} strings={s} printed=true />
                        }
                        <figure class="print-link-qr">
                            { qr_svg(&url::link_to(&view.format()), s.qr_label, "print-qr") }
                            <figcaption>
                                <span>{ s.print_link_intro }</span>
                                <span class="print-link">{ url::link_to(&view.format()) }</span>
                            </figcaption>
                        </figure>
                    </section>
                }
            </div>
            <footer class="source">
                <p>{ s.source }{ s.colon() }<bdi>{ outside::visible(&b.meta.source) }</bdi>{ in_paren(s, &format!("{} {}", b.meta.city, b.meta.era_year)) }</p>
                <p>{ &b.meta.note }</p>
                <p>{ s.unit_note }</p>
                <details class="offline-help">
                    <summary>{ s.offline_help }</summary>
                    <p>{ s.offline_help_text }</p>
                </details>
                if !s.unofficial_note.is_empty() {
                    <p>{ s.unofficial_note }</p>
                }
            </footer>
        </div>
    }
}

/// Outside text (a file name, the data's words) in parentheses of our sentence: isolated, with
/// its bidi controls shown, so that it can neither reorder our words nor pass for others.
pub fn in_paren(s: &Strings, text: &str) -> Html {
    let (open, close) = s.paren_marks();
    html! { <>{ open }<bdi>{ outside::visible(text) }</bdi>{ close }</> }
}

fn page_title(b: &Budget, view: &crate::core::view_state::ViewState, s: &Strings) -> String {
    let place = match (
        &view.selected.and_then(|id| b.line(id)),
        view.view,
        &view.drill,
    ) {
        (Some(m), _, _) => m.name.clone(),
        (None, View::Table, _) => s.view_table.to_string(),
        (None, v, drill) => {
            let base = if v == View::Departments {
                s.view_departments
            } else {
                s.view_directions
            };
            match drill {
                Drill::Top => base.to_string(),
                Drill::Direction(d) => format!(
                    "{base}{}{}",
                    s.colon(),
                    b.direction(*d).map(|d| s.title(&d.title)).unwrap_or("")
                ),
                Drill::Initiative(i) => format!(
                    "{base}{}{}",
                    s.colon(),
                    b.initiative(*i).map(|i| s.title(&i.title)).unwrap_or("")
                ),
                Drill::DepartmentGroup(g) => format!("{base}{}{}", s.colon(), g.join("・")),
            }
        }
    };
    format!(
        "{place} | {} {} {} {}",
        b.meta.city,
        s.subject,
        s.title(&b.meta.era_year),
        s.app_name
    )
}
