//! The file reader, compiled to its own wasm module: decodes, detects the format, parses and
//! validates a budget file with the core's code (`core::import`), and answers in the `core::wire`
//! form, which the app's module decodes cheaply. The page starts it in a Web Worker only when a
//! person opens a file (see `worker.js`), so the app's first load carries none of this code.

use kumamoto_sme_budget::core::{export, import, wire};
use wasm_bindgen::prelude::*;

/// Empty when a file of `size` bytes may be read; else the outcome refusing it (a 100 MB file is
/// never read into memory).
#[wasm_bindgen]
pub fn refuse_size(size: f64) -> Vec<u8> {
    match import::check_size(size as u64) {
        Ok(()) => Vec::new(),
        Err(problem) => wire::encode_outcome(&Err(vec![problem])),
    }
}

/// The outcome when the platform could not give the file's bytes.
#[wasm_bindgen]
pub fn unreadable() -> Vec<u8> {
    wire::encode_outcome(&Err(vec![import::unreadable()]))
}

/// The file's outcome: its budget, or every problem found.
#[wasm_bindgen]
pub fn read(name: &str, bytes: &[u8]) -> Vec<u8> {
    let shift_jis = |b: &[u8]| {
        web_sys::TextDecoder::new_with_label("shift_jis")
            .ok()
            .and_then(|d| d.decode_with_u8_array(b).ok())
    };
    read_with(name, bytes, &shift_jis)
}

/// [`read`] with the Shift_JIS decoder passed in (natively there is no TextDecoder).
pub fn read_with(
    name: &str,
    bytes: &[u8],
    decode_shift_jis: &dyn Fn(&[u8]) -> Option<String>,
) -> Vec<u8> {
    wire::encode_outcome(&import::read(name, bytes, decode_shift_jis).map(|(budget, _)| budget))
}

/// A download of the view (`export::Download`'s code): the file's bytes, or none when the
/// request is not one. The app's module carries neither writer; it asks here on the click.
#[wasm_bindgen]
pub fn download(kind: u8, wire: &[u8], lines: &[u32], notes: Vec<String>) -> Vec<u8> {
    export::download_from_wire(kind, wire, lines, &notes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kumamoto_sme_budget::core::{embedded_budget, export};

    #[test]
    fn a_valid_file_comes_back_as_its_budget() {
        let b = embedded_budget().unwrap();
        let out = read_with("b.json", export::to_json(&b).as_bytes(), &|_| None);
        assert_eq!(wire::decode_outcome(&out), Ok(Ok(b)));
    }

    #[test]
    fn a_bad_file_comes_back_as_its_problems() {
        let out = read_with("b.json", b"{\"meta\": 1}", &|_| None);
        let problems = wire::decode_outcome(&out).unwrap().unwrap_err();
        assert!(!problems.is_empty());
        assert!(problems
            .iter()
            .all(|p| !p.ja.is_empty() && !p.en.is_empty()));
    }

    #[test]
    fn a_download_is_the_file_or_nothing() {
        let b = embedded_budget().unwrap();
        let made = download(2, &wire::encode(&b), &[0, 1], vec![]);
        assert_eq!(made, export::subset_json(&b, &[0, 1]).into_bytes());
        assert!(download(9, &wire::encode(&b), &[0], vec![]).is_empty());
    }

    #[test]
    fn sizes_past_the_limit_are_refused_before_reading() {
        assert!(refuse_size(1_000.0).is_empty());
        assert!(refuse_size(import::MAX_BYTES as f64).is_empty());
        let out = refuse_size(import::MAX_BYTES as f64 + 1.0);
        let problems = wire::decode_outcome(&out).unwrap().unwrap_err();
        assert_eq!(
            problems,
            vec![import::check_size(import::MAX_BYTES + 1).unwrap_err()]
        );
        assert_eq!(
            wire::decode_outcome(&unreadable()),
            Ok(Err(vec![import::unreadable()]))
        );
    }
}
