//! Installable and offline when hosted: a web app manifest, icons, and a versioned service
//! worker that serves the app's own files cache-first (and nothing else). The page registers it
//! only over http(s); a copy opened from file:// is untouched.

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
    // The version follows the page's content, so every release replaces the cache.
    let version = format!("{:016x}", fnv1a(html.as_bytes()));
    let put = |name: &str, bytes: &[u8]| {
        let path = dist.join(name);
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    put("sw.js", service_worker(&version).as_bytes())?;
    put("manifest.webmanifest", MANIFEST.as_bytes())?;
    put("icon-192.png", &icon(192))?;
    put("icon-512.png", &icon(512))?;
    Ok(())
}

const MANIFEST: &str = r##"{
  "name": "熊本市 中小企業振興 予算エクスプローラー（令和5年度）",
  "short_name": "熊本市 予算",
  "description": "熊本市の令和5年度 中小企業振興 事業一覧の予算を、方向性・取組・担当課ごとに見る。",
  "lang": "ja",
  "start_url": "./",
  "scope": "./",
  "display": "standalone",
  "background_color": "#ffffff",
  "theme_color": "#005a9c",
  "icons": [
    { "src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any maskable" },
    { "src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable" }
  ]
}
"##;

fn service_worker(version: &str) -> String {
    let files: Vec<String> = CACHED.iter().map(|f| format!("\"{f}\"")).collect();
    format!(
        r#"// Service worker of the budget explorer: the app's own files, cache-first, nothing else.
const VERSION = "budget-{version}";
const FILES = [{files}];

self.addEventListener("install", (event) => {{
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES)));
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("budget-") && k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
}});

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  const url = new URL(request.url);
  // Only this site's own files; anything else is not ours to answer.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  const key = request.mode === "navigate" ? "./index.html" : request;
  event.respondWith(
    caches.open(VERSION).then((cache) =>
      cache.match(key, {{ ignoreSearch: true }}).then((hit) => hit || fetch(request)),
    ),
  );
}});

// The page asks the new version to take over once the person agrees to reload.
self.addEventListener("message", (event) => {{
  if (event.data === "skip-waiting") self.skipWaiting();
}});
"#,
        files = files.join(", ")
    )
}

/// Adds the manifest and Apple touch icon links after the page's icon link.
fn link_from_head(html: &str) -> Result<String, String> {
    if html.contains("rel=\"manifest\"") {
        return Ok(html.to_string());
    }
    let at = html.find("</head>").ok_or("no </head> in the page")?;
    let links = "<link rel=\"manifest\" href=\"manifest.webmanifest\">\n\
                 <link rel=\"apple-touch-icon\" href=\"icon-192.png\">\n\
                 <meta name=\"theme-color\" content=\"#005a9c\">\n";
    Ok(format!("{}{links}{}", &html[..at], &html[at..]))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
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
        let p = icon(192);
        assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes([p[16], p[17], p[18], p[19]]), 192);
        assert_eq!(u32::from_be_bytes([p[20], p[21], p[22], p[23]]), 192);
    }

    #[test]
    fn the_worker_caches_only_our_files_and_is_versioned() {
        let sw = service_worker("abc");
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
}
