//! The browser layer: thin Yew components over the core. One reducer (`state::AppState`) owns
//! the state; `url` is the one place it meets the address bar; components render and send
//! `Action`s.

mod app;
mod chart;
mod compare;
mod compare_corrections;
mod compare_details;
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

use yew::prelude::*;

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
