//! The corrections of a comparison as a small file (issue 17): saved when a person wants them
//! beyond the link (which carries the first `MAX_CORRECTIONS`), and opened again. The format and
//! its checks are `core::corrections_file`; this reads the bytes and shows what came of it.

use super::download;
use super::explorer::in_paren;
use crate::core::action::Action;
use crate::core::corrections_file;
use crate::core::lang::Message;
use crate::core::present::strings::Strings;
use crate::core::view_state::{CompareView, MAX_CORRECTIONS};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareCorrectionsProps {
    pub view: CompareView,
    /// The titles of the earlier and the later list (a file records them, to read it the right
    /// way round after the sides were swapped).
    pub earlier_title: String,
    pub later_title: String,
    pub on_action: Callback<Action>,
    pub strings: &'static Strings,
}

#[function_component]
pub fn CompareCorrections(props: &CompareCorrectionsProps) -> Html {
    let s = props.strings;
    let view = &props.view;
    // The problems of the last file that was refused, with its name.
    let refused = use_state(|| None::<(String, Vec<Message>)>);
    let save = {
        let (list, e, l) = (
            view.corrections.clone(),
            props.earlier_title.clone(),
            props.later_title.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let text = corrections_file::format(&e, &l, &list);
            let _ = download::save(
                text.as_bytes(),
                "text/plain;charset=utf-8",
                "budget-corrections.txt",
            );
        })
    };
    let onchange = {
        let (refused, on_action, view) =
            (refused.clone(), props.on_action.clone(), props.view.clone());
        let titles = (props.earlier_title.clone(), props.later_title.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let file = input.files().and_then(|f| f.get(0));
            input.set_value(""); // the same file can be chosen again
            let Some(file) = file else { return };
            let name = file.name();
            // Too big: refused before it is read.
            if let Some(p) = corrections_file::size_problem(file.size() as u64) {
                refused.set(Some((name, vec![p])));
                return;
            }
            let (refused, on_action, view, titles) = (
                refused.clone(),
                on_action.clone(),
                view.clone(),
                titles.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                    .await
                    .ok()
                    .and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok())
                    .map(|b| js_sys::Uint8Array::new(&b).to_vec());
                let read = match bytes {
                    Some(bytes) => corrections_file::parse(&bytes),
                    None => Err(vec![crate::core::import::unreadable()]),
                };
                match read {
                    Ok(f) => {
                        refused.set(None);
                        let from_file = f.corrections_for(&titles.0, &titles.1);
                        let corrections = corrections_file::merge(&from_file, &view.corrections);
                        on_action.emit(Action::Compare(Some(CompareView {
                            corrections,
                            beyond_link: 0,
                            ..view
                        })));
                    }
                    Err(problems) => refused.set(Some((name, problems))),
                }
            });
        })
    };
    let all = view.corrections.len() + view.beyond_link;
    html! {
        <div class="compare-corrections" id="compare-corrections">
            if !view.corrections.is_empty() {
                <button type="button" id="corrections-save" onclick={save}>{ s.save_corrections }</button>
            }
            <label class="button" for="corrections-file">{ s.open_corrections }</label>
            <input id="corrections-file" class="visually-hidden" type="file" accept=".txt,text/plain" {onchange} />
            <p class="hint">{ s.corrections_file_hint }</p>
            if view.beyond_link > 0 {
                <p class="notice" id="corrections-in-file" role="status">{ s.corrections_in_file(view.beyond_link) }</p>
            } else if all > MAX_CORRECTIONS {
                <p class="corrections-beyond" id="corrections-beyond">{ s.corrections_beyond_link(all, MAX_CORRECTIONS) }</p>
            }
            if let Some((name, problems)) = &*refused {
                <div class="import-errors" role="alert" id="corrections-errors">
                    <p>{ s.corrections_not_opened }{ in_paren(s, name) }</p>
                    <ul>{ for problems.iter().enumerate().map(|(i, p)| html! { <li key={i}>{ p.get(s.lang) }</li> }) }</ul>
                    <button type="button" onclick={{ let r = refused.clone(); Callback::from(move |_: MouseEvent| r.set(None)) }}>{ s.dismiss }</button>
                </div>
            }
        </div>
    }
}
