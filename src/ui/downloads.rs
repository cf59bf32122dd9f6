//! The downloads section (the files themselves are made in `download`).

use super::state::Data;
use super::{download, url};
use crate::core::export::Download;
use crate::core::filter::{Filter, Selection};
use crate::core::present::conditions;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    pub data: Data,
    pub selection: Rc<Selection>,
    /// What narrows the view, for the notes of the CSV with notes.
    pub filter: Filter,
    /// The view's address, for the same notes.
    pub link: String,
    pub strings: &'static Strings,
}

/// The filtered view as CSV for Excel (the table alone, header on row 1), CSV with its source
/// and conditions (reopens here as the same budget), JSON (the data contract; a 【再掲】 line
/// brings its original along), and the page itself for offline use.
#[function_component]
pub fn Downloads(props: &DownloadsProps) -> Html {
    let s = props.strings;
    // The files are made by the reader module (see `download::made_by_reader`), from the props
    // of the click.
    let save = |kind: Download,
                notes: Rc<dyn Fn() -> Vec<String>>,
                mime: &'static str,
                name: &'static str| {
        let (data, selection) = (props.data.clone(), props.selection.clone());
        Callback::from(move |_: MouseEvent| {
            let (data, selection, notes) = (data.clone(), selection.clone(), notes());
            wasm_bindgen_futures::spawn_local(async move {
                download::made_by_reader(kind, &data.budget, &selection.lines, &notes, mime, name)
                    .await;
            });
        })
    };
    let csv = save(
        Download::Csv,
        Rc::new(Vec::new),
        "text/csv;charset=utf-8",
        "kumamoto-sme-budget-r5.csv",
    );
    let (filter, link) = (props.filter.clone(), props.link.clone());
    let csv_notes = save(
        Download::CsvWithNotes,
        Rc::new(move || {
            vec![
                format!(
                    "{}{}{}",
                    s.conditions_label,
                    s.colon(),
                    conditions::in_words(&filter, s)
                ),
                link.clone(),
                format!("{}{}{}", s.made_on, s.colon(), download::today()),
            ]
        }),
        "text/csv;charset=utf-8",
        "kumamoto-sme-budget-r5-with-notes.csv",
    );
    let json = save(
        Download::Json,
        Rc::new(Vec::new),
        "application/json",
        "kumamoto-sme-budget-r5.json",
    );
    // The page as served is one self-contained file: saving it saves the whole app. A saved
    // copy is that file already (and a file:// link cannot be downloaded): say so instead.
    let saved_copy = url::is_saved_copy();
    let page = url::link_to("");
    html! {
        <section class="downloads" aria-label={s.downloads}>
            <h2>{ s.downloads }</h2>
            <div class="download-buttons">
                <button type="button" id="save-csv" onclick={csv}>{ s.save_csv }</button>
                <button type="button" id="save-csv-notes" onclick={csv_notes}>{ s.save_csv_notes }</button>
                <button type="button" id="save-json" onclick={json}>{ s.save_json }</button>
                if !saved_copy {
                    <a id="save-page" class="button" href={page} download="kumamoto-sme-budget-r5.html">{ s.save_page }</a>
                }
            </div>
            if saved_copy {
                <p class="saved-copy-note" id="saved-copy-note">{ s.saved_copy_note }</p>
            }
        </section>
    }
}
