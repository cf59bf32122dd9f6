//! The file reader, compiled to its own wasm module: decodes, detects the format, parses and
//! validates a budget file with the core's code (`core::import`), and answers in the `core::wire`
//! form, which the app's module decodes cheaply. The page starts it in a Web Worker only when a
//! person opens a file (see `worker.js`), so the app's first load carries none of this code.

use kumamoto_sme_budget::core::filter::SearchIndex;
use kumamoto_sme_budget::core::import::{self, PROGRESS_END};
use kumamoto_sme_budget::core::text::Normalize;
use kumamoto_sme_budget::core::{export, wire};
use wasm_bindgen::prelude::*;

/// Lines per part of an answer: the page decodes a part in a few milliseconds, and never holds
/// more than one part's copy beside the budget it builds.
pub const LINES_PER_PART: usize = 2_000;

/// How the reader's work is shared out in its progress (thousandths): reading the file up to
/// `READ_END`, folding the search text up to `FOLD_END`; the page's decoding of the answer does
/// the rest (`ui::open_file`).
pub const READ_END: u32 = 850;
pub const FOLD_END: u32 = 950;

/// Null when a file of `size` bytes may be read; else the answer refusing it (a 100 MB file is
/// never read into memory).
#[wasm_bindgen]
pub fn refuse_size(size: f64) -> Option<js_sys::Array> {
    import::check_size(size as u64)
        .err()
        .map(|problem| to_js(vec![wire::encode_problems(&[problem])]))
}

/// The answer when the platform could not give the file's bytes.
#[wasm_bindgen]
pub fn unreadable() -> js_sys::Array {
    to_js(vec![wire::encode_problems(&[import::unreadable()])])
}

/// The file's answer ([`answer`]), telling `on_progress` how far it has got (in thousandths,
/// each time it moves by one per cent).
#[wasm_bindgen]
pub fn read(name: &str, bytes: &[u8], on_progress: &js_sys::Function) -> js_sys::Array {
    let shift_jis = |b: &[u8]| {
        web_sys::TextDecoder::new_with_label("shift_jis")
            .ok()
            .and_then(|d| d.decode_with_u8_array(b).ok())
    };
    let mut shown = 0;
    let mut progress = |p: u32| {
        if p >= shown + 10 {
            shown = p;
            let _ = on_progress.call1(&JsValue::NULL, &p.into());
        }
    };
    to_js(answer(name, bytes, &shift_jis, NFKC_LOWER, &mut progress))
}

#[cfg(target_arch = "wasm32")]
const NFKC_LOWER: Normalize = kumamoto_sme_budget::ui::browser_nfkc_lower;
#[cfg(not(target_arch = "wasm32"))]
const NFKC_LOWER: Normalize = kumamoto_sme_budget::core::text::nfkc_lower;

fn to_js(parts: Vec<Vec<u8>>) -> js_sys::Array {
    parts
        .iter()
        .map(|p| js_sys::Uint8Array::from(p.as_slice()))
        .collect()
}

/// The answer for a file (`core::wire`): its budget with each line's folded search text, in
/// parts ([`wire::encode_answer`]), or every problem found. `normalize` folds as the page's
/// search does; `decode_shift_jis` is the platform's decoder (natively there is none).
pub fn answer(
    name: &str,
    bytes: &[u8],
    decode_shift_jis: &dyn Fn(&[u8]) -> Option<String>,
    normalize: Normalize,
    progress: import::Progress,
) -> Vec<Vec<u8>> {
    let read = import::read_with_progress(name, bytes, decode_shift_jis, &mut |p| {
        progress(p * READ_END / PROGRESS_END)
    });
    match read {
        Ok((budget, _)) => {
            let folded = SearchIndex::folded(&budget, normalize);
            progress(FOLD_END);
            wire::encode_answer(&budget, &folded, LINES_PER_PART)
        }
        Err(problems) => vec![wire::encode_problems(&problems)],
    }
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
    use kumamoto_sme_budget::core::text::nfkc_lower;
    use kumamoto_sme_budget::core::wire::{decode_head, Head};
    use kumamoto_sme_budget::core::{embedded_budget, export, synthetic};

    fn decoded(parts: &[Vec<u8>]) -> Head {
        let rest: usize = parts[1..].iter().map(Vec::len).sum();
        decode_head(&parts[0], rest).unwrap()
    }

    #[test]
    fn a_valid_file_comes_back_as_its_budget_and_its_search_text() {
        let b = synthetic::generate(LINES_PER_PART * 2 + 1, 8);
        let mut seen = Vec::new();
        let parts = answer(
            "b.json",
            export::to_json(&b).as_bytes(),
            &|_| None,
            nfkc_lower,
            &mut |p| seen.push(p),
        );
        assert_eq!(parts.len(), 4, "a head and three runs of lines");
        let Head::Budget(mut a) = decoded(&parts) else {
            panic!("problems")
        };
        for part in &parts[1..] {
            a.add(part).unwrap();
        }
        let (budget, folded) = a.finish().unwrap();
        assert_eq!(budget, b);
        // The search text is the one the page would have folded itself.
        assert_eq!(folded, SearchIndex::folded(&b, nfkc_lower));
        assert_eq!(seen.last(), Some(&FOLD_END));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn a_csv_file_reports_its_progress_on_the_way() {
        let b = embedded_budget().unwrap();
        let csv =
            kumamoto_sme_budget::core::csv::to_csv(&b, &(0..b.lines.len()).collect::<Vec<_>>());
        let mut seen = Vec::new();
        answer("b.csv", &csv, &|_| None, nfkc_lower, &mut |p| seen.push(p));
        assert!(seen.iter().any(|&p| 0 < p && p < READ_END), "{seen:?}");
        assert!(seen.contains(&READ_END) && seen.last() == Some(&FOLD_END));
    }

    #[test]
    fn a_bad_file_comes_back_as_its_problems() {
        let parts = answer(
            "b.json",
            b"{\"meta\": 1}",
            &|_| None,
            nfkc_lower,
            &mut |_| {},
        );
        assert_eq!(parts.len(), 1);
        let Head::Problems(problems) = decoded(&parts) else {
            panic!("a budget")
        };
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
}
