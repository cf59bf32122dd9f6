//! The browser layer: thin Yew components over the core. One reducer (`state::AppState`) owns
//! the state; `url` is the one place it meets the address bar; components render and send
//! `Action`s.

mod app;
mod chart;
mod compare;
mod compare_corrections;
mod compare_details;
mod compare_groups;
mod compare_list;
mod compare_map;
mod compare_missing;
mod compare_table;
mod details;
mod download;
mod downloads;
mod draw;
mod embed_header;
mod explorer;
mod filters;
mod hooks;
mod legend;
mod matches;
mod menu;
mod no_match;
mod open_file;
mod page;
mod picture_downloads;
mod print_heading;
mod service_worker;
mod share;
mod state;
mod summary;
mod table;
mod transition;
mod url;
mod virtual_rows;

use yew::prelude::*;

/// NFKC and lower-casing by the browser's own Unicode tables (none shipped in the wasm), for
/// text that needs them: most Japanese text does not (`plain_nfkc_lower`), and is not copied
/// into a JavaScript string and back (for a 50,000-line file, about 0.3 s). The reader module
/// folds an opened file's search text with it in its worker.
pub fn browser_nfkc_lower(text: &str) -> String {
    if let Some(folded) = crate::core::text::plain_nfkc_lower(text) {
        return folded;
    }
    js_sys::JsString::from(text)
        .normalize("NFKC")
        .to_lower_case()
        .into()
}

/// Mounts the app on `<body>` (replacing the page's static content).
pub fn start() {
    keep_scripts_out_of_the_body();
    yew::Renderer::<app::App>::new().render();
}

/// The page's module script and the reader's data blocks and loader come last in the body
/// (`xtask/src/inline.rs`, `xtask/src/reader.rs`: there the parser reaches the static page
/// sooner), and Yew empties the body when it mounts. Moved into the head first (a script that has
/// run does not run again when moved; the reader's loader finds its blocks by id when a file is
/// opened), they stay in the page, so a copy saved from the running page (its DOM, as "save as,
/// complete" writes it) still starts.
fn keep_scripts_out_of_the_body() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(head), Ok(scripts)) = (
        document.head(),
        document.query_selector_all("body > script"),
    ) else {
        return;
    };
    for i in 0..scripts.length() {
        if let Some(script) = scripts.item(i) {
            let _ = head.append_child(&script);
        }
    }
}

/// A QR code of `link` as SVG (crisp at any size, in print too), or nothing if too long.
fn qr_svg(link: &str, label: &str, id: &str) -> Html {
    let Some(g) = crate::core::qr::encode(link) else {
        return html! {};
    };
    // A quiet zone of four modules, as scanners expect.
    let side = g.size + 8;
    html! {
        <svg id={id.to_string()} class="qr" viewBox={format!("0 0 {side} {side}")} role="img" aria-label={label.to_string()}
             xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
            <rect width={side.to_string()} height={side.to_string()} fill="#fff" />
            { for g.runs().into_iter().map(|(x, y, w)| html! {
                <rect x={(x + 4).to_string()} y={(y + 4).to_string()} width={w.to_string()} height="1" fill="#000" />
            }) }
        </svg>
    }
}
