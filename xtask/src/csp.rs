//! A strict Content Security Policy for the self-contained page, as a `<meta>` tag.
//!
//! Everything the page runs or styles is inline, so the policy allows exactly those elements by
//! their SHA-256 hashes: no other origin at all (`default-src 'none'`), no `unsafe-inline` or
//! `unsafe-eval` for scripts. What the page still needs, and why:
//! - `'wasm-unsafe-eval'`: compiling the app's WebAssembly;
//! - `style-src-attr 'unsafe-inline'`: the app sets `style` attributes (chart cell positions,
//!   legend swatches) through `setAttribute`, which CSP treats like inline style attributes
//!   (without it the chart cells have no size: checked, 29 violations on one view);
//! - `img-src data:`: the inline favicon;
//! - only when the page has them, the site's own files and nothing more: `manifest-src 'self'`
//!   (and `img-src 'self'` for its icons) for a linked web app manifest, `img-src 'self'` for a
//!   local touch icon, `worker-src 'self'` when the app's script uses `navigator.serviceWorker`
//!   (it registers `./sw.js` when hosted).
//!
//! `frame-ancestors` (and `report-uri`, `sandbox`) are ignored in a `<meta>` policy, so they are
//! left out; a host that wants them sends them as a header.
//!
//! This step must run last: any later change to a script or style would no longer match its hash.

use crate::inline::{base64, find_ci, local_name, scan};

/// The policy for `html`: every inline `<script>` and `<style>` element allowed by its hash, and
/// the site's own files only where the page links them. Anything the policy would block (an
/// external script or stylesheet, an event-handler attribute, a `javascript:` URL, a link to
/// another origin) is an error here rather than a silent failure in the browser.
pub fn policy(html: &str) -> Result<String, String> {
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    let (mut own_images, mut manifest, mut worker) = (false, false, false);
    for e in scan(html) {
        for (name, value) in &e.attrs {
            // An event-handler attribute would be blocked (no 'unsafe-hashes'): fail here instead.
            if name.starts_with("on") && name.len() > 2 {
                return Err(format!(
                    "<{} {name}=…>: inline event handlers are not allowed by the policy",
                    e.name
                ));
            }
            if matches!(name.as_str(), "src" | "href" | "action" | "formaction")
                && find_ci(value.trim_start(), "javascript:") == Some(0)
            {
                return Err(format!("<{} {name}=\"{value}\">: javascript: URL", e.name));
            }
        }
        let text = e.content.clone().map_or("", |c| &html[c]);
        match e.name.as_str() {
            "script" => {
                if e.attr("src").is_some() {
                    return Err(
                        "a <script src> would be blocked: the page must be self-contained".into(),
                    );
                }
                scripts.push(hash_source(text));
                worker |= text.contains(".serviceWorker");
            }
            "style" => styles.push(hash_source(text)),
            "link" => {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                let href = e.attr("href").unwrap_or("");
                let blocked = |what: &str| {
                    format!("<link rel=\"{rel}\" href=\"{href}\"> would be blocked: {what}")
                };
                for r in rel.split_ascii_whitespace() {
                    match r {
                        "stylesheet" | "preload" | "modulepreload" | "prefetch" => {
                            return Err(blocked("the page must be self-contained"));
                        }
                        "icon" | "apple-touch-icon" | "mask-icon" if href.starts_with("data:") => {}
                        "icon" | "apple-touch-icon" | "mask-icon" => {
                            local_name(href).ok_or_else(|| blocked("not a file of the site"))?;
                            own_images = true;
                        }
                        "manifest" => {
                            local_name(href).ok_or_else(|| blocked("not a file of the site"))?;
                            // The manifest, and the icons it lists.
                            manifest = true;
                            own_images = true;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if scripts.is_empty() {
        return Err("no inline <script>: is this the inlined page?".into());
    }
    scripts.dedup();
    styles.dedup();
    let styles = if styles.is_empty() {
        "'none'".to_string()
    } else {
        styles.join(" ")
    };
    let mut policy = format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {styles}; \
         style-src-attr 'unsafe-inline'; img-src data:{}",
        scripts.join(" "),
        if own_images { " 'self'" } else { "" }
    );
    if manifest {
        policy.push_str("; manifest-src 'self'");
    }
    if worker {
        policy.push_str("; worker-src 'self'");
    }
    policy.push_str("; base-uri 'none'; form-action 'none'");
    Ok(policy)
}

/// `'sha256-…'` for the text of a `<script>` or `<style>`.
fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", base64(&sha256(parsed(text).as_bytes())))
}

/// Inserts the policy as `<meta http-equiv="Content-Security-Policy">` right after the charset
/// declaration, before any script or style it governs.
pub fn add_csp(html: &str) -> Result<String, String> {
    let elements = scan(html);
    if elements.iter().any(|e| {
        e.name == "meta"
            && e.attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
    }) {
        return Err("the page already has a Content-Security-Policy".into());
    }
    let charset = elements
        .iter()
        .find(|e| e.name == "meta" && e.attr("charset").is_some())
        .ok_or("no <meta charset> to put the policy after")?;
    if let Some(first) = elements
        .iter()
        .find(|e| matches!(e.name.as_str(), "script" | "style" | "link"))
    {
        if first.whole.start < charset.whole.start {
            return Err(format!(
                "<{}> comes before <meta charset>: the policy would not cover it",
                first.name
            ));
        }
    }
    let policy = policy(html)?;
    let at = charset.whole.end;
    Ok(format!(
        "{}\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">{}",
        &html[..at],
        &html[at..]
    ))
}

/// The text of a `<script>` or `<style>` as the browser hashes it: the element's content as
/// written (no character references in raw text), with line breaks normalised as the HTML parser
/// does (CR LF and lone CR become LF).
fn parsed(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// SHA-256 (FIPS 180-4).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    // The message, a 1 bit, zeros to 56 mod 64 bytes, then the length in bits (big-endian).
    let mut tail = Vec::with_capacity(128);
    let whole = data.len() - data.len() % 64;
    tail.extend_from_slice(&data[whole..]);
    tail.push(0x80);
    while tail.len() % 64 != 56 {
        tail.push(0);
    }
    tail.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());

    for block in data[..whole].chunks_exact(64).chain(tail.chunks_exact(64)) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_matches_the_fips_vectors() {
        for (input, expected) in [
            (
                "",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                "abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            ),
        ] {
            assert_eq!(hex(&sha256(input.as_bytes())), expected, "{input:?}");
        }
        // One million 'a': many blocks.
        assert_eq!(
            hex(&sha256(&vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
        // Every length around a block boundary pads correctly (55, 56, 63, 64, 65 bytes).
        assert_eq!(
            hex(&sha256(&[b'a'; 55])),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 56])),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 64])),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
        );
    }

    #[test]
    fn the_hash_of_a_known_script_is_the_one_browsers_report() {
        // Chromium reports `'sha256-…'` for <script>alert('Hello, world.');</script> as below
        // (the example in the CSP Level 3 specification).
        assert_eq!(
            base64(&sha256(b"alert('Hello, world.');")),
            "qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }

    const PAGE: &str = "<!doctype html>\n<html lang=\"ja\">\n<head>\n  <meta charset=\"utf-8\">\n  \
        <title>t</title>\n  <link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg%3E\">\n  \
        <style>\nbody { margin: 0; }\n</style>\n<script type=\"module\">alert('Hello, world.');</script>\n\
        </head>\n<body><div class=\"app\" id=\"static-content\"><p>x</p></div></body>\n</html>\n";

    #[test]
    fn the_policy_lists_each_inline_element_by_hash() {
        let out = add_csp(PAGE).expect("adds");
        let style = base64(&sha256(b"\nbody { margin: 0; }\n"));
        let expected = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             script-src 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=' 'wasm-unsafe-eval'; \
             style-src 'sha256-{style}'; style-src-attr 'unsafe-inline'; img-src data:; \
             base-uri 'none'; form-action 'none'\">"
        );
        assert!(out.contains(&expected), "{out}");
        // Right after the charset, before anything it governs; the rest untouched.
        assert!(out.starts_with(
            "<!doctype html>\n<html lang=\"ja\">\n<head>\n  <meta charset=\"utf-8\">\n  <meta http-equiv"
        ));
        assert_eq!(out.replace(&format!("\n  {expected}"), ""), PAGE);
        let script_src = out
            .split("script-src")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        for unsafe_source in ["'unsafe-eval'", "'unsafe-inline'", "http", "'self'", "*"] {
            assert!(!script_src.contains(unsafe_source), "{script_src}");
        }
    }

    #[test]
    fn crlf_is_hashed_as_the_parser_sees_it() {
        let page = PAGE.replace("body { margin: 0; }\n", "body { margin: 0; }\r\n");
        let out = add_csp(&page).expect("adds");
        assert!(out.contains(&base64(&sha256(b"\nbody { margin: 0; }\n"))));
    }

    #[test]
    fn a_second_run_or_a_page_it_cannot_cover_is_an_error() {
        let once = add_csp(PAGE).expect("adds");
        assert!(add_csp(&once).unwrap_err().contains("already has"));
        let handler = PAGE.replace("<p>x</p>", "<p onclick=\"x()\">x</p>");
        assert!(add_csp(&handler).unwrap_err().contains("onclick"));
        let remote = PAGE.replace(
            "<script type=\"module\">alert('Hello, world.');</script>",
            "<script src=\"https://example.org/a.js\"></script>",
        );
        assert!(add_csp(&remote).unwrap_err().contains("<script src>"));
        let sheet = PAGE.replace(
            "<title>t</title>",
            "<link rel=\"stylesheet\" href=\"a.css\">",
        );
        assert!(add_csp(&sheet).unwrap_err().contains("would be blocked"));
        let icon = PAGE.replace("data:image/svg+xml,%3Csvg%3E", "https://example.org/i.ico");
        assert!(add_csp(&icon)
            .unwrap_err()
            .contains("not a file of the site"));
        let manifest = PAGE.replace(
            "<title>t</title>",
            "<link rel=\"manifest\" href=\"//example.org/m.json\">",
        );
        assert!(add_csp(&manifest)
            .unwrap_err()
            .contains("not a file of the site"));
        let no_charset = PAGE.replace("<meta charset=\"utf-8\">", "");
        assert!(add_csp(&no_charset).unwrap_err().contains("charset"));
        let js_url = PAGE.replace("<p>x</p>", "<a href=\"javascript:alert(1)\">x</a>");
        assert!(add_csp(&js_url).unwrap_err().contains("javascript:"));
    }

    #[test]
    fn the_sites_own_files_only_where_the_page_uses_them() {
        let policy_of = |page: &str| policy(page).expect("policy");
        // The plain page: no 'self' anywhere.
        assert!(!policy_of(PAGE).contains("'self'"));
        // A local touch icon: the site's own images.
        let touch = PAGE.replace(
            "<title>t</title>",
            "<link rel=\"apple-touch-icon\" href=\"icon-192.png\">",
        );
        assert!(policy_of(&touch).contains("; img-src data: 'self';"));
        assert!(!policy_of(&touch).contains("manifest-src"));
        // A web app manifest: it, and the icons it lists.
        let installable = PAGE.replace(
            "<title>t</title>",
            "<link rel=\"manifest\" href=\"manifest.webmanifest\">",
        );
        let p = policy_of(&installable);
        assert!(
            p.contains("; img-src data: 'self'; manifest-src 'self';"),
            "{p}"
        );
        // A script that uses the service worker API: the site's own worker.
        let worker = PAGE.replace(
            "alert('Hello, world.');",
            "navigator.serviceWorker.register('./sw.js');",
        );
        let p = policy_of(&worker);
        assert!(
            p.ends_with("; worker-src 'self'; base-uri 'none'; form-action 'none'"),
            "{p}"
        );
        assert!(!policy_of(PAGE).contains("worker-src"));
    }

    #[test]
    fn comments_are_not_elements() {
        let page = PAGE.replace("<title>", "<!-- <script src=\"x.js\"></script> --><title>");
        let out = add_csp(&page).expect("a script in a comment is no script");
        assert_eq!(out.matches("'sha256-").count(), 2);
    }
}
