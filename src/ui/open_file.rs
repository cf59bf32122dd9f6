//! Opening another year's or city's budget file (JSON or CSV) in the browser: picker and
//! drag-and-drop. Nothing leaves the device. A file with problems is not loaded: every problem is
//! listed, in the UI's language, and the view stays as it was.

use super::state::Data;
use crate::core::lang::Message;
use crate::core::present::strings::Strings;
use crate::core::{import, wire};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the last attempt to open a file came to.
#[derive(Clone, PartialEq)]
pub enum Outcome {
    Reading(String),
    /// Each problem in both languages: the list follows a language switch.
    Failed {
        name: String,
        problems: Vec<Message>,
    },
}

/// Reads `file` and hands a valid dataset to `on_loaded`; reports through `on_outcome`.
///
/// The reading, parsing and checking happen in the reader module (a second wasm, started in a
/// worker by the page's script `window.__budgetReader`, see `reader/`), which answers in the
/// `wire` form: this module links no JSON parser, CSV reader or validator.
pub fn open(
    file: web_sys::File,
    on_loaded: Callback<(Data, String)>,
    on_outcome: Callback<Option<Outcome>>,
) {
    let name = file.name();
    on_outcome.emit(Some(Outcome::Reading(name.clone())));
    wasm_bindgen_futures::spawn_local(async move {
        match read(&file)
            .await
            .and_then(|bytes| wire::decode_outcome(&bytes).ok())
        {
            Some(Ok(budget)) => {
                on_outcome.emit(None);
                on_loaded.emit((Data::new(budget), name));
            }
            Some(Err(problems)) => on_outcome.emit(Some(Outcome::Failed { name, problems })),
            // The reader could not be started or broke: the file is not loaded, nothing else.
            None => on_outcome.emit(Some(Outcome::Failed {
                name,
                problems: vec![import::unreadable()],
            })),
        }
    });
}

/// The reader module's answer for `file`, or `None` when there is no reader or it failed.
async fn read(file: &web_sys::File) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let reader: js_sys::Function = js_sys::Reflect::get(&window, &"__budgetReader".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = reader.call1(&window, file).ok()?.dyn_into().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(answer.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec())
}

/// The first file of a drop, if any.
pub fn dropped_file(e: &DragEvent) -> Option<web_sys::File> {
    e.data_transfer()?.files()?.get(0)
}

#[derive(Properties, PartialEq)]
pub struct OpenFileProps {
    pub on_file: Callback<web_sys::File>,
    /// A second file to compare with the one shown.
    pub on_compare: Callback<web_sys::File>,
    pub strings: &'static Strings,
}

/// The picker and its hint (in the page's menu: few residents open another file).
#[function_component]
pub fn OpenFile(props: &OpenFileProps) -> Html {
    let s = props.strings;
    let picked = |on_file: Callback<web_sys::File>| {
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value(""); // the same file can be chosen again after fixing it
        })
    };
    let onchange = picked(props.on_file.clone());
    let on_compare = picked(props.on_compare.clone());
    html! {
        <section class="open-file" aria-label={s.open_file}>
            <label class="button" for="open-file">{ s.open_file }</label>
            <input id="open-file" class="visually-hidden" type="file" accept=".json,.csv,application/json,text/csv" {onchange}
                   data-closes-menu="" />
            <p class="hint">{ s.open_file_hint }</p>
            <label class="button" for="compare-file">{ s.compare_file }</label>
            <input id="compare-file" class="visually-hidden" type="file" accept=".json,.csv,application/json,text/csv" onchange={on_compare}
                   data-closes-menu="" />
            <p class="hint">{ s.compare_file_hint }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportOutcomeProps {
    pub outcome: Option<Outcome>,
    pub on_dismiss: Callback<()>,
    pub strings: &'static Strings,
}

/// What became of the last file, in the page (not in the menu that holds the picker, which may
/// be closed by then).
#[function_component]
pub fn ImportOutcome(props: &ImportOutcomeProps) -> Html {
    let s = props.strings;
    const SHOWN: usize = 50;
    match &props.outcome {
        None => html! {},
        Some(Outcome::Reading(name)) => html! {
            <p class="reading" role="status">{ s.reading }{ super::explorer::in_paren(s, name) }</p>
        },
        Some(Outcome::Failed { name, problems }) => html! {
            <div class="import-errors" role="alert" id="import-errors">
                <p>{ s.not_loaded }{ super::explorer::in_paren(s, name) }</p>
                <ul>{ for problems.iter().take(SHOWN).enumerate().map(|(i, p)| html! { <li key={i}>{ p.get(s.lang) }</li> }) }</ul>
                if problems.len() > SHOWN {
                    <p>{ format!("{}{}", s.more_before, problems.len() - SHOWN) }{ s.more_problems }</p>
                }
                <button type="button" onclick={{ let d = props.on_dismiss.clone(); Callback::from(move |_: MouseEvent| d.emit(())) }}>{ s.dismiss }</button>
            </div>
        },
    }
}

/// Keeps the browser from navigating to a file dropped anywhere on the page.
pub fn allow_drop(e: &DragEvent) {
    e.prevent_default();
    if let Some(t) = e.data_transfer() {
        t.set_drop_effect("copy");
    }
    let _ = e.dyn_ref::<web_sys::Event>();
}
