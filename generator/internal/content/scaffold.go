package content

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SlugFor derives a slug from a title: ASCII letters and digits, words
// joined by hyphens, accents dropped ("Café Liability" → "cafe-liability").
func SlugFor(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'' || r == '’':
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
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
updated: %s
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
