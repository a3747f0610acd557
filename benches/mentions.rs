//! Mention-finding throughput in MB/s: the matcher over a synthetic corpus
//! of Arabic, French, English and Russian sentences (about 8 MB) built by
//! repeating sentences written for this benchmark. Run with `cargo bench`.
//!
//! The ceiling beside it: a plain Aho–Corasick scan of the same text for
//! every site name as written, with no folding, keys, clitics or word edges.
//! No matcher that does more can be faster than that.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sandtable::load::Dataset;
use sandtable::measure::Matcher;

const SENTENCES: &[&str] = &[
    "أعلن الجيش الروسي أن الجزائر ستستضيف مناورات درع الصحراء في ملعب هماجير للتدريب بولاية بشار، على بعد ثمانين كيلومترا من الحدود المغربية.",
    "وصلت سفينة المسح الهيدروغرافي كيلدين بميناء الجزائر يوم الأربعاء وغادرت يوم الجمعة، بعد مناورات بحرية في المياه الجزائرية.",
    "Les exercices se sont déroulés près de Béchar et de Tindouf, loin d'Alger, selon un communiqué publié à Moscou.",
    "The first joint exercise was held at the Tarskoye range in North Ossetia, according to the Southern Military District.",
    "Учения прошли на полигоне Тарское в Северной Осетии; делегация вернулась в Москву из Алжира.",
    "وتأتي هذه الخطوة في سياق تعاون عسكري متزايد بين البلدين منذ توقيع الشراكة الاستراتيجية عام 2001.",
];

fn corpus() -> String {
    let mut text = String::new();
    while text.len() < 8_000_000 {
        for s in SENTENCES {
            text.push_str(s);
            text.push('\n');
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).expect("dataset");
    let matcher = Matcher::new(&data.sites);
    let text = corpus();
    let mut group = c.benchmark_group("mentions");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("mixed_corpus_8MB", |b| b.iter(|| matcher.find(&text).len()));
    let names: Vec<&str> = data.sites.iter().flat_map(|s| s.names()).collect();
    let plain = aho_corasick::AhoCorasick::new(&names).expect("names");
    group.bench_function("plain_aho_corasick_ceiling", |b| {
        b.iter(|| plain.find_iter(&text).count())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
