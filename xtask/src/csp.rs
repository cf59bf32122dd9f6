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
//!   (it registers `./sw.js` when hosted);
//! - `worker-src blob:` when a script makes a worker (`new Worker(`): the reader module runs in
//!   one made from a blob: URL of the page's own data blocks (`<script type="text/plain">`, which
//!   never run and need no hash). A blob: URL can only be made by the page's allowed scripts.
//!
//! `frame-ancestors` (and `report-uri`, `sandbox`) are ignored in a `<meta>` policy, so they are
//! left out; a host that wants them sends them as a header.
//!
//! This step must run last: any later change to a script or style would no longer match its hash.

use crate::inline::{find_ci, local_name, scan};
use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::{Digest, Sha256};

/// The policy for `html`: every inline `<script>` and `<style>` element allowed by its hash, and
/// the site's own files only where the page links them. Anything the policy would block (an
/// external script or stylesheet, an event-handler attribute, a `javascript:` URL, a link to
/// another origin) is an error here rather than a silent failure in the browser.
pub fn policy(html: &str) -> Result<String, String> {
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    let (mut own_images, mut manifest, mut worker) = (false, false, false);
    // The reader module runs in a worker made from a blob: URL of the page's own data blocks.
    let mut blob_worker = false;
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
                // A data block (the reader module's parts) never runs: no hash to allow it.
                let runs = e.attr("type").is_none_or(|t| {
                    matches!(
                        t.trim().to_ascii_lowercase().as_str(),
                        "" | "module" | "text/javascript"
                    )
                });
                if !runs {
                    continue;
                }
                scripts.push(hash_source(text));
                worker |= text.contains(".serviceWorker");
                blob_worker |= text.contains("new Worker(");
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
    match (worker, blob_worker) {
        (true, true) => policy.push_str("; worker-src 'self' blob:"),
        (true, false) => policy.push_str("; worker-src 'self'"),
        (false, true) => policy.push_str("; worker-src blob:"),
        (false, false) => {}
    }
    policy.push_str("; base-uri 'none'; form-action 'none'");
    Ok(policy)
}

/// `'sha256-…'` for the text of a `<script>` or `<style>`.
fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(parsed(text).as_bytes());
    format!("'sha256-{}'", STANDARD.encode(digest))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_of_a_known_script_is_the_one_browsers_report() {
        // Chromium reports `'sha256-…'` for <script>alert('Hello, world.');</script> as below
        // (the example in the CSP Level 3 specification).
        assert_eq!(
            hash_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    const PAGE: &str = "<!doctype html>\n<html lang=\"ja\">\n<head>\n  <meta charset=\"utf-8\">\n  \
        <title>t</title>\n  <link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg%3E\">\n  \
        <style>\nbody { margin: 0; }\n</style>\n<script type=\"module\">alert('Hello, world.');</script>\n\
        </head>\n<body><div class=\"app\" id=\"static-content\"><p>x</p></div></body>\n</html>\n";

    #[test]
    fn the_policy_lists_each_inline_element_by_hash() {
        let out = add_csp(PAGE).expect("adds");
        let style = hash_source("\nbody { margin: 0; }\n");
        let expected = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             script-src 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=' 'wasm-unsafe-eval'; \
             style-src {style}; style-src-attr 'unsafe-inline'; img-src data:; \
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
        // The hash of the LF text (computed with Python's hashlib).
        assert!(out.contains("style-src 'sha256-BeV07h7Or3rliDJdB74kikp/Q+Xuz7ktQCSkE5C72Vk=';"));
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
        // A worker made from a blob: URL (the reader module), with and without the site's own.
        let reader = PAGE.replace("alert('Hello, world.');", "new Worker(url);");
        let p = policy_of(&reader);
        assert!(p.contains("; worker-src blob:; base-uri"), "{p}");
        let both = PAGE.replace(
            "alert('Hello, world.');",
            "new Worker(url); navigator.serviceWorker.register('./sw.js');",
        );
        let p = policy_of(&both);
        assert!(p.contains("; worker-src 'self' blob:; base-uri"), "{p}");
    }

    #[test]
    fn data_blocks_get_no_hash() {
        let page = PAGE.replace(
            "<title>t</title>",
            "<script type=\"text/plain\" id=\"d\">x</script><script type=\"text/javascript\">y</script>",
        );
        let p = policy(&page).expect("policy");
        assert!(!p.contains(&hash_source("x")), "{p}");
        assert!(p.contains(&hash_source("y")), "{p}");
        assert!(p.contains(&hash_source("alert('Hello, world.');")), "{p}");
    }

    #[test]
    fn comments_are_not_elements() {
        let page = PAGE.replace("<title>", "<!-- <script src=\"x.js\"></script> --><title>");
        let out = add_csp(&page).expect("a script in a comment is no script");
        assert_eq!(out.matches("'sha256-").count(), 2);
    }
}
