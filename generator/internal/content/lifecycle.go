package content

import (
	"slices"
	"strings"

	"glossary/generator/internal/diag"
)

// A term's lifecycle: a proposed term is published with a badge saying so;
// an approved one is the norm; a deprecated one stays published at its
// URL, with a banner pointing at the term that replaces it, and its names
// lead to that term (auto-links, wiki links, search).
const (
	StatusProposed   = "proposed"
	StatusApproved   = "approved"
	StatusDeprecated = "deprecated"
)

// Statuses are the values of the status key.
var Statuses = []string{StatusProposed, StatusApproved, StatusDeprecated}

// Pos is a 1-based line and column in a file.
type Pos struct{ Line, Col int }

// lifecycle reads the keys of a term's lifecycle and of its forms: status,
// replaced_by, reviewed, moved_from and forms. Whether replaced_by and
// moved_from name topics that exist is the glossary's to check.
func (f *fields) lifecycle(t *Topic) {
	t.Status = StatusApproved
	if s := f.str("status"); s != "" {
		if slices.Contains(Statuses, s) {
			t.Status = s
		} else {
			f.errorAt("status", "status %q is not one of %s%s", s, strings.Join(Statuses, ", "), diag.DidYouMean(strings.ToLower(s), Statuses))
		}
	}
	if t.ReplacedBy = f.str("replaced_by"); t.ReplacedBy != "" {
		w := f.value("replaced_by")
		t.ReplacedByAt = Pos{w.line, w.col}
		if !ValidSlug(t.ReplacedBy) {
			f.errorAt("replaced_by", "replaced_by %q is not a slug: name the replacing topic by its slug (the name of its page, topics/<slug>/)%s", t.ReplacedBy, suggestSlug(t.ReplacedBy))
			t.ReplacedBy = ""
		}
	}
	_, hasReplacement := f.fm.values["replaced_by"]
	switch {
	case t.Status == StatusDeprecated && !hasReplacement:
		f.errorAt("status", "a deprecated term needs replaced_by: the slug of the topic readers should use instead")
	case t.Status != StatusDeprecated && t.ReplacedBy != "":
		f.errorAt("replaced_by", "replaced_by is for deprecated terms: add status: deprecated, or remove replaced_by")
	}
	t.Reviewed = f.date("reviewed")
	for _, r := range f.refs("moved_from") {
		if !ValidSlug(r.Name) {
			f.errorf(place{r.Line, r.Col}, "moved_from: %q is not a slug (lowercase letters, digits and single hyphens, as in the old address topics/<slug>/)", r.Name)
			continue
		}
		t.MovedFrom = append(t.MovedFrom, r)
	}
	t.Forms = f.list("forms")
}

// suggestSlug proposes the slug an editor who wrote a title may mean.
func suggestSlug(s string) string {
	if slug := SlugFor(s); slug != "" {
		return " (did you mean \"" + slug + "\"?)"
	}
	return ""
}
