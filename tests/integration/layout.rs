//! The layout tells the truth: the layers of `src/` point down
//! and import in no circle, the languages are matched only where the words
//! are, no source file (of `src/`, `www/` or `tests/`) grows past 600 lines,
//! and no script reaches outside the repository. These read the source as
//! text; nothing here runs it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The library's top-level modules, lowest layer first (lib.rs's docs say
/// the same). A module may import from a lower layer, never from a higher.
const LAYERS: [&str; 16] = [
    "version", "model", "error", "options", "text", "read", "classify", "plan", "carry", "history",
    "preview", "analyze", "render", "split", "lib", "wasm",
];

/// Every `.rs` file of the library (the CLI's `main.rs` and `cli/` are a
/// shell on top of it and may use any of it), relative to `src/`.
fn library_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = root().join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut rel: Vec<PathBuf> = files
        .into_iter()
        .map(|p| p.strip_prefix(&src).unwrap().to_path_buf())
        .filter(|p| p != Path::new("main.rs") && !p.starts_with("cli"))
        .collect();
    rel.sort();
    rel
}

/// A file's code without its unit tests (they may use anything) and
/// without comments (a doc link is not an import).
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(root().join("src").join(file)).unwrap();
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text,
    };
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`render/cells.rs` → `render`).
fn module_of(file: &Path) -> String {
    let first = file
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The file a module path names: `render` → `render/mod.rs`, `render::cells`
/// → `render/cells.rs` (when it exists, else the module's own file).
fn file_of(module: &str, sub: Option<&str>) -> PathBuf {
    let src = root().join("src");
    if module == "lib" {
        return PathBuf::from("lib.rs");
    }
    if let Some(sub) = sub {
        let p = PathBuf::from(module).join(format!("{sub}.rs"));
        if src.join(&p).exists() {
            return p;
        }
    }
    let flat = PathBuf::from(format!("{module}.rs"));
    if src.join(&flat).exists() {
        flat
    } else {
        PathBuf::from(module).join("mod.rs")
    }
}

/// lib.rs's `pub use module::{Name, …}`: which module a root name comes from.
fn root_names() -> BTreeMap<String, String> {
    let lib = code_of(Path::new("lib.rs"));
    let mut names = BTreeMap::new();
    for stmt in lib.split("pub use ").skip(1) {
        let stmt = &stmt[..stmt.find(';').unwrap()];
        let module = stmt.split("::").next().unwrap().trim().to_string();
        let list = stmt
            .split_once('{')
            .map_or(stmt.rsplit("::").next().unwrap(), |x| x.1);
        for name in list.split([',', '}']) {
            let name = name.split("::").last().unwrap().trim();
            if !name.is_empty() {
                names.insert(name.to_string(), module.clone());
            }
        }
    }
    names
}

/// The first segments after `prefix` in `code`: `crate::a::b` and each item
/// of `crate::{a::b, c}` give `(a, Some(b))`, `(c, None)`.
fn paths_after(code: &str, prefix: &str) -> Vec<(String, Option<String>)> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in code.match_indices(prefix) {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        let items: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group (nested braces stay with their item).
            let (mut depth, mut start, mut items) = (0, 0, Vec::new());
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        items.push(&group[start..k]);
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&group[start..k]);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            items
        } else {
            vec![rest]
        };
        for item in items {
            let item = item.trim();
            let first = ident(item);
            if first.is_empty() {
                continue;
            }
            let second = item[first.len()..]
                .strip_prefix("::")
                .map(ident)
                .filter(|s| !s.is_empty());
            out.push((first, second));
        }
    }
    out
}

/// Which library files each library file imports from.
fn imports() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let names = root_names();
    let modules: BTreeSet<&str> = LAYERS.into_iter().collect();
    let mut graph = BTreeMap::new();
    for file in library_files() {
        let code = code_of(&file);
        let module = module_of(&file);
        let mut to = BTreeSet::new();
        for (first, second) in paths_after(&code, "crate::") {
            let target = if modules.contains(first.as_str()) {
                file_of(&first, second.as_deref())
            } else if let Some(m) = names.get(&first) {
                file_of(m, None)
            } else {
                file_of("lib", None) // an item of lib.rs itself
            };
            to.insert(target);
        }
        let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            // `super::x` in a submodule: the sibling file x.rs, else the parent.
            for (first, _) in paths_after(&code, "super::") {
                let sibling = dir.join(format!("{first}.rs"));
                let target = if root().join("src").join(&sibling).exists() {
                    sibling
                } else {
                    file_of(&module, None)
                };
                to.insert(target);
            }
            // A module's own file naming its children (`styles::Styles`).
            if file.ends_with("mod.rs") {
                for child in std::fs::read_dir(root().join("src").join(dir))
                    .unwrap()
                    .flatten()
                {
                    let name = child
                        .file_name()
                        .to_string_lossy()
                        .trim_end_matches(".rs")
                        .to_string();
                    if name != "mod" && code.contains(&format!("{name}::")) {
                        to.insert(dir.join(format!("{name}.rs")));
                    }
                }
            }
        }
        to.remove(&file);
        graph.insert(file, to);
    }
    graph
}

#[test]
fn every_module_imports_only_from_the_layers_below_it() {
    let layer = |file: &Path| {
        let m = module_of(file);
        LAYERS
            .iter()
            .position(|l| *l == m)
            .unwrap_or_else(|| panic!("{m} ({}) is not in LAYERS: place it", file.display()))
    };
    let mut wrong = Vec::new();
    for (file, targets) in imports() {
        for t in targets {
            if module_of(&t) != module_of(&file) && layer(&t) > layer(&file) {
                wrong.push(format!(
                    "{} imports {} (a higher layer)",
                    file.display(),
                    t.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_file_imports_in_a_circle() {
    let graph = imports();
    // Depth-first search for a back edge, reporting the circle it closes.
    fn visit<'g>(
        f: &'g PathBuf,
        g: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut BTreeMap<&'g PathBuf, u8>,
        stack: &mut Vec<&'g PathBuf>,
    ) -> Option<Vec<String>> {
        state.insert(f, 1);
        stack.push(f);
        for t in g.get(f).into_iter().flatten() {
            match state.get(t) {
                Some(1) => {
                    let at = stack.iter().position(|x| *x == t).unwrap();
                    let mut circle: Vec<String> = stack[at..]
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect();
                    circle.push(t.display().to_string());
                    return Some(circle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(t, g, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(f, 2);
        None
    }
    let mut state = BTreeMap::new();
    for f in graph.keys() {
        if !state.contains_key(f) {
            if let Some(circle) = visit(f, &graph, &mut state, &mut Vec::new()) {
                panic!("import circle: {}", circle.join(" → "));
            }
        }
    }
    // The check sees real edges: the pipeline's own chain is there.
    assert!(graph[&PathBuf::from("plan.rs")].contains(&PathBuf::from("classify.rs")));
    assert!(graph[&PathBuf::from("render/worklist.rs")].contains(&PathBuf::from("render/cells.rs")));
}

#[test]
fn the_check_itself_finds_imports_and_groups() {
    let code =
        "use crate::model::{Field, Lang};\nuse crate::{a::b, c};\nlet x = crate::text::pick();";
    let found = paths_after(code, "crate::");
    let firsts: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(firsts, ["model", "a", "c", "text"]);
    assert_eq!(found[1].1.as_deref(), Some("b"));
    assert_eq!(
        root_names().get("Summary").map(String::as_str),
        Some("model")
    );
}

/// Every `.rs` file under `dir` (relative to `src/`), recursively.
fn rust_files_under(dir: &str) -> Vec<PathBuf> {
    let src = root().join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.join(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p.strip_prefix(&src).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn languages_are_matched_only_where_the_words_are() {
    let mut wrong = Vec::new();
    for file in library_files() {
        let allowed = file.starts_with("text") || file.starts_with("options");
        let code = code_of(&file);
        for (n, line) in code.lines().enumerate() {
            if !allowed && (line.contains("Lang::Es") || line.contains("Lang::En")) {
                wrong.push(format!("src/{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    // The shells (the CLI's main.rs and every file of cli/, found, not listed) never pick words
    // by language: they ask text/ in the language given.
    let mut shells = rust_files_under("cli");
    shells.push(PathBuf::from("main.rs"));
    assert!(
        shells.contains(&PathBuf::from("cli/progress.rs")),
        "the walk finds the shell's files"
    );
    for shell in shells {
        let code = std::fs::read_to_string(root().join("src").join(&shell)).unwrap();
        if code.contains("Lang::Es") || code.contains("Lang::En") {
            wrong.push(format!("src/{} matches a language", shell.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut long = Vec::new();
    let mut tests_seen = 0;
    for dir in ["src", "www", "tests"] {
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    // The built engine is generated, not written.
                    if !p.ends_with("www/pkg") {
                        stack.push(p);
                    }
                    continue;
                }
                let code = ["rs", "js", "mjs", "css", "html", "py"];
                if !p.extension().is_some_and(|x| code.iter().any(|c| x == *c)) {
                    continue;
                }
                if dir == "tests" {
                    tests_seen += 1;
                }
                let lines = std::fs::read_to_string(&p).unwrap().lines().count();
                if lines > 600 {
                    long.push(format!("{} has {lines} lines", p.display()));
                }
            }
        }
    }
    // The walk reaches the tests' own code (this file among them).
    assert!(tests_seen > 10, "{tests_seen} test files seen");
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn no_script_reaches_outside_the_repository() {
    let mut wrong = Vec::new();
    for dir in ["scripts", ".ci"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                if line.contains("/work/") || line.contains("../shared") {
                    wrong.push(format!("{}:{}: {}", e.path().display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
