//! Memory of opening a large file, counted by a global allocator that records the peak of live
//! bytes: deterministic, so the bound below fails on any change that brings back a copy.

use kumamoto_sme_budget::core::filter::SearchIndex;
use kumamoto_sme_budget::core::{csv, export, import, synthetic, text};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The counters are global: one measurement at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// What `work` allocates at its peak and what it leaves allocated, in bytes.
fn measure<T>(work: impl FnOnce() -> T) -> (usize, usize, T) {
    let start = LIVE.load(Relaxed);
    PEAK.store(start, Relaxed);
    let out = work();
    let (peak, end) = (PEAK.load(Relaxed), LIVE.load(Relaxed));
    (peak - start, end.saturating_sub(start), out)
}

const MB: usize = 1 << 20;
const SEED: u64 = 20_230_331;

/// The seeded synthetic budget of `lines` lines (the bench's), as the app's CSV download writes it.
fn csv_file(lines: usize) -> Vec<u8> {
    let budget = synthetic::generate(lines, SEED);
    csv::to_csv(&budget, &(0..lines).collect::<Vec<_>>())
}

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / MB as f64)
}

/// Opening a 50,000-line CSV (14.5 MB) through the app's own entry point: at its peak the
/// reading holds at most 32 MB beside the file's bytes (it held 244 MB when the rows became
/// one JSON text parsed again into a tree), and what it keeps is the dataset alone.
#[test]
fn a_50000_line_csv_is_read_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let file = csv_file(50_000);
    let (peak, kept, budget) = measure(|| import::read("big.csv", &file, &|_| None).unwrap().0);
    println!(
        "50,000-line CSV of {}: peak {}, kept {}",
        mb(file.len()),
        mb(peak),
        mb(kept)
    );
    assert_eq!(budget.lines.len(), 50_000);
    assert!(peak <= 32 * MB, "peak {}", mb(peak));
    // What stays is the dataset's own text and structs: well under two bytes of memory per byte
    // of the file (the lines hold the file's text, less the ids, amounts and marks).
    assert!(kept <= file.len() * 3 / 2, "kept {}", mb(kept));
    // The search index is the next thing the app builds: about the text once more.
    let (_, index_kept, _index) = measure(|| SearchIndex::new(&budget, text::nfkc_lower));
    assert!(index_kept <= file.len(), "index {}", mb(index_kept));
}

/// The same file as contract JSON (10,000 lines: 50,000 are over the 20 MB limit).
#[test]
fn a_10000_line_json_is_read_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let budget = synthetic::generate(10_000, SEED);
    let file = export::to_json(&budget);
    drop(budget);
    let (peak, kept, read) = measure(|| {
        import::read("big.json", file.as_bytes(), &|_| None)
            .unwrap()
            .0
    });
    println!(
        "10,000-line JSON of {}: peak {}, kept {}",
        mb(file.len()),
        mb(peak),
        mb(kept)
    );
    assert_eq!(read.lines.len(), 10_000);
    assert!(peak <= 16 * MB, "peak {}", mb(peak));
}

/// The page's side of opening it: the reader module's answer (`wire::encode_answer`, its parts)
/// decoded one part at a time into one reused buffer, as `ui::open_file` does. At its peak this
/// holds the dataset, its folded search text and one part's copy, never the whole answer beside
/// them (which was about 10 MB more when the answer came in one piece).
#[test]
fn the_answer_of_a_50000_line_file_is_decoded_beside_one_part_only() {
    use kumamoto_sme_budget::core::wire::{decode_head, encode_answer, Head};
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let budget = synthetic::generate(50_000, SEED);
    let folded = SearchIndex::folded(&budget, text::nfkc_lower);
    let parts = encode_answer(&budget, &folded, 2_000);
    let whole: usize = parts.iter().map(Vec::len).sum();
    let largest = parts.iter().map(Vec::len).max().unwrap();
    drop((budget, folded));
    let (peak, kept, decoded) = measure(|| {
        let Ok(Head::Budget(mut assembly)) = decode_head(&parts[0], whole) else {
            panic!("not a budget")
        };
        let mut buffer = Vec::new();
        for part in &parts[1..] {
            buffer.clear();
            buffer.extend_from_slice(part);
            assembly.add(&buffer).unwrap();
        }
        drop(buffer);
        assembly.finish().unwrap()
    });
    println!(
        "answer of 50,000 lines: {} in {} parts (largest {}); decoding peaks at {}, keeps {}",
        mb(whole),
        parts.len(),
        mb(largest),
        mb(peak),
        mb(kept)
    );
    assert_eq!(decoded.0.lines.len(), 50_000);
    assert!(
        peak <= kept + 2 * largest,
        "peak {} beside {} kept",
        mb(peak),
        mb(kept)
    );
}
