package glossary

import (
	"cmp"
	"slices"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
)

// A term's lifecycle across the glossary. A deprecated term names its
// replacement, which must be a published term that is not deprecated
// itself (so that following a replacement never takes two steps); the
// deprecated term's names then lead to the replacement (claimNames). A
// topic that moved names its old slugs; each must be free, so that the
// redirect written there replaces nothing.

// Redirect is a page at an old slug that sends readers to a topic.
type Redirect struct {
	From string // the old slug
	To   *content.Topic
}

// Replacement returns the topic that replaces a deprecated term, or nil.
func (g *Glossary) Replacement(t *content.Topic) *content.Topic { return g.replacement[t] }

// Replaces returns the deprecated terms that t replaces, A–Z.
func (g *Glossary) Replaces(t *content.Topic) []*content.Topic { return g.replaces[t] }

// lifecycle resolves every deprecated term's replacement and every old
// slug. It runs before names are claimed, on topics in path order.
func (g *Glossary) lifecycle(d *diag.List) {
	g.replacement = map[*content.Topic]*content.Topic{}
	g.replaces = map[*content.Topic][]*content.Topic{}
	for _, t := range g.Topics {
		if t.Status != content.StatusDeprecated || t.ReplacedBy == "" {
			continue // a missing replaced_by is reported with the front matter
		}
		at := t.ReplacedByAt
		to := g.TopicBySlug(t.ReplacedBy)
		switch {
		case to == nil:
			if dr := g.draftNamed(t.ReplacedBy); dr != nil && dr.Slug == t.ReplacedBy {
				d.Add(t.Path, at.Line, at.Col, "replaced_by: %q is %s, which is a draft and is not published (build with -drafts to preview)", t.ReplacedBy, dr.Path)
			} else {
				d.Add(t.Path, at.Line, at.Col, "replaced_by: no topic has the slug %q%s", t.ReplacedBy, diag.DidYouMean(t.ReplacedBy, g.slugs()))
			}
		case to == t:
			d.Add(t.Path, at.Line, at.Col, "replaced_by: a term cannot be replaced by itself")
		case to.Status == content.StatusDeprecated && to.ReplacedBy == "":
			d.Add(t.Path, at.Line, at.Col, "replaced_by: %s is deprecated too: name the term that replaces it", to.Path)
		case to.Status == content.StatusDeprecated:
			d.Add(t.Path, at.Line, at.Col, "replaced_by: %s is deprecated too (replaced by %q): name %q", to.Path, to.ReplacedBy, to.ReplacedBy)
		default:
			g.replacement[t] = to
			g.replaces[to] = append(g.replaces[to], t)
		}
	}
	for _, list := range g.replaces {
		slices.SortFunc(list, g.byTitle)
	}

	type claim struct {
		t   *content.Topic
		ref content.Ref
	}
	claims := map[string]claim{}
	for _, t := range g.Topics {
		for _, r := range t.MovedFrom {
			switch live, prev := g.bySlug[r.Name], claims[r.Name]; {
			case live == t:
				d.Add(t.Path, r.Line, r.Col, "moved_from: %q is this topic's own slug", r.Name)
			case live != nil:
				d.Add(t.Path, r.Line, r.Col, "moved_from: %q is the slug of %s, which is published there: remove it here, or give that topic another slug", r.Name, live.Path)
			case prev.t == t:
				// Written twice in one list: one redirect.
			case prev.t != nil:
				d.Add(t.Path, r.Line, r.Col, "moved_from: %q is also claimed by %s: only one topic can have moved from it", r.Name, prev.t.Path)
				d.Add(prev.t.Path, prev.ref.Line, prev.ref.Col, "moved_from: %q is also claimed by %s: only one topic can have moved from it", r.Name, t.Path)
			default:
				claims[r.Name] = claim{t, r}
			}
		}
	}
	g.Redirects = make([]Redirect, 0, len(claims))
	for from, c := range claims {
		g.Redirects = append(g.Redirects, Redirect{From: from, To: c.t})
	}
	slices.SortFunc(g.Redirects, func(a, b Redirect) int { return cmp.Compare(a.From, b.From) })
}

// ReviewDue lists the published terms whose definition a subject expert
// last checked before cutoff (YYYY-MM-DD), or never: never-reviewed ones
// first, then the oldest reviews, each in path order. Deprecated terms
// are not listed: their replacement is what readers should use.
func (g *Glossary) ReviewDue(cutoff string) []*content.Topic {
	var out []*content.Topic
	for _, t := range g.Topics {
		if t.Status != content.StatusDeprecated && t.Reviewed < cutoff {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *content.Topic) int {
		return cmp.Or(cmp.Compare(a.Reviewed, b.Reviewed), cmp.Compare(a.Path, b.Path))
	})
	return out
}
