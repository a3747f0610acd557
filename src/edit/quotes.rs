//! Finding a quote in a stored article: its position in characters, or,
//! when it is not there verbatim, the passage nearest to it.

use crate::base::error::{Error, Result};
use crate::load::dataset::read_article;
use std::path::Path;

/// Where `quote` starts in `dir/articles/<source>.txt`, in characters.
///
/// # Errors
/// [`Error::Input`] when the article is not stored, or the quote is not in
/// it verbatim: the message shows the nearest passage and its position.
pub(crate) fn locate_quote(dir: &Path, source: &str, quote: &str) -> Result<usize> {
    let articles = dir.join("articles");
    let text = read_article(&articles, source).map_err(|why| {
        Error::Input(format!(
            "--source {source}: no stored article to find the quote in ({why}); store it with `sandtable add source {source} --file ARTICLE.txt`"
        ))
    })?;
    let quote: Vec<char> = quote.chars().collect();
    if quote.is_empty() {
        return Err(Error::Input("--quote is empty".into()));
    }
    if let Some(at) = text.windows(quote.len()).position(|w| w == &quote[..]) {
        return Ok(at);
    }
    let (at, passage) = nearest_passage(&text, &quote);
    Err(Error::Input(format!(
        "the quote is not in {source}.txt verbatim; the nearest passage, at character {at}, is: «{passage}»"
    )))
}

/// The passage of `text` most like `quote` (as long as it, starting at a
/// word), by edit distance, and where it starts.
pub(crate) fn nearest_passage(text: &[char], quote: &[char]) -> (usize, String) {
    let len = quote.len().min(text.len());
    let quote: String = quote.iter().collect();
    let mut best = (0, f64::MIN);
    for start in 0..=text.len() - len {
        let at_word = start == 0 || !text[start - 1].is_alphanumeric();
        if !at_word {
            continue;
        }
        let window: String = text[start..start + len].iter().collect();
        let score = strsim::normalized_levenshtein(&window, &quote);
        if score > best.1 {
            best = (start, score);
        }
    }
    (best.0, text[best.0..best.0 + len].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_passage_is_the_one_with_a_typo() {
        let text: Vec<char> = "Les manœuvres ont eu lieu près de Béchar. Puis à Tindouf."
            .chars()
            .collect();
        let quote: Vec<char> = "eu lieu pres de Bechar".chars().collect();
        let (at, passage) = nearest_passage(&text, &quote);
        assert_eq!((at, passage.as_str()), (18, "eu lieu près de Béchar"));
    }
}
