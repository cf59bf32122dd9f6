//! A link with a comparison (`cmp=`) opened where the second file is not open (files never travel
//! in a link): says so and offers to open it here, by picker or by dropping it on the page.

use crate::core::action::Action;
use crate::core::present::strings::Strings;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareMissingProps {
    pub on_file: Callback<web_sys::File>,
    pub on_action: Callback<Action>,
    /// Corrections the link counts beyond those it carries (in a corrections file).
    pub beyond_link: usize,
    pub strings: &'static Strings,
}

#[function_component]
pub fn CompareMissing(props: &CompareMissingProps) -> Html {
    let s = props.strings;
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let end = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Compare(None)))
    };
    html! {
        <div class="notice compare-missing" id="compare-missing" role="status">
            <p>{ s.compare_missing }</p>
            <p class="hint">{ s.compare_file_hint }</p>
            if props.beyond_link > 0 {
                <p id="compare-missing-corrections">{ s.corrections_in_file(props.beyond_link) }</p>
            }
            <label class="button" for="compare-missing-file">{ s.compare_open_missing }</label>
            <input id="compare-missing-file" class="visually-hidden" type="file" accept=".json,.csv,application/json,text/csv" {onchange} />
            <button type="button" onclick={end}>{ s.end_compare }</button>
        </div>
    }
}
