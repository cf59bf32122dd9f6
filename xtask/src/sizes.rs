//! Sizes of the built site: raw, gzip (-9) and brotli (q11), per kind of file and in total.

use std::io::Write;
use std::path::Path;

pub struct Size {
    pub kind: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

fn compressed(bytes: &[u8]) -> (u64, u64) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    let gzip = gz.finish().expect("writing to memory").len() as u64;
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("writing to memory");
    (gzip, br.len() as u64)
}

fn measure_bytes(kind: &str, bytes: &[u8]) -> Size {
    let (gzip, brotli) = compressed(bytes);
    Size {
        kind: kind.to_string(),
        raw: bytes.len() as u64,
        gzip,
        brotli,
    }
}

/// One row per kind of Trunk's separate files (html, css, js, wasm, in target/site-parts), their
/// total, the embedded data, and the page as served: dist/index.html, everything inlined.
pub fn measure(root: &Path) -> Result<Vec<Size>, String> {
    let dist = &root.join("target/site-parts");
    let mut by_kind: Vec<(String, Vec<u8>)> = Vec::new();
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.is_file()) {
        let kind = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("other")
            .to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        match by_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, all)) => all.extend(bytes),
            None => by_kind.push((kind, bytes)),
        }
    }
    if !by_kind.iter().any(|(k, _)| k == "wasm") {
        return Err(format!(
            "no .wasm in {}: the build did not produce the app",
            dist.display()
        ));
    }
    let mut rows: Vec<Size> = by_kind.iter().map(|(k, b)| measure_bytes(k, b)).collect();
    let data = std::fs::read(root.join("data/budget.json")).map_err(|e| e.to_string())?;
    let total = Size {
        kind: "total (parts)".into(),
        raw: rows.iter().map(|r| r.raw).sum(),
        gzip: rows.iter().map(|r| r.gzip).sum(),
        brotli: rows.iter().map(|r| r.brotli).sum(),
    };
    rows.push(total);
    // The data ships inside the wasm; shown on its own so its share is visible.
    rows.push(measure_bytes("data (in wasm)", &data));
    let page =
        std::fs::read(root.join("dist/index.html")).map_err(|e| format!("dist/index.html: {e}"))?;
    rows.push(measure_bytes("page as served", &page));
    Ok(rows)
}

pub fn print(rows: &[Size]) {
    println!("\nsize of the site (bytes): Trunk's parts, then the one page dist/ serves");
    println!(
        "  {:<16} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for r in rows {
        println!(
            "  {:<16} {:>10} {:>10} {:>10}",
            r.kind, r.raw, r.gzip, r.brotli
        );
    }
}
