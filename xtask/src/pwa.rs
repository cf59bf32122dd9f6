//! Installable and offline when hosted: a web app manifest, icons, and a versioned service
//! worker for the app's own files (and nothing else): the page network-first with the cached
//! release as fallback, the other files cache-first; only a page matching the size and hash
//! recorded at build time is ever cached. The page registers it only over http(s); a copy
//! opened from file:// is untouched.

use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

/// The files the service worker keeps; all of them are the site's own.
const CACHED: &[&str] = &[
    "./",
    "./index.html",
    "./manifest.webmanifest",
    "./icon-192.png",
    "./icon-512.png",
];

/// Links the manifest and the touch icon from dist/index.html (before the security policy is
/// computed, which must allow them).
pub fn link(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    fs::write(&index, link_from_head(&html)?).map_err(|e| format!("{}: {e}", index.display()))
}

/// Writes sw.js, manifest.webmanifest and the icons beside the finished dist/index.html.
pub fn write(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    // The version follows the page's content, so every release replaces the cache; the page's
    // size and hash let the worker tell its own page from a truncated, older or rewritten one.
    let digest: String = Sha256::digest(html.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let version = &digest[..16];
    let put = |name: &str, bytes: &[u8]| {
        let path = dist.join(name);
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    put(
        "sw.js",
        service_worker(version, html.len(), &digest).as_bytes(),
    )?;
    put("manifest.webmanifest", manifest().as_bytes())?;
    for size in ICON_SIZES {
        put(&format!("icon-{size}.png"), &icon(size))?;
    }
    Ok(())
}

/// The app's accent colour (`--accent`), the bar colour of the installed app.
const THEME_COLOUR: &str = "#005a9c";
/// The icons' sizes in pixels, each written as `icon-SIZE.png` and listed in the manifest.
const ICON_SIZES: [u32; 2] = [192, 512];

fn manifest() -> String {
    let icons: Vec<serde_json::Value> = ICON_SIZES
        .iter()
        .map(|size| {
            serde_json::json!({
                "src": format!("icon-{size}.png"),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": "any maskable",
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "name": "熊本市 中小企業振興 予算エクスプローラー（令和5年度）",
        "short_name": "熊本市 予算",
        "description": "熊本市の令和5年度 中小企業振興 事業一覧の予算を、方向性・取組・担当課ごとに見る。",
        "lang": "ja",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).expect("a JSON value") + "\n"
}

/// How long a visit waits for the network's page before it opens the cached copy (a slow or
/// stalled connection, not only none at all).
const NETWORK_WAIT_MS: u32 = 4000;

/// The worker for the release whose page is `page_bytes` long with SHA-256 `page_sha256` (hex);
/// `version` names its cache.
fn service_worker(version: &str, page_bytes: usize, page_sha256: &str) -> String {
    // A JSON array of strings is a JS array literal.
    let files = serde_json::to_string(CACHED).expect("strings");
    format!(
        r#"// Service worker of the budget explorer: the app's own files, nothing else. The page is the
// whole app, so a visit asks the network for it first (the cache is for offline or a stalled
// network); the size and hash below decide only what gets cached: a page that does not match
// is shown as it came but never replaces the release's copy.
const VERSION = "budget-{version}";
const FILES = {files};
const PAGE = "./index.html";
const PAGE_BYTES = {page_bytes};
const PAGE_SHA256 = "{page_sha256}";
const NETWORK_WAIT_MS = {NETWORK_WAIT_MS};

async function isThisRelease(response) {{
  const body = await response.clone().arrayBuffer();
  if (body.byteLength !== PAGE_BYTES) return false;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("") === PAGE_SHA256;
}}

// All files are fetched and the page checked before a cache exists, so a failed install (a
// missing file, a truncated or older page beside this worker) leaves nothing behind.
async function install() {{
  const fetched = await Promise.all(FILES.filter((f) => f !== "./").map(async (file) => {{
    const response = await fetch(file, {{ cache: "no-cache" }});
    if (!response.ok) throw new Error(`${{file}}: HTTP ${{response.status}}`);
    return [file, response];
  }}));
  const page = fetched.find(([file]) => file === PAGE)[1];
  if (!(await isThisRelease(page))) throw new Error("index.html is not the page this worker was built with");
  const existed = await caches.has(VERSION);
  try {{
    const cache = await caches.open(VERSION);
    await cache.put("./", page.clone());
    for (const [file, response] of fetched) await cache.put(file, response);
  }} catch (error) {{
    if (!existed) await caches.delete(VERSION);
    throw error;
  }}
}}

self.addEventListener("install", (event) => {{
  event.waitUntil(install());
}});

self.addEventListener("activate", (event) => {{
  // Every other cache of ours goes: older releases and any a failed install left.
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("budget-") && k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
}});

// A visit: the network's page (revalidated, never an HTTP-cached copy), or the cached release
// when the network fails, errs or stalls. A network page that is not this release means a new
// one is (being) uploaded: look for its worker now.
async function visit(request) {{
  const network = fetch(request.url, {{ cache: "no-cache", credentials: "same-origin" }}).then((response) => {{
    // A navigation cannot be answered with a followed redirect: send the browser there instead.
    if (response.redirected) return Response.redirect(response.url, 302);
    if (response.ok) {{
      isThisRelease(response).then((same) => {{ if (!same) self.registration.update().catch(() => {{}}); }});
    }}
    return response;
  }});
  const stalled = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  const first = await Promise.race([network.catch(() => null), stalled]);
  if (first && first.ok) return first;
  const cached = await caches.match(PAGE, {{ cacheName: VERSION }});
  if (cached) return cached;
  // Nothing cached: whatever the network gives, however long it takes.
  return first || network;
}}

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  const url = new URL(request.url);
  // Only this site's own files; anything else is not ours to answer.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {{
    event.respondWith(visit(request));
    return;
  }}
  event.respondWith(
    caches.match(request, {{ cacheName: VERSION, ignoreSearch: true }}).then((hit) => hit || fetch(request)),
  );
}});

// The page asks the new version to take over (once the person agrees to reload, or at once on a
// fresh visit, whose page already came from the network).
self.addEventListener("message", (event) => {{
  if (event.data === "skip-waiting") self.skipWaiting();
}});
"#
    )
}

/// Adds the manifest and Apple touch icon links after the page's icon link.
fn link_from_head(html: &str) -> Result<String, String> {
    if html.contains("rel=\"manifest\"") {
        return Ok(html.to_string());
    }
    let at = html.find("</head>").ok_or("no </head> in the page")?;
    let links = format!(
        "<link rel=\"manifest\" href=\"manifest.webmanifest\">\n\
         <link rel=\"apple-touch-icon\" href=\"icon-192.png\">\n\
         <meta name=\"theme-color\" content=\"{THEME_COLOUR}\">\n"
    );
    Ok(format!("{}{links}{}", &html[..at], &html[at..]))
}

/// The app icon at `size`×`size`: the city blue with a white treemap of three cells (as the
/// favicon), drawn with a margin so that maskable crops keep it whole.
fn icon(size: u32) -> Vec<u8> {
    let s = size as f64;
    let blue = [0u8, 90, 156];
    let white = [255u8, 255, 255];
    let cells = [
        (0.22, 0.22, 0.53, 0.78),
        (0.58, 0.22, 0.78, 0.47),
        (0.58, 0.52, 0.78, 0.78),
    ];
    let mut rgb = Vec::with_capacity((size * size * 3) as usize);
    for y in 0..size {
        for x in 0..size {
            let (fx, fy) = ((x as f64 + 0.5) / s, (y as f64 + 0.5) / s);
            let inside = cells
                .iter()
                .any(|&(x0, y0, x1, y1)| fx >= x0 && fx < x1 && fy >= y0 && fy < y1);
            rgb.extend_from_slice(if inside { &white } else { &blue });
        }
    }
    crate::preview::encode_rgb(size, size, &rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_pngs_of_the_right_size() {
        for size in ICON_SIZES {
            let png = icon(size);
            let mut reader = png::Decoder::new(std::io::Cursor::new(png.as_slice()))
                .read_info()
                .expect("a PNG");
            let mut rgb = vec![0; reader.output_buffer_size().expect("fits in memory")];
            let frame = reader.next_frame(&mut rgb).expect("one frame");
            assert_eq!((frame.width, frame.height), (size, size));
            let at = |x: u32, y: u32| {
                let i = ((y * size + x) * 3) as usize;
                [rgb[i], rgb[i + 1], rgb[i + 2]]
            };
            // The blue margin, and the white of the first cell.
            assert_eq!(at(0, 0), [0, 90, 156]);
            assert_eq!(at(size * 3 / 10, size / 2), [255, 255, 255]);
        }
    }

    #[test]
    fn the_manifest_lists_the_icons_written_and_cached() {
        let m: serde_json::Value = serde_json::from_str(&manifest()).expect("JSON");
        assert_eq!(m["display"], "standalone");
        assert_eq!(m["theme_color"], THEME_COLOUR);
        let icons = m["icons"].as_array().expect("icons");
        assert_eq!(icons.len(), ICON_SIZES.len());
        for (icon, size) in icons.iter().zip(ICON_SIZES) {
            let src = icon["src"].as_str().expect("src");
            assert_eq!(src, format!("icon-{size}.png"));
            assert_eq!(icon["sizes"], format!("{size}x{size}"));
            assert!(CACHED.contains(&format!("./{src}").as_str()), "{src}");
        }
    }

    #[test]
    fn the_worker_caches_only_our_files_and_is_versioned() {
        let sw = service_worker("abc", 12, "00ff");
        assert!(sw.contains("const VERSION = \"budget-abc\";"));
        assert!(sw.contains("url.origin !== self.location.origin"));
        for f in CACHED {
            assert!(sw.contains(&format!("\"{f}\"")), "{f}");
        }
        let html =
            link_from_head("<html><head><title>t</title></head><body></body></html>").unwrap();
        assert!(html.contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">\n"));
        assert_eq!(link_from_head(&html).unwrap(), html, "idempotent");
    }

    #[test]
    fn the_worker_written_records_the_finished_page() {
        let dist = std::env::temp_dir().join(format!("pwa-write-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        // Not ASCII, so that a length in characters would differ from the length in bytes.
        let page = "<html><head><title>熊本市 予算</title></head><body></body></html>\n";
        fs::write(dist.join("index.html"), page).unwrap();
        write(&dist).unwrap();
        let sw = fs::read_to_string(dist.join("sw.js")).unwrap();
        fs::remove_dir_all(&dist).unwrap();
        let hex: String = Sha256::digest(page.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex.len(), 64);
        assert!(sw.contains(&format!("const VERSION = \"budget-{}\";", &hex[..16])));
        assert!(sw.contains(&format!("const PAGE_BYTES = {};", page.len())));
        assert!(sw.contains(&format!("const PAGE_SHA256 = \"{hex}\";")));
        assert!(sw.contains(&format!("const NETWORK_WAIT_MS = {NETWORK_WAIT_MS};")));
        // The Rust format string left no doubled braces in the script.
        assert!(!sw.contains("{{") && !sw.contains("}}"), "{sw}");
    }
}
