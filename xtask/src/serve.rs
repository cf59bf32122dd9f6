//! `cargo xtask serve`: the release site of `dist/` over plain HTTP on the loopback address.
//!
//! Trunk's own server would serve its separate files, without the reader module that
//! `build_site` inlines afterwards (opening a file would fail there), so the page served here is
//! the page that ships. A few lines of std are enough for one person's browser on localhost; the
//! loopback address is a secure context, so the service worker runs as it does when hosted.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// The file under `root` a request path names, or `None` for anything that leaves `root`
/// (`..`, absolute parts) or is not a plain file. `/` is `index.html`; the query is ignored.
pub fn file_for(root: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("");
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    let mut out = root.to_path_buf();
    for part in Path::new(relative).components() {
        match part {
            Component::Normal(p) => out.push(p),
            _ => return None,
        }
    }
    out.is_file().then_some(out)
}

/// The Content-Type for a file of the built site.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" | "webmanifest" => "application/json; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(root: &Path, stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are not needed; read them so the browser's request is consumed.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut out = stream;
    let file = match method {
        "GET" | "HEAD" => file_for(root, target),
        _ => None,
    };
    match file.and_then(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes))) {
        Some((path, bytes)) => {
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
                 Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
                content_type(&path),
                bytes.len()
            )?;
            if method == "GET" {
                out.write_all(&bytes)?;
            }
        }
        None => {
            let body = b"not found\n";
            write!(
                out,
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n",
                body.len()
            )?;
            out.write_all(body)?;
        }
    }
    out.flush()
}

/// Serves `root` at `address` until the process is stopped.
pub fn run(root: &Path, address: &str) -> Result<(), String> {
    let listener = TcpListener::bind(address).map_err(|e| format!("{address}: {e}"))?;
    for stream in listener.incoming().flatten() {
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            // A browser that goes away mid-answer is not an error worth printing.
            let _ = respond(&root, stream);
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let root = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(root.join("icons")).unwrap();
        std::fs::write(root.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(root.join("icons/a.png"), [0u8]).unwrap();
        assert_eq!(file_for(&root, "/"), Some(root.join("index.html")));
        assert_eq!(file_for(&root, "/?x=1"), Some(root.join("index.html")));
        assert_eq!(
            file_for(&root, "/icons/a.png"),
            Some(root.join("icons/a.png"))
        );
        assert_eq!(file_for(&root, "/../etc/passwd"), None);
        assert_eq!(file_for(&root, "/icons/../../x"), None);
        assert_eq!(file_for(&root, "/icons"), None, "a folder is not a file");
        assert_eq!(file_for(&root, "/missing.js"), None);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
    }
}
