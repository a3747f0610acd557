//! The `sandtable` command line: parse arguments, call the library, print.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use sandtable::dataset::Dataset;
use sandtable::dates::Day;
use sandtable::error::Error;
use sandtable::names::NameIndex;
use sandtable::place;
use sandtable::report::{self, Format};
use sandtable::units::Unit;
use sandtable::{borders, claims, measure};
use std::path::PathBuf;
use std::process::ExitCode;

/// Map military exercises and the sites they happen at: a multilingual
/// gazetteer, exact WGS84 distances to places and borders, claim checks and
/// GeoJSON layers.
#[derive(Parser)]
#[command(
    name = "sandtable",
    version,
    after_help = "Example: sandtable distance hammaguir border:MA"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Common {
    /// Folder holding sources.csv, sites.csv, events.csv, statements.csv, claims.csv.
    #[arg(long, global = true, default_value = ".")]
    data: PathBuf,
    /// Output format: text, csv, json or md.
    #[arg(long, global = true, default_value = "text")]
    format: Format,
    /// Distance unit: km, m, mi or nmi.
    #[arg(long, global = true, default_value = "km")]
    unit: Unit,
}

#[derive(Subcommand)]
enum Command {
    /// Write every GeoJSON layer and its QGIS style.
    #[command(after_help = "Example: sandtable build --out output")]
    Build {
        /// Folder to write the layers to.
        #[arg(long, default_value = "output")]
        out: PathBuf,
    },
    /// One distance, bearing and nearest point.
    #[command(
        after_help = "Examples:\n  sandtable distance hammaguir border:MA\n  sandtable distance بشار حماقير --format json\n  sandtable distance -- \"-33.9,18.4\" file:border.geojson\n  sandtable distance \"30°53′21″N 3°02′44″W\" border:EH"
    )]
    Distance {
        /// A site id, name or alias (any script), LAT,LON or DMS.
        #[arg(allow_hyphen_values = true)]
        from: String,
        /// A place, border:XX or file:PATH.
        #[arg(allow_hyphen_values = true)]
        to: String,
    },
    /// Every site's distance to a target (default: its nearest land boundaries).
    #[command(
        after_help = "Examples:\n  sandtable report\n  sandtable report --to border:MA --format csv"
    )]
    Report {
        /// A place, border:XX or file:PATH.
        #[arg(long, allow_hyphen_values = true)]
        to: Option<String>,
    },
    /// List sites, or find them by a name in any script.
    #[command(after_help = "Examples:\n  sandtable sites\n  sandtable sites هماجير --format json")]
    Sites {
        /// Name, alias or id (case-, accent- and Arabic-spelling-insensitive).
        query: Option<String>,
    },
    /// List events, filtered.
    #[command(after_help = "Example: sandtable events --from 2022-11-20 --to 2022-11-21")]
    Events(EventFilter),
    /// Each claim with the computed figure, the difference and a verdict.
    #[command(after_help = "Example: sandtable claims --format md")]
    Claims,
    /// Everything known about one event or site, each fact with its source.
    #[command(after_help = "Example: sandtable explain desert-shield-2022")]
    Explain {
        /// An event or site id.
        id: String,
    },
    /// Find the gazetteer's places in article text (files, or - for standard input).
    #[command(after_help = "Example: sandtable mentions article.txt --format json")]
    Mentions {
        /// Text files (UTF-8); - reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Validate every data file; list every problem as file:line: field: message.
    #[command(after_help = "Example: sandtable check --data path/to/dataset")]
    Check,
}

#[derive(Args)]
struct EventFilter {
    /// Only events at this site (id or name).
    #[arg(long)]
    site: Option<String>,
    /// Only events that may have happened on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only events that may have happened on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Only events of this kind (exercise, visit, ...).
    #[arg(long)]
    kind: Option<String>,
    /// Only events with this participant (ISO alpha-2).
    #[arg(long)]
    participant: Option<String>,
    /// List the events whose sources disagree, each version with its source.
    #[arg(long)]
    conflicts: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            let bad_input = e.downcast_ref::<Error>().is_some_and(Error::is_bad_input);
            ExitCode::from(if bad_input { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let Common { data, format, unit } = cli.common;
    match cli.command {
        Command::Check => {
            let loaded = Dataset::load(&data)?;
            eprintln!(
                "ok: {} sources, {} sites, {} events, {} statements, {} claims",
                loaded.sources.len(),
                loaded.sites.len(),
                loaded.events.len(),
                loaded.statements.len(),
                loaded.claims.len()
            );
        }
        Command::Sites { query } => {
            let loaded = Dataset::load(&data)?;
            let found: Vec<_> = match &query {
                Some(q) => {
                    let index = NameIndex::new(&loaded.sites);
                    let found = index.search(q);
                    if found.is_empty() {
                        eprintln!(
                            "no site matches '{q}'; closest names: {}",
                            index.suggest(q).join(", ")
                        );
                    }
                    found.into_iter().map(|i| &loaded.sites[i]).collect()
                }
                None => loaded.sites.iter().collect(),
            };
            print!("{}", report::sites(&found).render(format));
        }
        Command::Events(filter) => {
            let loaded = Dataset::load(&data)?;
            let events = filter_events(&loaded, &filter)?;
            if filter.conflicts {
                print!("{}", report::conflicts(&loaded, &events).render(format));
            } else {
                print!("{}", report::events(&events).render(format));
            }
        }
        Command::Distance { from, to } => {
            let loaded = Dataset::load(&data)?;
            let index = NameIndex::new(&loaded.sites);
            let files = load_file_target(&to)?;
            let from = place::resolve_place(&from, &loaded, &index)?;
            let target = place::resolve_target(&to, &from, &loaded, &index, &files)?;
            let m = measure::measure(&from, &target)
                .ok_or_else(|| Error::Input(format!("'{to}' has nothing to measure to")))?;
            match format {
                Format::Text => print!("{}", report::distance_sentence(&m, unit)),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report::distance_json(&m, unit))?
                ),
                other => print!("{}", report::measurements(&[m], unit).render(other)),
            }
        }
        Command::Report { to } => {
            let loaded = Dataset::load(&data)?;
            let rows = match to {
                None => measure::site_boundaries(&loaded),
                Some(to) => {
                    let index = NameIndex::new(&loaded.sites);
                    let files = load_file_target(&to)?;
                    measure::sites_to(&loaded, |from| {
                        place::resolve_target(&to, from, &loaded, &index, &files)
                    })?
                }
            };
            print!("{}", report::measurements(&rows, unit).render(format));
        }
        Command::Claims => {
            let loaded = Dataset::load(&data)?;
            print!(
                "{}",
                report::claims(&claims::check_all(&loaded)).render(format)
            );
        }
        Command::Mentions { files } => {
            let loaded = Dataset::load(&data)?;
            let matcher = sandtable::mentions::Matcher::new(&loaded.sites);
            let mut records = report::mentions_records();
            let mut failed = 0;
            for file in &files {
                match read_text(file) {
                    Ok(text) => {
                        report::add_mentions(&mut records, file, &text, &matcher.find(&text))
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed += 1;
                    }
                }
            }
            print!("{}", records.render(format));
            if failed > 0 {
                return Err(Error::Input(format!(
                    "{failed} of {} files could not be scanned",
                    files.len()
                ))
                .into());
            }
        }
        Command::Explain { id } => {
            let loaded = Dataset::load(&data)?;
            print!(
                "{}",
                sandtable::explain::explain(&loaded, &id)?.render(format)
            );
        }
        Command::Build { out } => {
            let loaded = Dataset::load(&data)?;
            let written = sandtable::layers::build(&loaded, &out)?;
            for path in written {
                eprintln!("wrote {}", path.display());
            }
        }
    }
    Ok(())
}

fn load_file_target(target: &str) -> Result<Vec<borders::Boundary>, Error> {
    match target.strip_prefix("file:") {
        Some(path) => Ok(vec![borders::from_file(path)?]),
        None => Ok(Vec::new()),
    }
}

/// Reads a text file (or standard input for `-`) that must be UTF-8.
fn read_text(file: &str) -> Result<String, String> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(file)
    }
    .map_err(|e| format!("{file}: cannot read it: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file}: invalid UTF-8 at byte offset {}; save the file as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn parse_day(text: &Option<String>, option: &str) -> Result<Option<Day>, Error> {
    text.as_deref()
        .map(|t| {
            Day::parse_iso(t).ok_or_else(|| {
                Error::Input(format!("{option} '{t}' is not a day; expected YYYY-MM-DD"))
            })
        })
        .transpose()
}

fn filter_events<'a>(
    data: &'a Dataset,
    f: &EventFilter,
) -> Result<Vec<&'a sandtable::model::Event>, Error> {
    let from = parse_day(&f.from, "--from")?;
    let to = parse_day(&f.to, "--to")?;
    let site = match &f.site {
        Some(s) => {
            let index = NameIndex::new(&data.sites);
            let place = place::resolve_place(s, data, &index)?;
            place.site_id
        }
        None => None,
    };
    let windowed = from.is_some() || to.is_some();
    Ok(data
        .events
        .iter()
        .filter(|e| !windowed || e.date.overlaps(from, to))
        .filter(|e| site.as_ref().is_none_or(|s| e.site_ids.contains(s)))
        .filter(|e| f.kind.as_ref().is_none_or(|k| &e.kind == k))
        .filter(|e| {
            f.participant
                .as_ref()
                .is_none_or(|p| e.participants.iter().any(|q| q.eq_ignore_ascii_case(p)))
        })
        .filter(|e| !f.conflicts || !e.conflicts.is_empty())
        .collect())
}
