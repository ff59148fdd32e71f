//! The arrows between the crates, checked rather than trusted: the Withings
//! client knows nothing of Alexa or of this product, and the two Lambda
//! binaries do not link the offline sandbox (or the runner's CLI parser).

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read source");
            out.push((path.display().to_string(), text));
        }
    }
    out
}

/// The names of the crates a Cargo.toml depends on (normal dependencies).
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).expect("read manifest");
    let mut names = Vec::new();
    let mut in_deps = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps
            && let Some((name, _)) = line.split_once('=')
            && !line.starts_with('#')
        {
            names.push(name.trim().to_string());
        }
    }
    names
}

#[test]
fn the_withings_client_knows_no_alexa_and_no_product() {
    let deps = dependencies(&root().join("crates/withings/Cargo.toml"));
    for banned in [
        "withings-alexa",
        "withings-sandbox",
        "lambda_runtime",
        "lambda_http",
        "aws-config",
        "aws-sdk-dynamodb",
        "axum",
    ] {
        assert!(
            !deps.iter().any(|d| d == banned),
            "crates/withings depends on {banned}"
        );
    }
    for (path, text) in sources(&root().join("crates/withings/src")) {
        assert!(
            !text.to_lowercase().contains("alexa"),
            "{path} mentions Alexa"
        );
    }
}

#[test]
fn the_alexa_protocol_knows_no_health_data_and_no_storage() {
    for (path, text) in sources(&root().join("src/alexa")) {
        for banned in ["withings", "crate::store", "crate::skill", "crate::link"] {
            assert!(!text.contains(banned), "{path} uses {banned}");
        }
    }
}

#[test]
fn the_sandbox_depends_on_the_client_only() {
    let deps = dependencies(&root().join("crates/withings-sandbox/Cargo.toml"));
    assert!(deps.iter().any(|d| d == "withings"));
    assert!(
        !deps.iter().any(|d| d == "withings-alexa"),
        "the sandbox depends on the product"
    );
    for (path, text) in sources(&root().join("src")) {
        if path.contains("/bin/withings-alexa/") {
            continue; // the runner may start a sandbox
        }
        assert!(
            !text.contains("withings_sandbox"),
            "{path}: the product uses the sandbox"
        );
    }
}

/// Symbols of a built binary, demangled.
fn symbols(bin: &str) -> String {
    let out = Command::new("nm")
        .args(["-C", bin])
        .output()
        .expect("nm (binutils) must be installed to check what the Lambdas link");
    assert!(
        out.status.success(),
        "nm {bin}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_lambda_binaries_do_not_link_the_sandbox() {
    let runner = symbols(env!("CARGO_BIN_EXE_withings-alexa"));
    // The check can see a linked sandbox and parser: the runner has both.
    assert!(
        runner.contains("withings_sandbox::") && runner.contains("clap_builder::"),
        "the runner's symbols are readable"
    );
    for bin in [env!("CARGO_BIN_EXE_skill"), env!("CARGO_BIN_EXE_link")] {
        let syms = symbols(bin);
        assert!(syms.contains("withings::"), "{bin}: symbols are readable");
        assert!(
            !syms.contains("withings_sandbox::"),
            "{bin} links the sandbox"
        );
        assert!(
            !syms.contains("clap_builder::"),
            "{bin} links the runner's command-line parser"
        );
    }
}
