//! The project's one entry point: `cargo xtask serve | dist | test | bench | setup`.
//!
//! Every command first installs what a fresh machine lacks, at pinned versions, and skips what is
//! already there. Nothing is downloaded at build time: Trunk runs offline with the tools put here.

mod bench;
mod csp;
mod fuzz;
mod inline;
mod prerender;
mod preview;
mod pwa;
mod reader;
mod serve;
mod sizes;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

// The pinned tools' versions each live in one place:
// - Trunk: here; `setup` installs it.
// - wasm-bindgen: Cargo.toml's exact `wasm-bindgen = "=…"` (Cargo.lock follows it); `setup` reads
//   Cargo.lock to install the same CLI, and `trunk` hands it to Trunk.
// - wasm-opt: xtask/package.json's `binaryen` (npm keeps package-lock.json in step); `npm ci`
//   installs it, and `setup` and `trunk` read it from there.
// Trunk.toml names none of them: Trunk takes the two it runs from its environment.
const TRUNK_VERSION: &str = "0.21.14";
const SERVE_ADDRESS: &str = "127.0.0.1";
const SERVE_PORT: &str = "8080";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(Needs::Browser),
        Some("serve") => serve(),
        Some("dist") => setup(Needs::Build).and_then(|()| dist()),
        Some("test") => test(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("test-data") => write_test_data(),
        Some("bench") => setup(Needs::Browser)
            // Before the long build: the bench compares the app with the peer page.
            .and_then(|()| bench::peer_dir(&root()).map(drop))
            .and_then(|()| build_site())
            .and_then(|()| bench::run(&root())),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 serve   install what is missing, then serve the app at http://{SERVE_ADDRESS}:{SERVE_PORT}/\n  \
                 dist    build the release site into dist/ and print its sizes\n  \
                 test    every check: fmt, clippy, native tests, release build, size budget, browser tests, bench\n  \
                 bench   sizes and timings, printed and written to target/bench.json\n  \
                 fuzz    generated-input testing of the URL and file parsers (--short for CI)\n  \
                 test-data  write the files the browser tests open (test writes them too)\n  \
                 setup   only install the tools (wasm target, Trunk, wasm-bindgen, wasm-opt, Chromium)"
            );
            Err("no command given".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the repository")
        .to_path_buf()
}

/// PATH with the places our tools are installed to in front, so a fresh shell finds them too.
fn tool_path() -> String {
    let cargo_bin = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin");
    let npm_bin = root().join("xtask/node_modules/.bin");
    let old = env::var("PATH").unwrap_or_default();
    format!("{}:{}:{old}", npm_bin.display(), cargo_bin.display())
}

/// A command with our tool PATH, run in the repository root.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root()).env("PATH", tool_path());
    c
}

/// Runs to completion; a non-zero exit is an error naming the command.
pub fn run(mut c: Command) -> Result {
    let shown = format!("{c:?}");
    let status = c
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// First line of `program --version`, or `None` when it is not installed.
fn version_of(program: &str, arg: &str) -> Option<String> {
    let out = cmd(program, &[arg]).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Needs {
    /// wasm target, Trunk, wasm-bindgen, wasm-opt.
    Build,
    /// All of the above plus Chromium, its driver, a CJK font and the browser-test packages.
    Browser,
}

fn setup(needs: Needs) -> Result {
    let started = Instant::now();
    let installed = String::from_utf8_lossy(
        &cmd("rustup", &["target", "list", "--installed"])
            .output()
            .map_err(|e| format!("rustup is needed: {e}"))?
            .stdout,
    )
    .to_string();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))?;
    }

    if version_of("trunk", "--version").as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        println!("xtask: installing Trunk {TRUNK_VERSION} (about 13 minutes on 2 cores, once)");
        run(cmd(
            "cargo",
            &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
        ))?;
    }

    // The CLI must equal the wasm-bindgen crate in Cargo.lock, or its output will not load.
    let bindgen = locked_version("wasm-bindgen")?;
    if version_of("wasm-bindgen", "--version").as_deref()
        != Some(&format!("wasm-bindgen {bindgen}"))
    {
        println!(
            "xtask: installing wasm-bindgen-cli {bindgen} (about 10 minutes on 2 cores, once)"
        );
        // Not --locked: its lock file wants a crate version this registry does not serve.
        run(cmd(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &bindgen],
        ))?;
    }

    // wasm-opt from npm's binaryen; Debian's is too old for current rustc output.
    let wasm_opt = wasm_opt_version()?;
    if installed_wasm_opt().as_deref() != Some(wasm_opt.as_str())
        || !root().join("xtask/node_modules/.bin/wasm-opt").exists()
    {
        run(cmd(
            "npm",
            &["ci", "--no-audit", "--no-fund", "--prefix", "xtask"],
        ))?;
    }

    if needs >= Needs::Browser {
        let missing: Vec<&str> = [
            ("/usr/bin/chromium", "chromium"),
            ("/usr/bin/chromedriver", "chromium-driver"),
            (
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "fonts-noto-cjk",
            ),
            // WebKit (what iPads run), driven over WebDriver under a virtual display.
            ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
            ("/usr/bin/Xvfb", "xvfb"),
            // Printed pages are read back as text (pdftotext) and looked at (pdftoppm).
            ("/usr/bin/pdftotext", "poppler-utils"),
        ]
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
        if !missing.is_empty() {
            println!("xtask: installing {} from Debian", missing.join(", "));
            run(cmd("apt-get", &["update", "-qq"]))?;
            let mut install = cmd(
                "apt-get",
                &["install", "-y", "-qq", "--no-install-recommends"],
            );
            install
                .args(&missing)
                .env("DEBIAN_FRONTEND", "noninteractive");
            run(install)?;
        }
        // npm records what it installed in node_modules/.package-lock.json: reinstall whenever
        // that differs from the committed lock file (a new or changed test package).
        let e2e = root().join("tests/e2e");
        let wanted = std::fs::read_to_string(e2e.join("package-lock.json")).unwrap_or_default();
        let have = std::fs::read_to_string(e2e.join("node_modules/.package-lock.json"))
            .unwrap_or_default();
        if !same_packages(&wanted, &have) {
            let mut npm = cmd(
                "npm",
                &["ci", "--no-audit", "--no-fund", "--prefix", "tests/e2e"],
            );
            // Playwright must not fetch a browser of its own: the tests drive Debian's Chromium.
            npm.env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            run(npm)?;
        }
    }
    println!(
        "xtask: tools ready ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Whether npm's record of installed packages (node_modules/.package-lock.json) lists the same
/// packages, by name and version, as the lock file.
fn same_packages(lock: &str, installed: &str) -> bool {
    let entries = |text: &str| -> Vec<(String, String)> {
        let json: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let mut out: Vec<(String, String)> = json["packages"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(path, package)| {
                let name = path.strip_prefix("node_modules/")?;
                Some((name.to_string(), package["version"].as_str()?.to_string()))
            })
            .collect();
        out.sort();
        out
    };
    let wanted = entries(lock);
    !wanted.is_empty() && wanted == entries(installed)
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    #[derive(serde::Deserialize)]
    struct Lock {
        package: Vec<Package>,
    }
    #[derive(serde::Deserialize)]
    struct Package {
        name: String,
        version: String,
    }
    let path = root().join("Cargo.lock");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let lock: Lock = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    lock.package
        .into_iter()
        .find(|p| p.name == package)
        .map(|p| p.version)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))
}

/// wasm-opt's version as Trunk names it (`version_132`), from the exact `binaryen` version in
/// xtask/package.json (npm's binaryen 132.0.0 is wasm-opt 132).
fn wasm_opt_version() -> Result<String> {
    let path = root().join("xtask/package.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let binaryen = json["dependencies"]["binaryen"].as_str().unwrap_or("");
    wasm_opt_name(binaryen).ok_or_else(|| {
        format!(
            "{}: binaryen must be an exact version such as \"132.0.0\", not {binaryen:?}",
            path.display()
        )
    })
}

/// `version_N` for binaryen `N.0.0`; `None` for a range or anything else.
fn wasm_opt_name(binaryen: &str) -> Option<String> {
    let major = binaryen.strip_suffix(".0.0")?;
    (!major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("version_{major}"))
}

/// The installed wasm-opt's version read as Trunk reads it (the third word of
/// `wasm-opt version 132 (version_132)`), so that Trunk accepts what `setup` accepts.
fn installed_wasm_opt() -> Option<String> {
    let line = version_of("wasm-opt", "--version")?;
    line.split(' ').nth(2).map(|n| format!("version_{n}"))
}

/// Trunk with the tool versions pinned through its environment (it reads `TRUNK_TOOLS_*`, over
/// Trunk.toml's `[tools]`); Trunk.toml's `offline = true` then makes a different version on
/// PATH an error instead of a download.
fn trunk(args: &[&str]) -> Result<Command> {
    let mut c = cmd("trunk", args);
    c.env("TRUNK_TOOLS_WASM_BINDGEN", locked_version("wasm-bindgen")?)
        .env("TRUNK_TOOLS_WASM_OPT", wasm_opt_version()?);
    Ok(c)
}

fn serve() -> Result {
    setup(Needs::Build)?;
    // The page that ships (with the reader module inlined after Trunk), not Trunk's parts.
    build_site()?;
    let address = format!("{SERVE_ADDRESS}:{SERVE_PORT}");
    println!("xtask: serving dist/ at http://{address}/ (Ctrl+C stops)");
    serve::run(&root().join("dist"), &address)
}

/// Release build into dist/ as ONE self-contained page (so a saved copy works from file://),
/// then the sizes, so growth shows in every change. Trunk's separate files are kept in
/// target/site-parts/ for the per-kind size table.
fn dist() -> Result {
    build_site()?;
    let rows = sizes::measure(&root())?;
    sizes::print(&rows);
    // Shown here; only the test command fails on it.
    match sizes::check(&rows, sizes::BUDGET) {
        Ok(report) | Err(report) => println!("\n{report}"),
    }
    Ok(())
}

fn build_site() -> Result {
    build_site_into(&root().join("dist"), None)
}

/// Release build into `dist` as one self-contained page, with Cargo `features` if any (the
/// benchmark's own build). For dist/ the separate parts are kept in target/site-parts/.
pub fn build_site_into(dist: &Path, features: Option<&str>) -> Result {
    let dist_arg = dist.display().to_string();
    let mut args = vec!["build", "--release", "--dist", &dist_arg];
    if let Some(f) = features {
        args.extend(["--features", f]);
    }
    run(trunk(&args)?)?;
    let reader = reader::build(&root())?;
    if features.is_none() {
        let parts = root().join("target/site-parts");
        let _ = std::fs::remove_dir_all(&parts);
        std::fs::create_dir_all(&parts).map_err(|e| format!("{}: {e}", parts.display()))?;
        for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_file() {
                let to = parts.join(path.file_name().unwrap_or_default());
                std::fs::copy(&path, &to).map_err(|e| format!("{}: {e}", to.display()))?;
            }
        }
    }
    inline::inline_site(dist)?;
    let index = dist.join("index.html");
    let page = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let page = reader::inline(&page, &reader).map_err(|e| format!("{}: {e}", index.display()))?;
    std::fs::write(&index, page).map_err(|e| format!("{}: {e}", index.display()))?;
    // Hosted copies are installable and work offline (manifest, icons, service worker); the
    // page carries its content for no-JS readers, sharing meta tags and a strict security
    // policy, computed last over the finished page. The benchmark's build gets the same, so
    // that it measures the page people load.
    pwa::link(dist)?;
    prerender::finish_site(dist)?;
    pwa::write(dist)
}

/// Where the browser tests find the synthetic file they open: the bench's dataset (same size and
/// seed), written before the browser tests because the bench runs after them.
pub fn synthetic_test_file() -> PathBuf {
    root().join(format!("target/e2e/synthetic-{}.json", bench::MEASURES))
}

fn write_test_data() -> Result {
    use kumamoto_sme_budget::core::{export, synthetic};
    let path = synthetic_test_file();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let budget = synthetic::generate(bench::MEASURES, bench::SEED);
    std::fs::write(&path, export::to_json(&budget))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("xtask: wrote {}", path.display());
    for file in write_compare_test_data(&budget, &path)? {
        println!("xtask: wrote {}", file.display());
    }
    for f in bench::write_memory_files(&root())? {
        println!("xtask: wrote {}", f.file.display());
    }
    Ok(())
}

/// Beside the synthetic file, its synthetic next year (the bench's) and what the core finds
/// comparing the two (`…-compare.json`: both totals, the entries' ids in table order, the
/// grown and shrunk lists' ids, the department groups), for `compare-scale.test.mjs`.
fn write_compare_test_data(
    budget: &kumamoto_sme_budget::core::model::Budget,
    path: &std::path::Path,
) -> Result<Vec<PathBuf>> {
    use kumamoto_sme_budget::core::{compare, export, synthetic, text};
    let next = synthetic::next_year(budget, bench::SEED + 1);
    let c = compare::compare(budget, &next, &[], text::nfkc_lower);
    let id = |e: &compare::Entry| match (e.pair.after, e.pair.before) {
        (Some(a), _) => next.lines[a].id.to_string(),
        (None, Some(b)) => budget.lines[b].id.to_string(),
        (None, None) => String::new(),
    };
    let ids = |list: &[usize]| -> Vec<String> { list.iter().map(|&i| id(&c.entries[i])).collect() };
    let expected = serde_json::json!({
        "earlier_total": c.whole.before,
        "later_total": c.whole.after,
        "entries": c.entries.iter().map(id).collect::<Vec<_>>(),
        "grown": ids(&c.grown),
        "shrunk": ids(&c.shrunk),
        "departments": c.departments.len(),
    });
    let stem = path.with_extension("");
    let next_path = PathBuf::from(format!("{}-next.json", stem.display()));
    let expected_path = PathBuf::from(format!("{}-compare.json", stem.display()));
    std::fs::write(&next_path, export::to_json(&next))
        .map_err(|e| format!("{}: {e}", next_path.display()))?;
    std::fs::write(&expected_path, expected.to_string())
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    Ok(vec![next_path, expected_path])
}

/// Counts from the test runners' own summary lines.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    fn read(&mut self, line: &str) {
        // cargo: "test result: ok. 38 passed; 0 failed; 0 ignored; ..."
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split([';', '.']) {
                let words: Vec<&str> = part.split_whitespace().collect();
                match words.as_slice() {
                    [n, "passed"] => self.passed += n.parse::<u64>().unwrap_or(0),
                    [n, "failed"] => self.failed += n.parse::<u64>().unwrap_or(0),
                    _ => {}
                }
            }
        }
        // node --test: "# pass 5" / "# fail 0" (todo tests count as neither)
        if let Some(n) = line.strip_prefix("# pass ") {
            self.passed += n.trim().parse::<u64>().unwrap_or(0);
        }
        if let Some(n) = line.strip_prefix("# fail ") {
            self.failed += n.trim().parse::<u64>().unwrap_or(0);
        }
    }
}

/// Runs a command, echoing its output as it comes and feeding each line to the tally.
fn run_counted(mut c: Command, tally: &mut Tally) -> Result {
    use std::io::{BufRead, BufReader};
    let shown = format!("{c:?}");
    let mut child = c
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    let stdout = child.stdout.take().expect("stdout was piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("{shown}: {e}"))?;
        println!("{line}");
        tally.read(&line);
    }
    let status = child.wait().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn test() -> Result {
    let mut phases: Vec<(&str, f64)> = Vec::new();
    let mut tally = Tally::default();
    let mut phase = |name: &'static str, work: &mut dyn FnMut(&mut Tally) -> Result| -> Result {
        println!("\n==> {name}");
        let started = Instant::now();
        let result = work(&mut tally);
        let secs = started.elapsed().as_secs_f64();
        phases.push((name, secs));
        println!("<== {name}: {secs:.1} s");
        result
    };
    let outcome = (|| -> Result {
        phase("install tools", &mut |_| setup(Needs::Browser))?;
        phase("format and lint", &mut |_| {
            run(cmd("cargo", &["fmt", "--all", "--", "--check"]))?;
            run(cmd(
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            ))?;
            // The UI exists only on wasm: lint it there too.
            run(cmd(
                "cargo",
                &[
                    "clippy",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--lib",
                    "--bins",
                    "--",
                    "-D",
                    "warnings",
                ],
            ))
        })?;
        phase("native tests", &mut |t| {
            run_counted(cmd("cargo", &["test", "--workspace"]), t)
        })?;
        phase("fuzz (short)", &mut |_| fuzz::run(&["--short".to_string()]))?;
        phase("release build", &mut |_| dist())?;
        // Growth is a decision, not an accident: over the budget fails.
        phase("size budget", &mut |_| {
            sizes::check(&sizes::measure(&root())?, sizes::BUDGET).map(|r| println!("{r}"))
        })?;
        phase("browser tests", &mut |t| {
            write_test_data()?;
            run_counted(
                cmd("node", &["--test", "--test-concurrency=1", "tests/e2e/"]),
                t,
            )
        })?;
        // Figures, not pass/fail: printed in every run so that regressions show in the log.
        phase("bench", &mut |_| bench::run(&root()))?;
        Ok(())
    })();
    println!("\nphase times:");
    for (name, secs) in &phases {
        println!("  {name:<16} {secs:>7.1} s");
    }
    println!(
        "  {:<16} {:>7.1} s",
        "total",
        phases.iter().map(|(_, s)| s).sum::<f64>()
    );
    if let Err(e) = &outcome {
        eprintln!("xtask: test failed: {e}");
    }
    // The plain closing line CI reads, from the runners' own counts.
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_bindgen_pin_is_read_from_the_lock_file() {
        let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
        let pinned = manifest
            .lines()
            .find_map(|l| l.strip_prefix("wasm-bindgen = \"="))
            .and_then(|v| v.strip_suffix('"'))
            .expect("an exact wasm-bindgen pin in Cargo.toml");
        assert_eq!(locked_version("wasm-bindgen").expect("locked"), pinned);
        assert!(locked_version("no-such-crate").is_err());
    }

    #[test]
    fn wasm_opt_is_named_from_the_exact_binaryen_version() {
        assert_eq!(wasm_opt_name("132.0.0").as_deref(), Some("version_132"));
        for not_exact in ["^132.0.0", "132", "132.1.0", ".0.0", "latest", ""] {
            assert_eq!(wasm_opt_name(not_exact), None, "{not_exact:?}");
        }
        let lock =
            std::fs::read_to_string(root().join("xtask/package-lock.json")).expect("npm lock");
        let lock: serde_json::Value = serde_json::from_str(&lock).expect("JSON");
        let locked = lock["packages"]["node_modules/binaryen"]["version"]
            .as_str()
            .expect("binaryen in the lock");
        assert_eq!(
            wasm_opt_version().expect("package.json"),
            wasm_opt_name(locked).expect("exact"),
            "xtask/package-lock.json is out of step with package.json: run npm install there"
        );
    }

    #[test]
    fn trunk_toml_does_not_repeat_the_pins() {
        let text = std::fs::read_to_string(root().join("Trunk.toml")).expect("Trunk.toml");
        let trunk: toml::Table = toml::from_str(&text).expect("TOML");
        assert!(
            trunk.get("tools").is_none(),
            "[tools] would be a second place"
        );
        assert_eq!(trunk["build"]["offline"].as_bool(), Some(true));
    }

    #[test]
    fn installed_npm_packages_are_compared_by_name_and_version() {
        let lock = r#"{"name": "x", "lockfileVersion": 3, "packages": {
            "": {"dependencies": {"a": "1.0.0"}},
            "node_modules/a": {"version": "1.0.0", "resolved": "r"},
            "node_modules/a/node_modules/b": {"version": "2.0.0"}}}"#;
        let same = r#"{"packages": {"node_modules/a/node_modules/b": {"version": "2.0.0"},
            "node_modules/a": {"version": "1.0.0"}}}"#;
        assert!(same_packages(lock, same));
        assert!(!same_packages(lock, &same.replace("2.0.0", "2.0.1")));
        assert!(!same_packages(
            lock,
            r#"{"packages": {"node_modules/a": {"version": "1.0.0"}}}"#
        ));
        assert!(!same_packages(lock, ""), "nothing installed");
        assert!(!same_packages("", ""), "no lock file");
    }
}
