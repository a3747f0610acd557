//! The story around the map: `map.toml` in the data folder.
//!
//! The five CSV files say what happened where; this small file says how the
//! map presents it: its title and standfirst (in each language the page
//! offers), notes, the source and credit lines, the first view and the
//! zoom limits. `build` puts it on the web page and in the QGIS project
//! and its print layout. Every key is optional; without the file the map
//! gets [`Story::default`]. Unknown keys are errors (a misspelt `titel`
//! would otherwise vanish), named with their line.

use crate::base::error::{Problem, Result};
use crate::base::files::read_regular;
use crate::base::vocab::vocabulary;
use crate::Error;
use serde::Deserialize;
use std::path::Path;

/// The file's name in the data folder.
pub const STORY_FILE: &str = "map.toml";

vocabulary! {
    /// A language the map's interface and labels can be shown in.
    ///
    /// ```
    /// use sandtable::load::MapLanguage;
    /// assert_eq!("ar".parse::<MapLanguage>().unwrap(), MapLanguage::Ar);
    /// assert!(MapLanguage::Ar.is_right_to_left());
    /// ```
    MapLanguage, "map language" {
        /// English.
        En = "en",
        /// Arabic, written right to left.
        Ar = "ar",
        /// Russian.
        Ru = "ru",
    }
}

impl MapLanguage {
    /// True for a script written right to left.
    pub fn is_right_to_left(self) -> bool {
        self == MapLanguage::Ar
    }
}

/// The words of the story in one language.
///
/// ```
/// let words = sandtable::load::StoryText { title: "A title".into(), ..Default::default() };
/// assert!(words.standfirst.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoryText {
    /// The map's headline.
    pub title: String,
    /// One or two sentences under the title: what the map shows.
    pub standfirst: String,
    /// Notes under the map: method, caveats.
    pub notes: String,
}

/// The first view and how far a reader may zoom.
///
/// ```
/// let view = sandtable::load::StoryView::default();
/// assert!(view.center.is_none() && view.max_zoom == 9.0);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoryView {
    /// `[latitude, longitude]` of the first view's centre, degrees;
    /// none: the view fits every site.
    pub center: Option<[f64; 2]>,
    /// The first view's zoom (web map zoom levels); none: fit the sites.
    pub zoom: Option<f64>,
    /// The farthest out a reader may zoom.
    pub min_zoom: f64,
    /// The farthest in: the bundled coast is simplified to about 2 km,
    /// so zooming much past 9 would put coastal sites at sea.
    pub max_zoom: f64,
}

impl Default for StoryView {
    fn default() -> Self {
        StoryView {
            center: None,
            zoom: None,
            min_zoom: 2.0,
            max_zoom: 9.0,
        }
    }
}

/// What `map.toml` says: the map's title, standfirst, notes, source and
/// credit, its languages and its view.
///
/// # Examples
/// ```
/// use sandtable::load::{MapLanguage, Story};
/// let story = Story::parse("title = \"Exercises\"\n[ar]\ntitle = \"مناورات\"\n").unwrap();
/// assert_eq!(story.text(MapLanguage::Ar).title, "مناورات");
/// assert_eq!(story.text(MapLanguage::Ru).title, "Exercises"); // falls back to English
/// assert!(Story::parse("titel = \"x\"").unwrap_err().to_string().starts_with("map.toml:1: titel"));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Story {
    /// The map's headline, in English (the default language).
    pub title: String,
    /// One or two sentences under the title: what the map shows.
    pub standfirst: String,
    /// Notes under the map: method, caveats.
    pub notes: String,
    /// Where the facts come from, as the credit line should say it.
    pub source: String,
    /// Who made the map.
    pub credit: String,
    /// The languages offered, the first shown first.
    pub languages: Vec<MapLanguage>,
    /// The first view and the zoom limits.
    pub view: StoryView,
    /// The words in Arabic, where given.
    pub ar: Option<StoryText>,
    /// The words in Russian, where given.
    pub ru: Option<StoryText>,
}

impl Default for Story {
    fn default() -> Self {
        Story {
            title: "Exercises, sites and borders".to_string(),
            standfirst: String::new(),
            notes: String::new(),
            source: String::new(),
            credit: String::new(),
            languages: MapLanguage::ALL.to_vec(),
            view: StoryView::default(),
            ar: None,
            ru: None,
        }
    }
}

impl Story {
    /// The story in `dir/map.toml`, or the default when there is none.
    ///
    /// # Errors
    /// [`Error::Data`] naming the line and key of a malformed file.
    pub fn load(dir: &Path) -> Result<Story> {
        let path = dir.join(STORY_FILE);
        if !path.exists() {
            return Ok(Story::default());
        }
        let bytes = read_regular(&path, 1 << 20)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| problem(1, "-", "is not UTF-8 text".to_string()))?;
        Story::parse(&text)
    }

    /// The story in `text` (the contents of a `map.toml`).
    ///
    /// # Errors
    /// [`Error::Data`] naming the line and key of what is wrong.
    pub fn parse(text: &str) -> Result<Story> {
        let story: Story = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |s| text[..s.start].matches('\n').count() as u64 + 1);
            let message = e.message().trim().to_string();
            let field = unknown_key(&message).unwrap_or_else(|| key_at(text, line));
            problem(line, &field, message)
        })?;
        story.check(text)
    }

    /// The words in `language`, each falling back to English where not given.
    pub fn text(&self, language: MapLanguage) -> StoryText {
        let own = match language {
            MapLanguage::En => None,
            MapLanguage::Ar => self.ar.as_ref(),
            MapLanguage::Ru => self.ru.as_ref(),
        };
        let pick = |mine: Option<&String>, english: &String| {
            mine.filter(|t| !t.is_empty()).unwrap_or(english).clone()
        };
        StoryText {
            title: pick(own.map(|t| &t.title), &self.title),
            standfirst: pick(own.map(|t| &t.standfirst), &self.standfirst),
            notes: pick(own.map(|t| &t.notes), &self.notes),
        }
    }

    fn check(self, text: &str) -> Result<Story> {
        let at = |key: &str| line_of(text, key);
        let view = &self.view;
        if let Some([lat, lon]) = view.center {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(problem(
                    at("center"),
                    "view.center",
                    format!("[{lat}, {lon}] is not [latitude, longitude] in degrees"),
                ));
            }
        }
        let zooms = [("min_zoom", view.min_zoom), ("max_zoom", view.max_zoom)];
        for (key, zoom) in zooms.into_iter().chain(view.zoom.map(|z| ("zoom", z))) {
            if !(0.0..=20.0).contains(&zoom) {
                return Err(problem(
                    at(key),
                    &format!("view.{key}"),
                    format!("{zoom} is out of range, expected 0 to 20"),
                ));
            }
        }
        if view.min_zoom > view.max_zoom {
            return Err(problem(
                at("min_zoom"),
                "view.min_zoom",
                format!("{} is above max_zoom {}", view.min_zoom, view.max_zoom),
            ));
        }
        if self.languages.is_empty() {
            return Err(problem(
                at("languages"),
                "languages",
                "names no language; expected some of en, ar, ru".to_string(),
            ));
        }
        Ok(self)
    }
}

fn problem(line: u64, field: &str, message: String) -> Error {
    Error::Data(vec![Problem::new(STORY_FILE, line, field, message)])
}

/// The key toml names in "unknown field `titel`, expected …".
fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// The key written on `line`, for a message that does not name it.
fn key_at(text: &str, line: u64) -> String {
    text.lines()
        .nth(line.saturating_sub(1) as usize)
        .and_then(|l| l.split_once('='))
        .map(|(key, _)| key.trim().to_string())
        .filter(|key| !key.is_empty())
        .unwrap_or_else(|| "-".to_string())
}

/// The first line that sets `key` (1 when none does).
fn line_of(text: &str, key: &str) -> u64 {
    text.lines()
        .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim() == key))
        .map_or(1, |i| i as u64 + 1)
}

/// The `map.toml` that `init` writes: every key, commented.
pub(crate) const TEMPLATE: &str = r#"# The story around the map: `sandtable build` puts it on the web page and in
# the QGIS project (see docs/map.md). Every key is optional.

title = "Exercises, sites and borders"
# One or two sentences under the title: what the map shows.
standfirst = ""
# Method and caveats, under the map.
notes = ""
# Where the facts come from, and who made the map.
source = ""
credit = ""
# The languages offered (en, ar, ru), the first shown first.
languages = ["en", "ar", "ru"]

[view]
# center = [31.0, -2.0]   # latitude, longitude; default: fit every site
# zoom = 5
min_zoom = 2
# The bundled coast is simplified to about 2 km: much past 9 puts ports at sea.
max_zoom = 9

# The words in Arabic and Russian (any left out fall back to English).
# [ar]
# title = ""
# [ru]
# title = ""
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_a_valid_story() {
        let story = Story::parse(TEMPLATE).unwrap();
        assert_eq!(story.languages, MapLanguage::ALL);
        assert_eq!(story.view, StoryView::default());
    }

    #[test]
    fn errors_name_line_and_key() {
        let err = Story::parse("title = \"x\"\n[view]\nmax_zoom = \"far\"\n").unwrap_err();
        assert!(
            err.to_string().starts_with("map.toml:3: max_zoom:"),
            "{err}"
        );
        let err = Story::parse("title = \"x\"\n[view]\nmin_zoom = 12\n").unwrap_err();
        assert!(
            err.to_string().starts_with("map.toml:3: view.min_zoom:"),
            "{err}"
        );
        let err = Story::parse("languages = [\"fr\"]\n").unwrap_err();
        assert!(err.to_string().contains("fr"), "{err}");
        let err = Story::parse("[view]\ncenter = [95, 0]\n").unwrap_err();
        assert!(
            err.to_string().starts_with("map.toml:2: view.center"),
            "{err}"
        );
    }
}
