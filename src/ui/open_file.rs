//! Opening another year's or city's budget file (JSON or CSV) in the browser: picker and
//! drag-and-drop. Nothing leaves the device. A file with problems is not loaded: every problem is
//! listed, in the UI's language, and the view stays as it was.

use super::state::Data;
use crate::core::lang::Message;
use crate::core::present::strings::Strings;
use crate::core::{import, wire};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the last attempt to open a file came to.
#[derive(Clone, PartialEq)]
pub enum Outcome {
    /// The file's name, and how far reading it has got (thousandths).
    Reading(String, u32),
    /// Each problem in both languages: the list follows a language switch.
    Failed {
        name: String,
        problems: Vec<Message>,
    },
}

/// Where the reader's work ends and the page's decoding of its answer begins, in the progress
/// (thousandths; the reader's own share is `READ_END` and `FOLD_END` in `reader/src/lib.rs`).
const DECODE_START: u32 = 950;
/// How long the page decodes before it lets the browser paint and handle input (ms).
const SLICE_MS: f64 = 40.0;
/// How long a load waits at most for the page to let go of the dataset it shows (ms).
const RELEASE_WAIT_MS: f64 = 2000.0;

/// Reads `file` and hands a valid dataset to `on_loaded`; reports through `on_outcome`. Once the
/// reader has found the file valid, and before its answer is decoded, `on_release` hears `true`:
/// the dataset shown may be let go (two large datasets are then never held at once); `false` if
/// the answer then turned out corrupt.
///
/// The reading, parsing and checking happen in the reader module (a second wasm, started in a
/// worker by the page's script `window.__budgetReader`, see `reader/`), which answers in the
/// `wire` form: this module links no JSON parser, CSV reader or validator. The answer comes in
/// parts, decoded here one at a time, yielding to the browser every `SLICE_MS`.
pub fn open(
    file: web_sys::File,
    on_loaded: Callback<(Data, String)>,
    on_outcome: Callback<Option<Outcome>>,
    on_release: Callback<bool>,
) {
    let name = file.name();
    on_outcome.emit(Some(Outcome::Reading(name.clone(), 0)));
    wasm_bindgen_futures::spawn_local(async move {
        let reading = {
            let (on_outcome, name) = (on_outcome.clone(), name.clone());
            move |p: u32| on_outcome.emit(Some(Outcome::Reading(name.clone(), p)))
        };
        let answer = match read(&file, reading.clone()).await {
            Some(parts) => decode(parts, reading, &on_release).await,
            None => None,
        };
        match answer {
            Some(Ok(data)) => {
                on_outcome.emit(None);
                on_loaded.emit((data, name));
                mark("open:shown");
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

/// The reader module's answer for `file` (its parts), or `None` when there is no reader or it
/// failed. `progress` hears the reader's progress.
async fn read(file: &web_sys::File, progress: impl Fn(u32) + 'static) -> Option<js_sys::Array> {
    let window = web_sys::window()?;
    let reader: js_sys::Function = js_sys::Reflect::get(&window, &"__budgetReader".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let on_progress = Closure::<dyn Fn(f64)>::new(move |p: f64| progress(p as u32));
    let promise: js_sys::Promise = reader
        .call2(&window, file, on_progress.as_ref())
        .ok()?
        .dyn_into()
        .ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    drop(on_progress);
    answer.dyn_into().ok()
}

/// The answer's parts as a dataset, or its problems; `None` when it is corrupt. Copies one part
/// at a time into this module's memory (and lets go of it on the JavaScript side once decoded),
/// and lets the browser run between slices of work.
async fn decode(
    parts: js_sys::Array,
    progress: impl Fn(u32),
    on_release: &Callback<bool>,
) -> Option<Result<Data, Vec<Message>>> {
    mark("open:answered");
    let part = |i: u32| parts.get(i).dyn_into::<js_sys::Uint8Array>().ok();
    let first = part(0)?.to_vec();
    let after: usize = (1..parts.length())
        .map(|i| part(i).map_or(0, |p| p.length() as usize))
        .sum();
    let assembly = match wire::decode_head(&first, after).ok()? {
        wire::Head::Problems(problems) => return Some(Err(problems)),
        wire::Head::Budget(assembly) => assembly,
    };
    drop(first);
    on_release.emit(true);
    // The page renders without the old dataset (its components let go of it) before the new
    // one is built: Yew may take several tasks to render it all, so wait until nothing holds
    // the old one, for at most `RELEASE_WAIT_MS` (a holder never let go must not stall a load).
    let asked = now();
    next_task().await;
    while super::state::released_still_held() && now() - asked < RELEASE_WAIT_MS {
        next_task().await;
    }
    let decoded = assemble(assembly, &parts, progress).await;
    if decoded.is_none() {
        on_release.emit(false);
    }
    mark("open:decoded");
    decoded.map(Ok)
}

/// The lines of the answer after its head.
async fn assemble(
    mut assembly: Box<wire::Assembly>,
    parts: &js_sys::Array,
    progress: impl Fn(u32),
) -> Option<Data> {
    let part = |i: u32| parts.get(i).dyn_into::<js_sys::Uint8Array>().ok();
    let mut buffer = Vec::new();
    let mut slice = now();
    for i in 1..parts.length() {
        let p = part(i)?;
        buffer.resize(p.length() as usize, 0);
        p.copy_to(&mut buffer);
        parts.set(i, JsValue::UNDEFINED);
        assembly.add(&buffer).ok()?;
        if now() - slice > SLICE_MS {
            let (done, all) = assembly.progress();
            progress(DECODE_START + ((done * (1000 - DECODE_START) as usize) / all.max(1)) as u32);
            next_task().await;
            slice = now();
        }
    }
    drop(buffer);
    let (budget, folded) = assembly.finish().ok()?;
    Data::with_folded(budget, folded)
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A performance mark, for the bench's account of where the main thread's time goes.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Resolves in a later task: the browser paints and handles input in between.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
        // The status says once what is happening; the bar beside it carries the percentage,
        // which assistive technology reads when asked, not at every step.
        Some(Outcome::Reading(name, progress)) => {
            let percent = (progress / 10).min(100);
            html! {
                <div class="reading">
                    <p role="status">{ s.reading }{ super::explorer::in_paren(s, name) }</p>
                    <progress id="reading-progress" max="100" value={percent.to_string()} aria-label={s.reading_progress}></progress>
                    <span class="reading-percent" aria-hidden="true">{ format!("{percent}%") }</span>
                </div>
            }
        }
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
