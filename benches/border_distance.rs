//! Point-to-boundary queries per second against the bundled Algeria–Morocco
//! boundary: random points within 300 km of it, and far points (1,000 to
//! 5,000 km away). Run with `cargo bench`; criterion prints the time per
//! query and the throughput in elements (queries) per second.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sandtable::{base::destination, base::GeoPoint};

/// A small deterministic generator (xorshift), so every run measures the same points.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn points(count: usize, min_m: f64, max_m: f64, seed: u64) -> Vec<GeoPoint> {
    let border = sandtable::load::bundled_boundary("DZA", "MAR").expect("bundled");
    let vertices: Vec<GeoPoint> = border
        .lines
        .iter()
        .flatten()
        .map(|&c| GeoPoint::from(c))
        .collect();
    let mut rng = Rng(seed);
    (0..count)
        .map(|_| {
            let v = vertices[(rng.next() * vertices.len() as f64) as usize];
            let distance = min_m + rng.next() * (max_m - min_m);
            destination(v, rng.next() * 360.0, distance).0
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let border = sandtable::load::bundled_boundary("DZA", "MAR").expect("bundled");
    border.nearest(GeoPoint::new(31.0, -3.0)); // build the index outside the timing
    let sets = [
        ("within_300km", points(10_000, 0.0, 300_000.0, 1)),
        (
            "far_1000_to_5000km",
            points(1_000, 1_000_000.0, 5_000_000.0, 2),
        ),
    ];
    let mut group = c.benchmark_group("point_to_boundary_DZA-MAR");
    for (name, pts) in &sets {
        group.throughput(Throughput::Elements(pts.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), pts, |b, pts| {
            b.iter(|| {
                pts.iter()
                    .map(|p| border.nearest(*p).expect("lines").distance_m)
                    .sum::<f64>()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
