//! Text as words: sentences, tokens with their character spans, phrase
//! matching that forgives case, accents, Arabic letter variants and a
//! one-letter Arabic clitic, and numbers in digits or words.

use crate::resolve::names::normalise;

/// One word (or number, or punctuation mark) of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Folded: lower case, no accents, Arabic letters unified.
    pub folded: String,
    /// Character span in the whole text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Its value, for a token of digits.
    pub number: Option<f64>,
    /// A mark of punctuation (a clause or list boundary).
    pub punct: bool,
}

/// A sentence: its character span and tokens.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

/// The value of a digit in any script (ASCII, Arabic-Indic, Persian).
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{0640}' || ('\u{064B}'..='\u{065F}').contains(&c)
}

/// Splits `chars` into sentences of tokens: at `.`, `!`, `?`, `؟`, `…`
/// and line breaks (not at a decimal point).
pub(crate) fn sentences(chars: &[char]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let close =
        |tokens: &mut Vec<Token>, sentences: &mut Vec<Sentence>, start: usize, end: usize| {
            if !tokens.is_empty() {
                sentences.push(Sentence {
                    start,
                    end,
                    tokens: std::mem::take(tokens),
                });
            }
        };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            close(&mut tokens, &mut sentences, start, i);
            i += 1;
            start = i;
            continue;
        }
        if c.is_whitespace() {
            if tokens.is_empty() {
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if digit(c).is_some() {
            let begin = i;
            let mut text = String::new();
            while i < chars.len() {
                let d = chars[i];
                if let Some(v) = digit(d) {
                    text.push(char::from_digit(v, 10).expect("a digit"));
                    i += 1;
                } else if matches!(d, '.' | ',' | '٫')
                    && i + 1 < chars.len()
                    && digit(chars[i + 1]).is_some()
                    && !text.contains('.')
                {
                    // 2.5 or 2,5 (a decimal), but 1,200 is a thousands separator.
                    let following = chars[i + 1..]
                        .iter()
                        .take_while(|c| digit(**c).is_some())
                        .count();
                    if d == ',' && following == 3 {
                        i += 1;
                        continue;
                    }
                    text.push('.');
                    i += 1;
                } else {
                    break;
                }
            }
            tokens.push(Token {
                folded: text.clone(),
                start: begin,
                end: i,
                number: text.parse().ok(),
                punct: false,
            });
            continue;
        }
        if is_word_char(c) {
            let begin = i;
            while i < chars.len() && is_word_char(chars[i]) && digit(chars[i]).is_none() {
                i += 1;
            }
            // French elision: l'automne, d'Alger, qu'il are two words.
            let elided = i + 1 < chars.len()
                && matches!(chars[i], '\'' | '’')
                && is_word_char(chars[i + 1])
                && matches!(
                    chars[begin..i]
                        .iter()
                        .collect::<String>()
                        .to_lowercase()
                        .as_str(),
                    "l" | "d"
                        | "qu"
                        | "j"
                        | "n"
                        | "s"
                        | "c"
                        | "m"
                        | "t"
                        | "jusqu"
                        | "lorsqu"
                        | "puisqu"
                );
            if elided {
                let word: String = chars[begin..i].iter().collect();
                tokens.push(Token {
                    folded: fold(&word),
                    start: begin,
                    end: i,
                    number: None,
                    punct: false,
                });
                i += 1;
                continue;
            }
            // Hyphens and apostrophes inside a word (quatre-vingts).
            while i + 1 < chars.len()
                && matches!(chars[i], '-' | '\'' | '’')
                && is_word_char(chars[i + 1])
                && digit(chars[i + 1]).is_none()
            {
                i += 1;
                while i < chars.len() && is_word_char(chars[i]) && digit(chars[i]).is_none() {
                    i += 1;
                }
            }
            let word: String = chars[begin..i].iter().collect();
            tokens.push(Token {
                folded: fold(&word),
                start: begin,
                end: i,
                number: None,
                punct: false,
            });
            continue;
        }
        let ends = matches!(c, '.' | '!' | '?' | '؟' | '…')
            && !(c == '.'
                && tokens
                    .last()
                    .is_some_and(|t: &Token| t.folded.len() == 1 && !t.punct));
        tokens.push(Token {
            folded: c.to_string(),
            start: i,
            end: i + 1,
            number: None,
            punct: !matches!(c, '-' | '–' | '/' | '(' | ')' | '"' | '«' | '»' | '“' | '”'),
        });
        i += 1;
        if ends {
            close(&mut tokens, &mut sentences, start, i);
            start = i;
        }
    }
    close(&mut tokens, &mut sentences, start, chars.len());
    sentences
}

/// A word as tokens compare it.
pub(crate) fn fold(word: &str) -> String {
    normalise(word)
}

/// A phrase as a list of folded words, split as the tokenizer splits.
pub(crate) fn phrase(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    sentences(&chars)
        .into_iter()
        .flat_map(|s| s.tokens)
        .map(|t| t.folded)
        .collect()
}

/// Arabic one-letter prefixes: and, so, with/in, for, like.
const CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Whether token `token` is `word`, forgiving a one-letter Arabic clitic
/// (`بالحدود` is `الحدود`; `للحدود` is `الحدود`).
pub(crate) fn same(token: &str, word: &str) -> bool {
    if token == word {
        return true;
    }
    let mut chars = token.chars();
    match chars.next() {
        Some(c) if CLITICS.contains(&c) => {
            let rest = chars.as_str();
            rest == word
                || (c == 'ل'
                    && rest.starts_with('ل')
                    && word.starts_with("ال")
                    && rest[2..] == word[4..])
                || (rest.chars().next().is_some_and(|d| CLITICS.contains(&d)) && same(rest, word))
        }
        _ => false,
    }
}

/// The longest phrase of `list` starting at token `at`; its index in the
/// list and the number of tokens it covers.
pub(crate) fn match_at(
    tokens: &[Token],
    at: usize,
    list: &[Vec<String>],
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, words) in list.iter().enumerate() {
        if words.is_empty() || at + words.len() > tokens.len() {
            continue;
        }
        let first = same(&tokens[at].folded, &words[0]);
        if first
            && words[1..]
                .iter()
                .zip(&tokens[at + 1..])
                .all(|(w, t)| t.folded == *w)
            && best.is_none_or(|(_, n)| words.len() > n)
        {
            best = Some((i, words.len()));
        }
    }
    best
}

/// The longest phrase of `list` ending just before token `end`.
pub(crate) fn match_before(
    tokens: &[Token],
    end: usize,
    list: &[Vec<String>],
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, words) in list.iter().enumerate() {
        let n = words.len();
        if n == 0 || n > end {
            continue;
        }
        let at = end - n;
        if match_at(&tokens[at..end], 0, std::slice::from_ref(words)).is_some()
            && best.is_none_or(|(_, m)| n > m)
        {
            best = Some((i, n));
        }
    }
    best
}

/// A list of phrases, folded.
pub(crate) fn phrases(list: &[&str]) -> Vec<Vec<String>> {
    list.iter().map(|p| phrase(p)).collect()
}

/// Numbers in words, folded, with values.
pub(crate) struct NumberWords {
    words: Vec<Vec<String>>,
    values: Vec<(f64, bool)>,
}

impl NumberWords {
    pub(crate) fn new(list: &[(&str, f64, bool)]) -> Self {
        NumberWords {
            words: list.iter().map(|(w, _, _)| phrase(w)).collect(),
            values: list.iter().map(|&(_, v, a)| (v, a)).collect(),
        }
    }

    /// A number written in digits or words ending just before token `end`:
    /// its value, whether it is approximate ("une centaine"), and the token
    /// where it starts.
    pub(crate) fn before(&self, tokens: &[Token], end: usize) -> Option<(f64, bool, usize)> {
        if end == 0 {
            return None;
        }
        if let Some(v) = tokens[end - 1].number {
            // 1 200 written with a space.
            if end >= 2
                && tokens[end - 2]
                    .number
                    .is_some_and(|h| h.fract() == 0.0 && h < 1000.0)
                && tokens[end - 1].folded.len() == 3
                && tokens[end - 1].start == tokens[end - 2].end + 1
            {
                return Some((tokens[end - 2].number? * 1000.0 + v, false, end - 2));
            }
            return Some((v, false, end - 1));
        }
        // Words, possibly several joined by "and" (خمسة وعشرين, twenty-five).
        let mut total = 0.0;
        let mut approximate = false;
        let mut at = end;
        let mut found = false;
        while at > 0 {
            let Some((i, n)) = match_before(tokens, at, &self.words) else {
                break;
            };
            let (value, approx) = self.values[i];
            total += value;
            approximate |= approx;
            at -= n;
            found = true;
            if at > 0 && matches!(tokens[at - 1].folded.as_str(), "and" | "et" | "и" | "و") {
                at -= 1;
            }
        }
        found.then_some((total, approximate, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        let chars: Vec<char> = text.chars().collect();
        sentences(&chars)
            .into_iter()
            .flat_map(|s| s.tokens)
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_in_numbers() {
        let chars: Vec<char> = "Il y a 2.5 km. Puis Béchar؟ ثم تندوف\nEnd"
            .chars()
            .collect();
        let found = sentences(&chars);
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].tokens[3].number, Some(2.5));
    }

    #[test]
    fn digits_in_any_script_and_clitics() {
        let t = tokens("على بعد ٨٠ كلم، ب80 كيلومترا 1,200 km");
        let numbers: Vec<f64> = t.iter().filter_map(|t| t.number).collect();
        assert_eq!(numbers, [80.0, 80.0, 1200.0]);
        assert!(same(&fold("بالحدود"), &fold("الحدود")));
        assert!(same(&fold("للحدود"), &fold("الحدود")));
        assert!(same(&fold("وبالحدود"), &fold("الحدود")));
        assert!(!same(&fold("حدود"), &fold("الحدود")));
    }

    #[test]
    fn numbers_in_words() {
        let words = NumberWords::new(crate::measure::extract::lexicon::NUMBER_WORDS);
        let t = tokens("خمسة وعشرين كلم");
        assert_eq!(
            words.before(&t, 2).map(|(v, _, at)| (v, at)),
            Some((25.0, 0))
        );
        let t = tokens("à une centaine de kilomètres");
        assert_eq!(
            words.before(&t, 4).map(|(v, a, _)| (v, a)),
            Some((100.0, true))
        );
        let t = tokens("около пятидесяти километров");
        assert_eq!(words.before(&t, 2).map(|(v, _, _)| v), Some(50.0));
    }
}
