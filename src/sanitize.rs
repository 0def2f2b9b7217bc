//! Making untrusted text (server answers, files, the environment) safe to show on a terminal.
//!
//! A terminal acts on more than escape sequences: C1 controls are CSI and OSC on many
//! terminals, bidi overrides and isolates reorder what a reader sees, zero-width and other format
//! characters hide text, and U+2028/U+2029 break lines where no newline shows. Every one of them
//! is written escaped (`\u{202e}`), never emitted. Two sequences of format characters draw an
//! emoji and stay: a zero-width joiner between two emoji (👩‍💻), and the tag characters of a
//! subdivision flag (Scotland's: 🏴 and `gbsct` in tags). Machine output (`--json`, `--field`
//! into a pipe) does not come through here: it stays byte-exact.

use std::borrow::Cow;

use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

/// Whether line breaks and tabs in the text are kept (a bio) or escaped too (one-line text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// `\n` and `\t` pass; every other control is escaped.
    Keep,
    /// `\n`, `\r` and `\t` are escaped like any control.
    Escape,
}

/// The text with every character a terminal could act on, or that hides or reorders text,
/// written as a visible escape. Plain text comes back borrowed.
pub fn for_terminal(text: &str, lines: Lines) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let unsafe_at = |i: usize| !is_safe(&chars, i, lines);
    if !(0..chars.len()).any(unsafe_at) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if unsafe_at(i) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`for_terminal`] for one line: every control, `\n` included, is escaped.
pub fn line(text: &str) -> Cow<'_, str> {
    for_terminal(text, Lines::Escape)
}

fn is_safe(chars: &[char], i: usize, lines: Lines) -> bool {
    let c = chars[i];
    if c.is_ascii() {
        return !c.is_ascii_control() || (lines == Lines::Keep && matches!(c, '\n' | '\t'));
    }
    match c.general_category() {
        // C1 controls.
        GeneralCategory::Control => false,
        // U+2028, U+2029.
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => false,
        // Bidi controls, zero-width characters, tags, the BOM… A zero-width joiner between two
        // emoji builds one picture (👩‍💻), and tags after a black flag spell which flag
        // (🏴 and `gbsct` in tags: Scotland's): both stay; anywhere else they only hide things.
        GeneralCategory::Format => match c {
            '\u{200D}' => joins_emoji(chars, i),
            '\u{E0020}'..=CANCEL_TAG => in_subdivision_flag(chars, i),
            _ => false,
        },
        // Keycaps (1️⃣: a digit, `#` or `*`, U+FE0F and U+20E3) pass on their own: the
        // selector and the enclosing keycap are marks, not format characters.
        _ => true,
    }
}

/// The end of an emoji tag sequence (UTS #51).
const CANCEL_TAG: char = '\u{E007F}';

/// The longest subdivision code a flag spells: a region (two letters or three digits) and a
/// suffix of at most four letters or digits (CLDR's `unicode_subdivision_id`).
const LONGEST_CODE: usize = 7;

/// Whether the tag character at `i` belongs to a subdivision flag: U+1F3F4 (with an optional
/// U+FE0F), the subdivision's code in tag letters and digits (`gbsct`), then U+E007F.
///
/// UTS #51's grammar would take any emoji as the base and any tags up to the cancel tag, but
/// U+1F3F4 with a subdivision code is the only tag sequence it calls valid, and what a font
/// does not know it draws as the base alone: with any other base, or any other tags, the tags
/// are text no reader sees (tag characters carry hidden ASCII), so those stay escaped. The
/// scans stop after [`LONGEST_CODE`] characters, so a long run of tags costs no more than a
/// short one.
fn in_subdivision_flag(chars: &[char], i: usize) -> bool {
    let code_at = |j: usize| chars.get(j).copied().and_then(tag_ascii).is_some();
    let mut end = i;
    while code_at(end) && end - i <= LONGEST_CODE {
        end += 1;
    }
    if chars.get(end) != Some(&CANCEL_TAG) {
        return false;
    }
    let mut start = end;
    while start > 0 && code_at(start - 1) && end - start <= LONGEST_CODE {
        start -= 1;
    }
    let base = match start.checked_sub(1).map(|j| chars[j]) {
        Some('\u{FE0F}') => start.checked_sub(2).map(|j| chars[j]),
        other => other,
    };
    let code: Vec<u8> = chars[start..end]
        .iter()
        .filter_map(|&c| tag_ascii(c))
        .collect();
    base == Some('\u{1F3F4}') && is_subdivision_code(&code)
}

/// The lowercase letter or digit a tag character spells (U+E0061 → `a`), the only ones a
/// subdivision code uses.
fn tag_ascii(c: char) -> Option<u8> {
    let ascii = u32::from(c).checked_sub(0xE0000)?;
    u8::try_from(ascii)
        .ok()
        .filter(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// `gbsct`, `usca`, `fr75`: a region (two letters or three digits), then one to four letters
/// or digits.
fn is_subdivision_code(code: &[u8]) -> bool {
    let region = if code.len() >= 2 && code[..2].iter().all(u8::is_ascii_lowercase) {
        2
    } else if code.len() >= 3 && code[..3].iter().all(u8::is_ascii_digit) {
        3
    } else {
        return false;
    };
    (1..=4).contains(&(code.len() - region))
}

fn joins_emoji(chars: &[char], i: usize) -> bool {
    let emoji = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && c.is_emoji_char());
    // A variation selector (U+FE0F) may sit between the emoji and the joiner.
    let before = match i.checked_sub(1).map(|j| chars[j]) {
        Some('\u{FE0F}') => i.checked_sub(2).and_then(|j| chars.get(j)),
        _ => i.checked_sub(1).and_then(|j| chars.get(j)),
    };
    emoji(before) && emoji(chars.get(i + 1))
}

fn escape(c: char, out: &mut String) {
    use std::fmt::Write;
    let _ = match c {
        '\n' => write!(out, "\\n"),
        '\r' => write!(out, "\\r"),
        '\t' => write!(out, "\\t"),
        c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
        c => write!(out, "\\u{{{:x}}}", c as u32),
    };
}

/// Whether a character shows nothing: whitespace, a format character (a BOM, a zero-width
/// space), a variation selector, or one of the fillers that render blank (Hangul fillers, the
/// blank Braille pattern, the combining grapheme joiner).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.general_category() == GeneralCategory::Format
        || matches!(c,
            '\u{34f}' | '\u{115f}' | '\u{1160}' | '\u{180b}'..='\u{180d}' | '\u{2800}'
            | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{ffa0}' | '\u{e0100}'..='\u{e01ef}')
}

/// The first `limit` characters of `text`, with `…` when there was more.
pub fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The largest char boundary of `text` at or below `at` (`str::floor_char_boundary`, which is
/// newer than this crate's minimum Rust).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether a character may reach a terminal as it is, wherever it stands (the joiner and the
/// tags of a flag aside): what tests of every path that shows text check their output against.
pub fn is_inert(c: char) -> bool {
    is_safe(&[c], 0, Lines::Keep)
}

/// Text as one shell word, for a command shown in a hint: bare when it is plain, else
/// single-quoted, so that a name or path can never add a command of its own when pasted.
pub fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+,:@%=".contains(&b));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_kind_of_control() {
        let cases = [
            ("clear\x1b[2J", "clear\\x1b[2J"),
            ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
            ("\u{9b}31m", "\\x9b31m"),
            ("line\rover", "line\\rover"),
            ("del\x7f", "del\\x7f"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("iso\u{2066}x\u{2069}", "iso\\u{2066}x\\u{2069}"),
            ("a\u{2028}b\u{2029}c", "a\\u{2028}b\\u{2029}c"),
            ("zero\u{200b}width\u{feff}", "zero\\u{200b}width\\u{feff}"),
            ("soft\u{ad}hyphen", "soft\\xadhyphen"),
            ("tag\u{e0041}", "tag\\u{e0041}"),
            ("lone\u{200d}joiner", "lone\\u{200d}joiner"),
        ];
        for (raw, shown) in cases {
            assert_eq!(for_terminal(raw, Lines::Keep), shown, "{raw:?}");
        }
    }

    #[test]
    fn a_joiner_stays_only_between_two_emoji() {
        assert_eq!(for_terminal("a\u{200d}b", Lines::Keep), "a\\u{200d}b");
        assert_eq!(for_terminal("👩\u{200d}x", Lines::Keep), "👩\\u{200d}x");
        assert_eq!(for_terminal("x\u{200d}👩", Lines::Keep), "x\\u{200d}👩");
        assert_eq!(for_terminal("1\u{200d}2", Lines::Keep), "1\\u{200d}2");
        assert_eq!(for_terminal("👩\u{200d}💻", Lines::Keep), "👩\u{200d}💻");
    }

    /// 🏴 and the tags of `code` (`gbsct`), closed by the cancel tag.
    fn flag(code: &str) -> String {
        let tags: String = code
            .chars()
            .filter_map(|c| char::from_u32(0xE0000 + u32::from(c)))
            .collect();
        format!("\u{1F3F4}{tags}{CANCEL_TAG}")
    }

    #[test]
    fn subdivision_flags_and_keycaps_pass() {
        let text = format!(
            "{} {} {} \u{1F3F4}\u{FE0F}{} {} 1\u{FE0F}\u{20E3} #\u{20E3} *\u{FE0F}\u{20E3}",
            flag("gbsct"),
            flag("gbeng"),
            flag("gbwls"),
            &flag("usca")[4..],
            flag("001abcd"),
        );
        assert!(matches!(for_terminal(&text, Lines::Keep), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_that_spell_no_flag_are_escaped() {
        let cases = [
            // A lone tag, tags after a letter, after another emoji, with no cancel tag.
            ("\u{E0067}".to_owned(), "\\u{e0067}".to_owned()),
            (
                format!("a{}", &flag("gbsct")[4..]),
                "a\\u{e0067}\\u{e0062}\\u{e0073}\\u{e0063}\\u{e0074}\\u{e007f}".to_owned(),
            ),
            (
                format!("\u{1F600}{}", &flag("gb")[4..]),
                "\u{1F600}\\u{e0067}\\u{e0062}\\u{e007f}".to_owned(),
            ),
            (
                flag("gbsct").trim_end_matches(CANCEL_TAG).to_owned(),
                "\u{1F3F4}\\u{e0067}\\u{e0062}\\u{e0073}\\u{e0063}\\u{e0074}".to_owned(),
            ),
            // A cancel tag alone, twice, or after an empty code.
            (flag(""), "\u{1F3F4}\\u{e007f}".to_owned()),
            (
                format!("{}{CANCEL_TAG}", flag("gbwls")),
                format!("{}\\u{{e007f}}", flag("gbwls")),
            ),
            // Codes no subdivision has: upper case, a space, too short, too long (hidden text).
            (
                flag("GBSCT"),
                "\u{1F3F4}\\u{e0047}\\u{e0042}\\u{e0053}\\u{e0043}\\u{e0054}\\u{e007f}".to_owned(),
            ),
            (
                flag("gb ct"),
                "\u{1F3F4}\\u{e0067}\\u{e0062}\\u{e0020}\\u{e0063}\\u{e0074}\\u{e007f}".to_owned(),
            ),
            (
                flag("gb"),
                "\u{1F3F4}\\u{e0067}\\u{e0062}\\u{e007f}".to_owned(),
            ),
            (
                flag("12ab"),
                "\u{1F3F4}\\u{e0031}\\u{e0032}\\u{e0061}\\u{e0062}\\u{e007f}".to_owned(),
            ),
        ];
        for (raw, shown) in cases {
            assert_eq!(for_terminal(&raw, Lines::Keep), shown, "{raw:?}");
        }
        let hidden = flag("gbsctzz");
        let shown = for_terminal(&hidden, Lines::Keep);
        assert!(!shown.contains(CANCEL_TAG), "{shown:?}");
        // However long the run, every tag of it is escaped.
        let long = flag(&"a".repeat(5000));
        let shown = for_terminal(&long, Lines::Keep);
        assert_eq!(shown.matches("\\u{e0061}").count(), 5000);
        assert!(shown.ends_with("\\u{e007f}"));
    }

    #[test]
    fn boundaries_fall_back_to_the_start_of_a_character() {
        assert_eq!(floor_char_boundary("é", 1), 0);
        assert_eq!(floor_char_boundary("aé", 2), 1);
        assert_eq!(floor_char_boundary("aé", 3), 3);
        assert_eq!(floor_char_boundary("aé", 99), 3);
        assert_eq!(floor_char_boundary("😀", 3), 0);
    }

    #[test]
    fn plain_text_newlines_and_emoji_pass() {
        let text = "Writing code 👩\u{200d}💻 in Zürich\n❤\u{fe0f}\u{200d}🔥\tשלום مرحبا";
        assert!(matches!(for_terminal(text, Lines::Keep), Cow::Borrowed(_)));
        assert_eq!(line("two\nlines\t"), "two\\nlines\\t");
    }

    proptest::proptest! {
        /// Whatever goes in, nothing a terminal acts on comes out, and the text is only ever
        /// lengthened by escapes (never truncated or reordered).
        #[test]
        fn nothing_unsafe_comes_out(text in proptest::string::string_regex("(?s).{0,64}").unwrap()) {
            let shown = for_terminal(&text, Lines::Keep);
            let chars: Vec<char> = shown.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                proptest::prop_assert!(is_safe(&chars, i, Lines::Keep), "{:?} in {:?}", c, shown);
            }
            let one = line(&text);
            proptest::prop_assert!(!one.contains(['\n', '\t']));
            if text.chars().all(is_inert) {
                proptest::prop_assert_eq!(shown.as_ref(), text.as_str());
            }
        }

        #[test]
        fn any_control_or_format_character_is_escaped(
            c in proptest::char::any().prop_filter("unsafe", |c| !is_inert(*c)),
            left in "[a-z]{0,3}",
        ) {
            let text = format!("{left}{c}");
            let shown = for_terminal(&text, Lines::Keep);
            proptest::prop_assert!(!shown.contains(c), "{:?}", shown);
            proptest::prop_assert!(shown.starts_with(&left) && shown.contains('\\'));
        }
    }

    use proptest::strategy::Strategy;
}
