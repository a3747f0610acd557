//! The closed vocabularies of the data files: kinds, statuses, verdicts.
//!
//! Each is an enum parsed once, when a file is read; everything after that
//! matches on variants, never on strings. The text form (as written in the
//! CSV files, in reports and in the layers) is the same for serde, for the
//! command line (`clap::ValueEnum`) and for [`std::fmt::Display`].

/// Defines a vocabulary enum with its text forms, `ALL`, `FromStr` (whose
/// error lists every valid word), `Display`, serde and clap support.
macro_rules! vocabulary {
    (
        $(#[$doc:meta])*
        $name:ident, $what:literal {
            $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, clap::ValueEnum)]
        pub enum $name {
            $(
                $(#[$vdoc])*
                #[serde(rename = $text)]
                #[value(name = $text)]
                $variant,
            )+
        }

        impl $name {
            /// Every word of the vocabulary, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as written in the data files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> std::result::Result<Self, String> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| {
                        $crate::base::vocab::unknown_word(text, $what, Self::ALL.iter().map(|v| v.as_str()))
                    })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

/// The message for a word outside a vocabulary.
pub(crate) fn unknown_word<'a>(
    text: &str,
    what: &str,
    words: impl Iterator<Item = &'a str>,
) -> String {
    let words: Vec<&str> = words.collect();
    format!(
        "'{text}' is not a known {what}; expected one of {}",
        words.join(", ")
    )
}

vocabulary! {
    /// What kind of place a site is.
    ///
    /// ```
    /// use sandtable::base::SiteKind;
    /// assert_eq!("port".parse::<SiteKind>().unwrap(), SiteKind::Port);
    /// assert!("harbour".parse::<SiteKind>().unwrap_err().contains("training_ground"));
    /// ```
    SiteKind, "site kind" {
        /// A military training ground or range.
        TrainingGround = "training_ground",
        /// A military base.
        Base = "base",
        /// A town or city.
        City = "city",
        /// A capital city.
        Capital = "capital",
        /// A port.
        Port = "port",
        /// An area of sea.
        SeaArea = "sea_area",
        /// A region or province.
        Region = "region",
        /// An airfield.
        Airfield = "airfield",
    }
}

vocabulary! {
    /// What kind of event an event is.
    ///
    /// ```
    /// use sandtable::base::EventKind;
    /// assert_eq!(EventKind::PortCall.to_string(), "port_call");
    /// ```
    EventKind, "event kind" {
        /// A land exercise.
        Exercise = "exercise",
        /// A naval exercise.
        NavalExercise = "naval_exercise",
        /// A ship's visit to a port.
        PortCall = "port_call",
        /// An official visit.
        Visit = "visit",
        /// A meeting.
        Meeting = "meeting",
        /// An agreement signed.
        Agreement = "agreement",
        /// A ceremony.
        Ceremony = "ceremony",
        /// Anything else (an imported ACLED or UCDP event of another kind).
        Other = "other",
    }
}

vocabulary! {
    /// Who asserts an event: `reported` (a source states it), `announced`
    /// (planned, not yet confirmed), `disputed` (one party asserts it,
    /// another denies it).
    ///
    /// ```
    /// assert_eq!("disputed".parse::<sandtable::base::EventStatus>().unwrap(), sandtable::base::EventStatus::Disputed);
    /// ```
    EventStatus, "event status" {
        /// A source states it.
        Reported = "reported",
        /// Planned, not yet confirmed.
        Announced = "announced",
        /// Asserted by one party, denied by another.
        Disputed = "disputed",
    }
}

vocabulary! {
    /// Whether the two sides agree on a boundary line.
    ///
    /// ```
    /// assert_eq!(sandtable::base::BoundaryStatus::Disputed.as_str(), "disputed");
    /// ```
    BoundaryStatus, "boundary status" {
        /// Both sides recognise the line.
        Agreed = "agreed",
        /// The line is disputed (Western Sahara's, for example).
        Disputed = "disputed",
    }
}

vocabulary! {
    /// The kinds of claim the tool can check.
    ///
    /// ```
    /// assert_eq!("between".parse::<sandtable::base::ClaimKind>().unwrap(), sandtable::base::ClaimKind::Between);
    /// ```
    ClaimKind, "claim kind" {
        /// Subject (site or event) to a country's land boundary.
        DistanceToBorder = "distance_to_border",
        /// Subject to another site.
        DistanceBetween = "distance_between",
        /// Direction from the subject to another site.
        Bearing = "bearing",
        /// The subject lies between two sites.
        Between = "between",
    }
}

vocabulary! {
    /// How loosely a claimed number is meant.
    ///
    /// ```
    /// assert_eq!("about".parse::<sandtable::base::Qualifier>().unwrap(), sandtable::base::Qualifier::About);
    /// ```
    Qualifier, "qualifier" {
        /// "About": ±10 % for distances, ±10° for bearings in degrees.
        About = "about",
        /// As stated: half a unit of the last digit.
        Exact = "exact",
        /// A range `a..b`, taken exactly.
        Range = "range",
    }
}

vocabulary! {
    /// The verdict on one claim.
    ///
    /// ```
    /// assert_eq!(sandtable::base::Verdict::Overstated.to_string(), "overstated");
    /// ```
    Verdict, "verdict" {
        /// The geometry agrees within the tolerance.
        Consistent = "consistent",
        /// The claim says farther or larger than the geometry allows.
        Overstated = "overstated",
        /// The claim says nearer or smaller.
        Understated = "understated",
        /// A non-numeric claim that the geometry contradicts.
        Inconsistent = "inconsistent",
        /// A place in the claim cannot be located.
        Unverifiable = "unverifiable",
    }
}
