//! The downloads section (the files themselves are made in `download`).

use super::state::Data;
use super::{download, url};
use crate::core::filter::Selection;
use crate::core::model::Budget;
use crate::core::present::strings::Strings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    pub data: Data,
    pub selection: Rc<Selection>,
    pub strings: &'static Strings,
}

/// The filtered view as CSV (Excel, Japanese) or JSON (the data contract; a 【再掲】 line brings
/// its original along), and the page itself for offline use.
#[function_component]
pub fn Downloads(props: &DownloadsProps) -> Html {
    let s = props.strings;
    let file = |make: fn(&Budget, &[usize]) -> Vec<u8>, mime: &'static str, name: &'static str| {
        let (data, selection) = (props.data.clone(), props.selection.clone());
        Callback::from(move |_: MouseEvent| {
            let bytes = make(&data.budget, &selection.lines);
            let _ = download::save(&bytes, mime, name);
        })
    };
    let csv = file(
        crate::core::csv::to_csv,
        "text/csv;charset=utf-8",
        "kumamoto-sme-budget-r5.csv",
    );
    let json = file(
        |b, lines| crate::core::export::subset_json(b, lines).into_bytes(),
        "application/json",
        "kumamoto-sme-budget-r5.json",
    );
    // The page as served is one self-contained file: saving it saves the whole app.
    let page = url::link_to("");
    html! {
        <section class="downloads" aria-label={s.downloads}>
            <h2>{ s.downloads }</h2>
            <div class="download-buttons">
                <button type="button" id="save-csv" onclick={csv}>{ s.save_csv }</button>
                <button type="button" id="save-json" onclick={json}>{ s.save_json }</button>
                <a id="save-page" class="button" href={page} download="kumamoto-sme-budget-r5.html">{ s.save_page }</a>
            </div>
        </section>
    }
}
