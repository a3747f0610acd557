//! Properties of the point-to-boundary search, on random points.

use proptest::prelude::*;
use sandtable::load::Boundary;
use sandtable::{base::destination, base::inverse, base::GeoPoint};
use std::sync::OnceLock;

/// A 400-vertex stretch of the bundled Algeria–Morocco boundary (brute force
/// over the whole line would make each case slow).
fn stretch() -> &'static Boundary {
    static LINE: OnceLock<Boundary> = OnceLock::new();
    LINE.get_or_init(|| {
        let full = sandtable::load::bundled_boundary("DZA", "MAR").unwrap();
        let line: geo::LineString = full.lines.0[0].0[..400].iter().copied().collect();
        Boundary::new("stretch", "stretch", geo::MultiLineString::new(vec![line]))
    })
}

fn vertices() -> Vec<GeoPoint> {
    stretch().lines.0[0]
        .coords()
        .map(|&c| GeoPoint::from(c))
        .collect()
}

fn near_point() -> impl Strategy<Value = GeoPoint> {
    (0usize..400, 0.0f64..360.0, 0.0f64..300_000.0)
        .prop_map(|(i, azimuth, d)| destination(vertices()[i], azimuth, d).0)
}

/// 1,000 to 8,000 km from the line, where the fan bound prunes most.
fn far_point() -> impl Strategy<Value = GeoPoint> {
    (0usize..400, 0.0f64..360.0, 1_000_000.0f64..8_000_000.0)
        .prop_map(|(i, azimuth, d)| destination(vertices()[i], azimuth, d).0)
}

fn any_point() -> impl Strategy<Value = GeoPoint> {
    (-89.0f64..89.0, -180.0f64..180.0).prop_map(|(lat, lon)| GeoPoint::new(lat, lon))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn pruned_search_equals_brute_force(p in prop_oneof![near_point(), far_point(), any_point()]) {
        let fast = stretch().nearest(p).unwrap();
        let slow = stretch().nearest_brute_force(p).unwrap();
        prop_assert!((fast.distance_m - slow.distance_m).abs() < 1e-6, "{p:?}: {fast:?} vs {slow:?}");
    }

    #[test]
    fn never_farther_than_any_vertex(p in near_point()) {
        let d = stretch().nearest(p).unwrap().distance_m;
        for v in vertices() {
            prop_assert!(d <= inverse(p, v).distance_m + 1e-9);
        }
    }

    #[test]
    fn zero_on_the_line(i in 0usize..399, t in 0.0f64..1.0) {
        let (a, b) = (vertices()[i], vertices()[i + 1]);
        let edge = inverse(a, b);
        let (on, _) = destination(a, edge.initial_bearing_deg, t * edge.distance_m);
        prop_assert!(stretch().nearest(on).unwrap().distance_m < 1e-6);
    }

    #[test]
    fn distance_is_symmetric(a in any_point(), b in any_point()) {
        let ab = inverse(a, b).distance_m;
        let ba = inverse(b, a).distance_m;
        prop_assert!((ab - ba).abs() < 1e-6);
    }

    #[test]
    fn the_nearest_point_is_at_the_reported_distance(p in near_point()) {
        let n = stretch().nearest(p).unwrap();
        prop_assert!((inverse(p, n.point).distance_m - n.distance_m).abs() < 1e-6);
    }
}

proptest! {
    #[test]
    fn every_valid_date_has_ordered_day_bounds(year in 1900i32..2100, month in 1u32..=12, day in 1u32..=31, season in 21u32..=24, q in prop_oneof![Just(""), Just("?"), Just("~"), Just("%")]) {
        use sandtable::base::EdtfDate;
        for text in [format!("{year}{q}"), format!("{year}-{month:02}{q}"), format!("{year}-{season}{q}"), format!("{year}-{month:02}-{day:02}{q}")] {
            if let Ok(d) = EdtfDate::parse(&text) {
                prop_assert!(d.earliest().unwrap() <= d.latest().unwrap(), "{text}");
                prop_assert_eq!(d.text(), text.as_str());
            } else {
                prop_assert!(day > 28, "only impossible days may fail: {}", text);
            }
        }
    }

    #[test]
    fn folding_is_idempotent(text in "\\PC{0,40}") {
        let once = sandtable::resolve::normalise(&text);
        prop_assert_eq!(sandtable::resolve::normalise(&once), once);
    }
}
