//! The pure core: no browser types (the web crates are not even dependencies on native targets).
//! Data flows one way: `validate` → `model::Budget` → `filter::Selection` → `aggregate::Node`
//! → `treemap` rectangles, while `view_state` carries what the user set to and from the URL.

pub mod action;
pub mod aggregate;
pub mod chart;
pub mod compare;
pub mod corrections_file;
pub mod csv;
pub mod decimal;
pub mod export;
pub mod filter;
pub mod import;
pub mod label;
pub mod lang;
pub mod model;
pub mod money;
pub mod picture;
pub mod present;
pub mod qr;
pub mod svg;
pub mod synthetic;
pub mod table;
pub mod text;
pub mod treemap;
pub mod validate;
pub mod view_state;
pub mod virtual_rows;
pub mod wire;

/// The embedded dataset as written, checked by `build.rs` with the same validator (natively: the
/// app's module carries [`EMBEDDED_WIRE`] instead).
pub const EMBEDDED_BUDGET: &str = include_str!("../../data/budget.json");

/// The embedded dataset in the `wire` form, written by `build.rs` after validating
/// `data/budget.json`: the app decodes it without linking the JSON parser or the validator.
pub const EMBEDDED_WIRE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/budget.wire"));

/// The embedded dataset, decoded. `build.rs` refuses to build when it does not validate, so the
/// error branch is only reachable with a hand-broken build; callers still show it, never panic.
pub fn embedded_budget() -> Result<model::Budget, wire::Corrupt> {
    wire::decode(EMBEDDED_WIRE)
}
