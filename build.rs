//! Checks `data/budget.json` with the app's own validator before anything is compiled, so a
//! malformed file fails the build with one line per problem (item, field, what is wrong).

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

fn main() {
    let path = "data/budget.json";
    println!("cargo:rerun-if-changed={path}");
    println!("cargo:rerun-if-changed=src/core/lang.rs");
    println!("cargo:rerun-if-changed=src/core/model.rs");
    println!("cargo:rerun-if-changed=src/core/money.rs");
    println!("cargo:rerun-if-changed=src/core/validate.rs");
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {path}: cannot be read as UTF-8 text ({e})");
            std::process::exit(1);
        }
    };
    if let Err(errors) = validate::parse(&text) {
        eprintln!(
            "error: {path} does not follow the data contract ({} problems):",
            errors.len()
        );
        for e in &errors {
            eprintln!("error: {path}: {e}");
        }
        std::process::exit(1);
    }
}
