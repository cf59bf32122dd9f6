//! Entry point. On wasm it mounts the app; natively there is nothing to run (the core is a
//! library, tested with `cargo test`), so it says how to start the app instead.

#[cfg(target_arch = "wasm32")]
fn main() {
    kumamoto_sme_budget::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a web app: run `cargo xtask serve` and open the printed URL.");
}
