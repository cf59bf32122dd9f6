//! Checks `data/budget.json` with the app's own validator before anything is compiled, so a
//! malformed file fails the build with one line per problem (item, field, what is wrong); then
//! writes the checked budget in the `core::wire` form the app embeds.

#[allow(dead_code)]
#[path = "src/core/lang.rs"]
mod lang;
#[allow(dead_code)]
#[path = "src/core/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/core/money.rs"]
mod money;
#[allow(dead_code)]
#[path = "src/core/validate.rs"]
mod validate;
#[allow(dead_code)]
#[path = "src/core/wire.rs"]
mod wire;

fn main() {
    let path = "data/budget.json";
    println!("cargo:rerun-if-changed={path}");
    println!("cargo:rerun-if-changed=src/core/lang.rs");
    println!("cargo:rerun-if-changed=src/core/model.rs");
    println!("cargo:rerun-if-changed=src/core/money.rs");
    println!("cargo:rerun-if-changed=src/core/validate.rs");
    println!("cargo:rerun-if-changed=src/core/wire.rs");
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {path}: cannot be read as UTF-8 text ({e})");
            std::process::exit(1);
        }
    };
    let budget = validate::parse(&text);
    if let Err(errors) = &budget {
        eprintln!(
            "error: {path} does not follow the data contract ({} problems):",
            errors.len()
        );
        for e in errors {
            eprintln!("error: {path}: {e}");
        }
        std::process::exit(1);
    }
    // What the app embeds: the validated budget in the wire form (no JSON parser in the app).
    if let Ok(budget) = budget {
        let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
            .join("budget.wire");
        if let Err(e) = std::fs::write(&out, wire::encode(&budget)) {
            eprintln!("error: {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
