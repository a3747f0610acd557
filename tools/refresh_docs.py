#!/usr/bin/env python3
"""Rewrites the output shown under each `$ sandtable …` line of the README's
and docs/' console blocks with what the binary prints now, as
tests/docs.rs runs it (a fresh copy of the dataset per page, commands in
order). Examples marked `(excerpt)` are left alone: edit those by hand.

    cargo build --release && python3 tools/refresh_docs.py
"""
import os, pathlib, shlex, shutil, subprocess, sys, tempfile

repo = pathlib.Path(__file__).resolve().parent.parent
binary = repo / "target/release/sandtable"
files = ["sources.csv", "sites.csv", "events.csv", "statements.csv", "claims.csv"]

def workspace():
    d = pathlib.Path(tempfile.mkdtemp())
    for f in files:
        shutil.copy(repo / f, d / f)
    shutil.copytree(repo / "tests/data", d / "tests/data")
    shutil.copytree(repo / "docs/examples", d / "docs/examples")
    return d

def run(command, cwd):
    stdin = ""
    if command.startswith("echo '"):
        text, command = command[len("echo '"):].split("' | ", 1)
        stdin = text + "\n"
    args = shlex.split(command)
    assert args[0] == "sandtable", command
    r = subprocess.run([str(binary)] + args[1:], cwd=cwd, input=stdin, capture_output=True, text=True)
    return (r.stdout + r.stderr).rstrip("\n").split("\n") if (r.stdout + r.stderr).strip() else []

def refresh(page):
    lines = page.read_text().split("\n")
    out, i, inside, cwd = [], 0, False, workspace()
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            inside = (line.strip() == "```console") and not inside
            out.append(line); i += 1; continue
        if inside and line.startswith("$ ") and "    (excerpt)" not in line:
            command = line[2:].split("  # ")[0].rstrip()
            out.append(line)
            i += 1
            while i < len(lines) and not lines[i].startswith("$ ") and not lines[i].startswith("```"):
                i += 1
            printed = run(command, cwd)
            blank = i < len(lines) and lines[i].startswith("$ ")
            out.extend(printed + ([""] if blank else []))
            continue
        if inside and line.startswith("$ "):
            run(line[2:].split("    (excerpt)")[0], cwd)
        out.append(line); i += 1
    page.write_text("\n".join(out))
    shutil.rmtree(cwd)

for page in [repo / "README.md"] + sorted((repo / "docs").glob("*.md")):
    refresh(page)
