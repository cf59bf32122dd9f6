//! The reader module: the second wasm (crate `reader/`), which opens budget files. Built here with
//! cargo, the pinned wasm-bindgen CLI (`--target no-modules`: its glue runs as a worker's classic
//! script) and wasm-opt, then inlined into the page as data blocks beside a small loader
//! (`reader/loader.js`) that starts it in a Web Worker only when a person opens a file.

use crate::inline::{find_ci, gzip, replace_ci};
use base64::{engine::general_purpose::STANDARD, Engine};
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, String>;

const CRATE: &str = "kumamoto-sme-budget-reader";
const LOADER: &str = include_str!("../../reader/loader.js");
const WORKER: &str = include_str!("../../reader/worker.js");

/// The built reader: its glue and its optimised wasm.
pub struct Reader {
    pub glue: String,
    pub wasm: Vec<u8>,
}

/// Where the optimised reader wasm is kept for the size table.
pub fn wasm_path(root: &Path) -> PathBuf {
    root.join("target/reader/reader.wasm")
}

/// Builds the reader with the app's release profile (the same optimisation and panic rule).
pub fn build(root: &Path) -> Result<Reader> {
    crate::run(crate::cmd(
        "cargo",
        &[
            "build",
            "-p",
            CRATE,
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ],
    ))?;
    let out = root.join("target/reader");
    let _ = std::fs::remove_dir_all(&out);
    let built =
        root.join("target/wasm32-unknown-unknown/wasm-release/kumamoto_sme_budget_reader.wasm");
    crate::run(crate::cmd(
        "wasm-bindgen",
        &[
            "--target",
            "no-modules",
            "--no-typescript",
            "--out-dir",
            &out.display().to_string(),
            &built.display().to_string(),
        ],
    ))?;
    let bound = out.join("kumamoto_sme_budget_reader_bg.wasm");
    let optimised = wasm_path(root);
    // As Trunk runs it for the app (index.html's data-wasm-opt and its params).
    crate::run(crate::cmd(
        "wasm-opt",
        &[
            "-Oz",
            "--converge",
            "--low-memory-unused",
            "--strip-producers",
            "--strip-debug",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            &bound.display().to_string(),
            "-o",
            &optimised.display().to_string(),
        ],
    ))?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let glue_path = out.join("kumamoto_sme_budget_reader.js");
    let glue = String::from_utf8(read(&glue_path)?)
        .map_err(|_| format!("{} is not UTF-8", glue_path.display()))?;
    Ok(Reader {
        glue,
        wasm: read(&optimised)?,
    })
}

/// `html` with the reader inlined at the end of `<body>`: its glue, the worker's script and the
/// wasm (gzip, base64) as data blocks the page never runs, then the loader, which runs and defines
/// `window.__budgetReader`. Last in the body, the parser reaches the static page before their
/// 150 KB; the app moves them into the head before it mounts (Yew empties the body, and the
/// loader reads the blocks only when a file is opened: `ui::start`).
pub fn inline(html: &str, reader: &Reader) -> Result<String> {
    if !reader.glue.contains("let wasm_bindgen = ") {
        return Err("the reader's glue is not wasm-bindgen's no-modules output".into());
    }
    if html.contains("id=\"reader-glue\"") {
        return Err("the page already holds the reader".into());
    }
    let end = find_ci(html, "</body>").ok_or("no </body> in the page")?;
    // `</script` inside a block would end it; `<\/script` reads the same in JS.
    let block = |id: &str, text: &str| {
        format!(
            "<script type=\"text/plain\" id=\"{id}\">\n{}\n</script>\n",
            replace_ci(text.trim_end(), "</script", "<\\/script")
        )
    };
    let mut out = String::with_capacity(html.len() + reader.wasm.len() + reader.glue.len() * 2);
    out.push_str(&html[..end]);
    out.push_str(&block("reader-glue", &reader.glue));
    out.push_str(&block("reader-worker", WORKER));
    out.push_str(&block("reader-wasm", &STANDARD.encode(gzip(&reader.wasm))));
    out.push_str(&format!("<script>\n{}\n</script>\n", LOADER.trim_end()));
    out.push_str(&html[end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> Reader {
        Reader {
            glue: "let wasm_bindgen = (function(exports) { /* </script> */ })({});\n".into(),
            wasm: b"\0asm\x01\0\0\0".to_vec(),
        }
    }

    #[test]
    fn the_reader_goes_at_the_end_of_the_body_as_inert_blocks_and_one_loader() {
        let page = "<html><head><title>t</title></head><body><p>x</p></body></html>";
        let out = inline(page, &reader()).expect("inlines");
        let body_content = out.find("<p>x</p>").unwrap();
        let body_end = out.find("</body>").unwrap();
        for id in ["reader-glue", "reader-worker", "reader-wasm"] {
            let at = out
                .find(&format!("<script type=\"text/plain\" id=\"{id}\">"))
                .unwrap_or_else(|| panic!("{id}: {out}"));
            assert!(body_content < at && at < body_end, "{id} last in the body");
        }
        assert!(out.contains("window.__budgetReader"), "the loader");
        assert!(
            out.contains("<\\/script>") && !out.contains("/* </script> */"),
            "{out}"
        );
        let b64 = STANDARD.encode(gzip(&reader().wasm));
        assert!(out.contains(&b64), "the wasm, gzip then base64");
        assert!(out.starts_with("<html><head><title>t</title></head><body><p>x</p><script"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(inline(&out, &reader()).is_err(), "not twice");
        assert!(
            inline("<html><head></head><body>", &reader()).is_err(),
            "no body end"
        );
        let other = Reader {
            glue: "export function read() {}".into(),
            wasm: vec![],
        };
        assert!(inline(page, &other).is_err(), "not no-modules glue");
    }
}
