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
    yew::Renderer::<app::App>::new().render();
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
