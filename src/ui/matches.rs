//! The lines a search finds, listed under the count, so that a person who searched sees the
//! measures themselves (not only the groups the chart shows) and can open one.

use super::state::Data;
use super::table::{around, marks};
use crate::core::filter::Selection;
use crate::core::model::LineId;
use crate::core::present::outside;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

/// More than this and the list points to the table instead of growing without end.
const SHOWN: usize = 30;

#[derive(Properties, PartialEq)]
pub struct MatchesProps {
    pub data: Data,
    pub selection: Rc<Selection>,
    pub selected: Option<LineId>,
    pub on_select: Callback<Option<LineId>>,
    pub on_show_table: Callback<()>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn Matches(props: &MatchesProps) -> Html {
    let b = &props.data.budget;
    let s = props.strings;
    let lines = &props.selection.lines;
    if lines.is_empty() {
        return html! {};
    }
    let more = lines.len().saturating_sub(SHOWN);
    html! {
        <section class="matches" aria-label={s.matches}>
            <ul id="matches">
                { for lines.iter().take(SHOWN).map(|&i| {
                    let m = &b.lines[i];
                    let id = m.id;
                    let on_select = props.on_select.clone();
                    let amount = match (m.relisted_of, m.amount) {
                        // In brackets, as in the table: it counts at the original, named below.
                        (Some(_), Some(n)) => format!("({})", s.amount(n)),
                        (Some(_), None) => s.no_amount.to_string(),
                        (None, Some(n)) => s.amount(n),
                        (None, None) => s.no_amount.to_string(),
                    };
                    // A relisting names its original, not only its number.
                    let original = m.relisted_of.and_then(|of| b.line(of))
                        .map(|o| s.original_line(o.id.initiative.0, &o.name));
                    html! {
                        <li key={id.to_string()}>
                            <button type="button" class="match" data-goto={id.to_string()}
                                    aria-pressed={(props.selected == Some(id)).then_some("true")}
                                    onclick={Callback::from(move |_: MouseEvent| on_select.emit(Some(id)))}>
                                <span class="match-name">
                                    <bdi>{ outside::visible(&m.name) }</bdi>{ marks(m, s) }
                                    if let Some(o) = &original {
                                        <span class="original">{ around(o) }</span>
                                    }
                                </span>
                                <span class="match-amount">{ amount }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if more > 0 {
                <button type="button" class="link" onclick={{ let cb = props.on_show_table.clone(); Callback::from(move |_: MouseEvent| cb.emit(())) }}>
                    { format!("{}{}{}", s.more_before, more, s.more_after) }
                </button>
            }
        </section>
    }
}
