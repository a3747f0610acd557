//! Every command the README and `docs/` show, run as a user would run it,
//! printing what the page says it prints.
//!
//! In a page's `console` blocks, a line `$ sandtable …` (or
//! `$ echo '…' | sandtable …`) is run, and the lines after it, up to the
//! next `$` line, are what it must print: standard output, then standard
//! error, exactly. A command marked `(excerpt)` must print each shown line,
//! in order, among others, with `…` in a line standing for any text. A
//! `# comment` after a command is not part of it. Each page runs its
//! commands in order, in a fresh copy of the dataset (with `tests/data` and
//! `docs/examples`), so an example may change the data for the next one.
//! Blocks marked `sh` are not run.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Example {
    line: usize,
    command: String,
    stdin: Option<String>,
    shown: Vec<String>,
    excerpt: bool,
}

fn pages() -> Vec<PathBuf> {
    let mut pages = vec![repo().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

fn examples(text: &str) -> Vec<Example> {
    let mut found: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut in_other = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            if in_console || in_other {
                (in_console, in_other) = (false, false);
            } else if line.trim() == "```console" {
                in_console = true;
            } else {
                in_other = true;
            }
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let (command, excerpt) = match command.split_once("    (excerpt)") {
                Some((c, _)) => (c, true),
                None => (command, false),
            };
            let command = command.split("  # ").next().unwrap().trim_end();
            let (stdin, command) = match command.strip_prefix("echo '") {
                Some(rest) => {
                    let (text, command) = rest
                        .split_once("' | ")
                        .unwrap_or_else(|| panic!("line {}: echo '…' | sandtable …", i + 1));
                    (Some(format!("{text}\n")), command)
                }
                None => (None, command),
            };
            found.push(Example {
                line: i + 1,
                command: command.to_string(),
                stdin,
                shown: Vec::new(),
                excerpt,
            });
        } else if let Some(example) = found.last_mut() {
            example.shown.push(line.to_string());
        }
    }
    for example in &mut found {
        while example.shown.last().is_some_and(|l| l.is_empty()) {
            example.shown.pop();
        }
    }
    found
}

/// Splits a command line as a POSIX shell would (quotes, backslashes).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => w.extend(chars.next()),
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in sandtable::load::FILES {
        std::fs::copy(repo().join(name), dir.path().join(name)).unwrap();
    }
    copy_dir(&repo().join("tests/data"), &dir.path().join("tests/data"));
    copy_dir(
        &repo().join("docs/examples"),
        &dir.path().join("docs/examples"),
    );
    dir
}

/// Whether `line` matches `shown`, where `…` stands for any text.
fn matches(shown: &str, line: &str) -> bool {
    let mut parts = shown.split('…');
    let first = parts.next().unwrap();
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

fn check(page: &Path, example: &Example, dir: &Path) -> Option<String> {
    let args = words(&example.command);
    assert_eq!(
        args.first().map(String::as_str),
        Some("sandtable"),
        "{}:{}: console blocks run sandtable only (use a sh block otherwise)",
        page.display(),
        example.line
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandtable"))
        .args(&args[1..])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = example.stdin.clone().unwrap_or_default();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = printed.lines().collect();
    let expected_failure = example.shown.iter().any(|l| l.starts_with("error:"));
    let ok = if example.excerpt {
        let mut at = lines.iter();
        example.shown.iter().all(|s| at.any(|l| matches(s, l)))
    } else {
        let mut lines = lines.clone();
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines == example.shown
    };
    (!ok || out.status.success() == expected_failure).then(|| {
        format!(
            "{}:{}: $ {}\n--- the page shows:\n{}\n--- it printed (exit {:?}):\n{}",
            page.strip_prefix(repo()).unwrap_or(page).display(),
            example.line,
            example.command,
            example.shown.join("\n"),
            out.status.code(),
            printed
        )
    })
}

#[test]
fn every_command_in_the_readme_and_docs_prints_what_they_show() {
    let mut failures = Vec::new();
    let mut count = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let dir = workspace();
        for example in examples(&text) {
            count += 1;
            failures.extend(check(&page, &example, dir.path()));
        }
    }
    assert!(count >= 20, "only {count} examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_example_reader_splits_words_and_matches_excerpts() {
    assert_eq!(
        words(r#"sandtable distance "30°53′21″N 3°02′44″W" 'border:EH' a\ b"#),
        [
            "sandtable",
            "distance",
            "30°53′21″N 3°02′44″W",
            "border:EH",
            "a b"
        ]
    );
    assert!(matches(
        "| Tindouf | x | OpenStreetMap … |",
        "| Tindouf | x | OpenStreetMap (ODbL) |"
    ));
    assert!(!matches("| Tindouf | y …", "| Tindouf | x | z"));
    let found = examples("```console\n$ sandtable claims    (excerpt)\na…\n\n$ echo 'x' | sandtable mentions -  # c\n```\n```sh\n$ other\n```\n");
    assert_eq!(found.len(), 2);
    assert!(found[0].excerpt && found[0].shown == ["a…"]);
    assert_eq!(found[1].stdin.as_deref(), Some("x\n"));
    assert_eq!(found[1].command, "sandtable mentions -");
}
