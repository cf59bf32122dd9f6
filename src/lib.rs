//! Kumamoto SME budget explorer: a pure core (`core`) and, on wasm, a thin Yew UI (`ui`).

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
