package content

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SlugFor derives a slug from a title: ASCII letters and digits, words
// joined by hyphens, accents dropped ("Café Liability" → "cafe-liability")
// and letters without an accent to drop spelled as in ASCII ("Größe" →
// "grosse").
func SlugFor(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		ascii := asciiLetters[r]
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'' || r == '’':
			continue
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			ascii = string(r)
		case ascii == "":
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(ascii)
	}
	return b.String()
}

// asciiLetters spells the lowercase Latin letters that decomposition leaves
// as they are (they are letters of their own, not a letter and an accent),
// the way URLs and the common transliteration tables write them; otherwise
// such a letter would split its word ("Größe" → "gro-e").
var asciiLetters = map[rune]string{
	'ß': "ss", // German; capital ẞ lowercases to it
	'æ': "ae",
	'œ': "oe",
	'ø': "o",
	'þ': "th",
	'ð': "d",
	'đ': "d",
	'ħ': "h",
	'ı': "i", // Turkish dotless i
	'ĳ': "ij",
	'ĸ': "k",
	'ŀ': "l",
	'ł': "l",
	'ŉ': "n",
	'ŋ': "ng",
	'ŧ': "t",
	'ſ': "s",
}

// Scaffold is the text of a new topic: front matter and every section,
// each with a line saying what belongs there.
func Scaffold(title, updated string) []byte {
	return fmt.Appendf(nil, `---
title: %q
summary: One sentence that defines the term, used in lists, search and previews.
category: %s
aliases: []
tags: []
related: []
# broader: [cyber-insurance]         # slugs of the terms this one is a kind of
# compare: [occurrence-policy]       # slugs of terms easily confused with it
# sources:                           # the law, standard or wording that defines it
#   - title: Regulation (EU) 2016/679 (General Data Protection Regulation)
#     url: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#     publisher: European Parliament and Council of the European Union
#     date: 2016-04-27               # or YYYY-MM, or YYYY
#     locator: Art. 4(12)
#     kind: regulation               # law, regulation, standard, case, market-wording, book, article, web
updated: %s
# status: proposed      # proposed, approved (the default), or deprecated with replaced_by: <slug>
# reviewed: YYYY-MM-DD  # the day a subject expert last checked the definition
---

## Definition

What the term means, in two or three short paragraphs. Link other topics by
file, as in `+"`[deductible](deductible.md)`"+`, or by name, as in `+"`[[Deductible]]`"+`.

## Structural Characteristics

How it is built, as labelled points:

- **First element:** what it is and who controls it.

## Parameters & Conditions

What it depends on and when it applies:

- A condition that changes how it works.

## Topic Relationships

How it relates to other topics; the site adds related topics, links and
backlinks here on its own.

## Exceptions, Limitations & Boundaries

Where it stops applying:

- A case it does not cover.

## FAQ

### A question a reader would ask?

Its answer in one to three sentences.
`, title, DefaultCategory, updated)
}
