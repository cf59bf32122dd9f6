//! The root component: the embedded dataset, parsed once, or why it could not be.

use super::explorer::Explorer;
use super::state;
use crate::core::present::strings;
use crate::core::view_state::Lang;
use yew::prelude::*;

#[function_component]
pub fn App() -> Html {
    // Parsed once; the build already refused an invalid file, but a broken build still gets a
    // message instead of a panic.
    let parsed = use_memo((), |_| state::initial_data());
    match &*parsed {
        Ok(data) => html! { <Explorer data={data.clone()} /> },
        Err(errors) => html! {
            <main class="data-error" role="alert">
                <h1>{ strings::JA.data_error }</h1>
                <ul>{ for errors.iter().enumerate().map(|(i, e)| html! { <li key={i}>{ e.get(Lang::Ja) }</li> }) }</ul>
            </main>
        },
    }
}
