//! The top of the printed page (a meeting paper): what the paper shows, in words, since its
//! reader cannot see the controls: the conditions, the level of the tree, the date of printing
//! and the source with its as-of date. Rendered only while printing.

use super::download::today;
use crate::core::filter::Filter;
use crate::core::model::Meta;
use crate::core::present::{conditions, outside, strings::Strings};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrintHeadingProps {
    pub meta: Meta,
    pub filter: Filter,
    /// The breadcrumbs of the chart's level (or the view's name for the table), top first.
    pub path: Vec<String>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn PrintHeading(props: &PrintHeadingProps) -> Html {
    let s = props.strings;
    let m = &props.meta;
    // Values from a link or a file are isolated inside our sentence (`outside`).
    let row = |label: &str, value: String| {
        html! { <p><span class="label">{ format!("{label}{}", s.colon()) }</span><bdi>{ outside::visible(&value) }</bdi></p> }
    };
    html! {
        <section class="print-only print-heading" id="print-heading" aria-hidden="true">
            { row(s.conditions_label, conditions::in_words(&props.filter, s)) }
            { row(s.level_shown, props.path.join(" › ")) }
            { row(s.source, s.source_as_of(&m.source, &m.as_of)) }
            { row(s.printed_on, today()) }
        </section>
    }
}
