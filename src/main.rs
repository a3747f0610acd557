//! The `sandtable` command line: parse arguments, call the library, print.

mod cli;

use anyhow::Result;
use clap::Parser;
use cli::{Add, Cli, Command, Common};
use sandtable::base::{find_country, OutputFile};
use sandtable::edit::{add_site, NewEvent, NewSite, NewSource, NewStatement};
use sandtable::load::Dataset;
use sandtable::measure::{self, column_prefix, EnrichOptions, EnrichSummary, Findings};
use sandtable::render::{
    self, distance_sentence, explain, write_mentions, write_output, write_rows, ClaimRow,
    ConflictRow, DistanceJson, EventRow, Exported, ExtractRow, Format, GeocodeRow, MeasurementRow,
    SiteRow,
};
use sandtable::resolve::{EventFilter, Gazetteer, Resolver, TargetArg};
use sandtable::Error;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// A faster allocator: loading a million-row dataset is mostly small
/// allocations, and the system one spends seconds freeing them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Makes the allocator give memory it no longer uses back to the system at
/// once, not after its default delay (a second in mimalloc 3): with
/// several cores scanning text, the freed chunks it held doubled the peak
/// memory of `mentions` (measured: 90 MB against 44 MB on a dense 1.5 MB
/// line). Not for `enrich`, which frees and allocates the same batch-sized
/// buffers again and again: purged at once, each batch faulted its pages
/// back in (the million points as Parquet: 100,000 page faults and 0.47 s
/// of system time, against 8,000 and 0.11 s; peak memory 80 MB against
/// 120–140 MB, still bounded by the batch size).
fn purge_freed_memory_at_once() {
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    /// `mi_option_purge_delay` in mimalloc's `mi_option_e` (versions 2 and 3).
    const PURGE_DELAY: std::ffi::c_int = 15;
    // SAFETY: sets a documented allocator option before any thread starts.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}

/// A message on standard error. A standard error that cannot be written
/// (closed, or a full disk) must not turn a result into a crash.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Exit status: 0 success, 2 bad input or usage (a lookup that finds
/// nothing among them), 1 any other failure. Never a panic's 101.
fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Enrich(_)) {
        purge_freed_memory_at_once();
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run(cli, &mut out).and_then(|code| {
            out.flush()?;
            Ok(code)
        })
    }));
    match result {
        Ok(Ok(code)) => code,
        // A reader that stops early (`| head`) is not an error, as in ripgrep.
        Ok(Err(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            say!("error: {}", causes(&e));
            let bad_input = e.downcast_ref::<Error>().is_some_and(Error::is_bad_input);
            ExitCode::from(if bad_input { 2 } else { 1 })
        }
        // The panic's message is already on standard error.
        Err(_) => {
            say!("error: sandtable stopped on an internal error; please report it with the command that caused it");
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, each said once: a cause whose words the
/// message before it already holds is left out.
fn causes(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let words = cause.to_string();
        if !text.contains(&words) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&words);
        }
    }
    text
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Reads the dataset, printing its warnings.
fn load(data: &Path) -> Result<Dataset, Error> {
    let d = Dataset::load(data)?;
    for warning in &d.warnings {
        say!("warning: {warning}");
    }
    Ok(d)
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode> {
    let Common { data, format, unit } = cli.common;
    match cli.command {
        Command::Check { articles } => {
            let d = load(&data)?;
            // The dataset's own articles/ are checked whenever they exist.
            let stored = data.join("articles");
            let every = articles.is_some();
            let articles = articles.or_else(|| stored.is_dir().then_some(stored));
            if let Some(dir) = articles {
                let checked = d.verify_articles(&dir, every);
                if !checked.problems.is_empty() {
                    return Err(Error::Data(checked.problems).into());
                }
                if !checked.absent.is_empty() {
                    say!(
                        "warning: {} articles recorded by their hash are not stored in {} ({}): their hashes and quotes are not checked",
                        checked.absent.len(),
                        dir.display(),
                        checked.absent.join(", ")
                    );
                }
                let hashed =
                    d.sources.iter().filter(|s| s.sha256.is_some()).count() - checked.absent.len();
                let quotes = d
                    .statements
                    .iter()
                    .filter(|s| !checked.absent.contains(&s.source_id))
                    .count();
                say!("ok: {hashed} articles unchanged (SHA-256) and {quotes} quotes found verbatim in {}", dir.display());
            }
            say!(
                "ok: {} sources, {} sites, {} events, {} statements, {} claims",
                d.sources.len(),
                d.sites.len(),
                d.events.len(),
                d.statements.len(),
                d.claims.len()
            );
        }
        Command::Sites { query } => {
            let d = load(&data)?;
            let rows: Vec<SiteRow> = match &query {
                None => d.sites.iter().map(SiteRow::of).collect(),
                Some(q) => {
                    let names = Resolver::new(&d);
                    let found = names.names().search(q);
                    if found.is_empty() {
                        let close = names.names().suggest(q).join(", ");
                        let message = format!("no site matches '{q}'; closest names: {close}");
                        return Err(Error::Input(message).into());
                    }
                    found.iter().map(|&i| SiteRow::of(&d.sites[i])).collect()
                }
            };
            write_rows(out, &rows, format)?;
        }
        Command::Events(args) => {
            let d = load(&data)?;
            let conflicts = args.conflicts;
            let events = EventFilter::from(args).apply(&d)?;
            if conflicts {
                write_rows(out, &ConflictRow::all(&d, &events), format)?;
            } else {
                let rows: Vec<EventRow> = events.iter().map(|e| EventRow::of(e)).collect();
                write_rows(out, &rows, format)?;
            }
        }
        Command::Distance { from, to } => {
            let m = measure::distance(&data, &from, &to)?;
            match format {
                Format::Text => write!(out, "{}", distance_sentence(&m, unit))?,
                Format::Json => {
                    serde_json::to_writer_pretty(&mut *out, &DistanceJson::of(&m, unit))?;
                    writeln!(out)?;
                }
                other => write_rows(out, &[MeasurementRow::of(&m, unit)], other)?,
            }
        }
        Command::Enrich(args) => {
            let targets = args
                .to
                .iter()
                .map(|t| Ok((column_prefix(t), TargetArg::load(t)?)))
                .collect::<Result<Vec<_>, Error>>()?;
            let needs_data = args.nearest_site || targets.iter().any(|(_, t)| t.needs_dataset());
            let dataset = if needs_data { Some(load(&data)?) } else { None };
            let options = EnrichOptions {
                lat: args.lat,
                lon: args.lon,
                targets,
                nearest_site: args.nearest_site,
                strict: args.strict,
                unit,
                input_format: args.input_format.as_deref().map(str::parse).transpose()?,
                output_format: args.output_format.as_deref().map(str::parse).transpose()?,
            };
            let summary = with_progress(|progress| {
                measure::enrich_path(
                    &args.file,
                    args.output.as_deref(),
                    out,
                    &options,
                    dataset.as_ref(),
                    progress,
                )
            })?;
            say!("{summary}");
        }
        Command::Report { to } => {
            let d = load(&data)?;
            let rows = match to {
                None => measure::site_boundaries(&d),
                Some(to) => {
                    let resolver = Resolver::new(&d);
                    let target = TargetArg::load(&to)?;
                    measure::sites_to(&d, |from| target.resolve(from, Some(&resolver)))?
                }
            };
            let rows: Vec<MeasurementRow> =
                rows.iter().map(|m| MeasurementRow::of(m, unit)).collect();
            write_rows(out, &rows, format)?;
        }
        Command::Claims => {
            let d = load(&data)?;
            let rows: Vec<ClaimRow> = measure::check_claims(&d).iter().map(ClaimRow::of).collect();
            write_rows(out, &rows, format)?;
        }
        Command::Mentions { files, unknown } => {
            let d = load(&data)?;
            let failed = write_mentions(&d, &files, unknown, format, out, |file, why| {
                say!("error: {file}: {why}")
            })?;
            if failed > 0 {
                say!(
                    "error: {failed} of {} files could not be scanned",
                    files.len()
                );
                return Ok(ExitCode::from(2));
            }
        }
        Command::Extract {
            file,
            published,
            source,
            review,
        } => {
            let input =
                measure::ExtractInput::read(&data, &file, published.as_deref(), source.as_deref())?;
            let gazetteer = Gazetteer::bundled().map_err(Error::Input)?;
            let found = input.extract(Some(&gazetteer));
            match review {
                None => write_rows(out, &ExtractRow::all(&found), format)?,
                Some(path) => {
                    let rows = sandtable::edit::ReviewRow::all(&found, input.source.as_deref());
                    sandtable::edit::write_review(&path, &rows)?;
                    say!(
                        "wrote {} findings to {} for review",
                        rows.len(),
                        path.display()
                    );
                }
            }
        }
        Command::Apply { file } => {
            let applied = sandtable::edit::apply(&data, &file)?;
            say!("{applied}");
        }
        Command::Export {
            what,
            layer,
            out: folder,
            output,
        } => {
            let d = load(&data)?;
            match render::export(&d, &Findings::compute(&d), what, layer.as_deref())? {
                Exported::Folder(files) => {
                    let files = files
                        .iter()
                        .map(|(n, b)| (n.clone(), b.as_slice()))
                        .collect();
                    for path in render::write_folder(files, &folder, &data)? {
                        say!("wrote {}", path.display());
                    }
                }
                Exported::Stream(bytes) => match output {
                    Some(path) => OutputFile::new(&path)?.write_all(&bytes)?,
                    None => out.write_all(&bytes)?,
                },
            }
        }
        Command::Import { what, file } => {
            let done = sandtable::edit::import(&data, &file, what)?;
            say!("{done}");
        }
        Command::Init { dir } => {
            sandtable::edit::init(&dir)?;
            say!(
                "started a dataset in {}: the five data files and articles/",
                dir.display()
            );
        }
        Command::Add(Add::Source(args)) => {
            let added = sandtable::edit::add_source(&data, &NewSource::from(args))?;
            match (&added.article, &added.sha256) {
                (Some(path), Some(sha)) => say!(
                    "stored {} (SHA-256 {sha}); added the source on line {} of sources.csv",
                    path.display(),
                    added.line
                ),
                _ => say!("added the source on line {} of sources.csv", added.line),
            }
        }
        Command::Add(Add::Event(args)) => {
            let line = sandtable::edit::add_event(&data, &NewEvent::from(args))?;
            say!("added the event on line {line} of events.csv");
        }
        Command::Add(Add::Statement(args)) => {
            let (line, at) = sandtable::edit::add_statement(&data, &NewStatement::from(args))?;
            say!("found the quote at character {at}; added the statement on line {line} of statements.csv");
        }
        Command::Add(Add::Claim(args)) => {
            let line = sandtable::edit::add_claim(&data, &args.into_claim(unit))?;
            say!("added the claim on line {line} of claims.csv");
        }
        Command::Add(Add::Site(site)) => {
            let site = NewSite::try_from(site)?;
            let line = add_site(&data, &site)?;
            let file = data.join("sites.csv");
            say!(
                "added site '{}' on line {line} of {}",
                site.id,
                file.display()
            );
        }
        Command::Geocode {
            name,
            country,
            limit,
        } => {
            let country = match country {
                Some(code) => Some(find_country(&code).ok_or_else(|| {
                    Error::Input(format!("--country: unknown country code '{code}'"))
                })?),
                None => None,
            };
            let gazetteer = Gazetteer::bundled().map_err(Error::Input)?;
            let found = gazetteer.find(&name, country, limit);
            if found.is_empty() {
                return Err(Error::Input(format!(
                    "no place in the offline gazetteer matches '{name}'"
                ))
                .into());
            }
            write_rows(out, &GeocodeRow::all(&found), format)?;
        }
        Command::Explain { id } => {
            let d = load(&data)?;
            write_rows(out, &explain(&d, &Findings::compute(&d), &id)?, format)?;
        }
        Command::Build { out: dir } => {
            let d = load(&data)?;
            let output = render::render(&d, &Findings::compute(&d))?;
            for path in write_output(&output, &dir, &data)? {
                say!("wrote {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `work` with a progress spinner on standard error when it is a
/// terminal.
fn with_progress(
    work: impl FnOnce(&dyn Fn(u64)) -> Result<EnrichSummary, Error>,
) -> Result<EnrichSummary, Error> {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        let style =
            indicatif::ProgressStyle::with_template("{spinner} {pos} rows, {per_sec} {elapsed}");
        bar.set_style(style.expect("a valid template"));
        bar
    });
    let result = work(&|rows| {
        if let Some(bar) = &bar {
            bar.set_position(rows);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}
