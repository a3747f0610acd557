"""Writes data/words/common.txt: the most frequent words of Arabic, French,
Russian and English, one per line, as wordfreq spells them (sandtable folds
them when it loads the list).

`mentions` accepts a transliteration variant of a place name only when the
written word is not one of these: an ordinary word that happens to share a
name's variant key (بشر "humans" beside بشار Béchar) is not a place.

Needs `pip install wordfreq==3.1.1`. Word lists: wordfreq by Robyn Speer,
data CC BY-SA 4.0 (https://github.com/rspeer/wordfreq).
"""
import sys
import wordfreq

TOP = 30000
LANGUAGES = ["ar", "fr", "ru", "en"]


def main(out):
    words = set()
    for lang in LANGUAGES:
        for w in wordfreq.top_n_list(lang, TOP):
            if any(c.isalpha() for c in w):
                words.add(w)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'}: top {TOP} words of {', '.join(LANGUAGES)}; CC BY-SA 4.0\n")
        for w in sorted(words):
            f.write(w + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/words/common.txt")
