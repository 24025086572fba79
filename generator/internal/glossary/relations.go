package glossary

import (
	"cmp"
	"slices"
	"strings"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
)

// Typed relations. A topic names other topics by slug in three front
// matter keys: broader (the terms it is a kind of), compare (terms easily
// confused with it) and related. The glossary keeps each topic's own
// lists as written and derives what pages show:
//
//	Broader   its own broader list
//	Narrower  the topics listing it as broader, A–Z
//	Compare   its own compare list, then the topics listing it, A–Z
//	Related   the same for related
//
// A topic shows another in one group only, the first of broader,
// narrower, compare and related that holds it: a related entry that
// repeats a narrower term says nothing new. Broader terms may not form a
// cycle.

// relation is one of the front matter keys that name other topics.
type relation int

const (
	broaderRel relation = iota
	compareRel
	relatedRel
	numRelations
)

var relationInfo = [numRelations]struct{ key, self string }{
	{"broader", "a term cannot be a kind of itself"},
	{"compare", "a topic cannot be compared with itself"},
	{"related", "a topic cannot be related to itself"},
}

// refs are a topic's entries for relation r.
func refs(t *content.Topic, r relation) []content.Ref {
	switch r {
	case broaderRel:
		return t.Broader
	case compareRel:
		return t.Compare
	}
	return t.Related
}

// ownRelations are the topics a topic names, by relation, resolved.
type ownRelations [numRelations][]*content.Topic

func (o ownRelations) equal(p ownRelations) bool {
	for r := range numRelations {
		if !slices.Equal(o[r], p[r]) {
			return false
		}
	}
	return true
}

// resolveRelations resolves a topic's broader, compare and related
// entries, reporting each that names no topic, a draft, the topic itself,
// or a topic already named in another of the keys.
func (g *Glossary) resolveRelations(t *content.Topic, d *diag.List) {
	var own ownRelations
	// listed finds a topic among those already named, and under which
	// key: a topic names a handful at most.
	listed := func(to *content.Topic) (relation, bool) {
		for r := range numRelations {
			if slices.Contains(own[r], to) {
				return r, true
			}
		}
		return 0, false
	}
	for r := range numRelations {
		key := relationInfo[r].key
		for _, ref := range refs(t, r) {
			to := g.TopicBySlug(ref.Name)
			col := max(ref.Col, 1)
			switch prev, dup := listed(to); {
			case to == nil:
				if dr := g.draftNamed(ref.Name); dr != nil && dr.Slug == ref.Name {
					d.Add(t.Path, ref.Line, col, "%s: %q is %s, which is a draft and is not published (build with -drafts to preview)", key, ref.Name, dr.Path)
				} else {
					d.Add(t.Path, ref.Line, col, "%s: no topic has the slug %q%s", key, ref.Name, diag.DidYouMean(ref.Name, g.slugs()))
				}
			case to == t:
				d.Add(t.Path, ref.Line, col, "%s: %s", key, relationInfo[r].self)
			case dup && prev != r:
				d.Add(t.Path, ref.Line, col, "%s: %q is listed in %s already: keep it in one of the two", key, ref.Name, relationInfo[prev].key)
			case !dup:
				own[r] = append(own[r], to)
			}
		}
	}
	if own.equal(ownRelations{}) {
		delete(g.own, t)
	} else {
		g.own[t] = own
	}
}

// relate derives Broader, Narrower, Compare and Related from every
// topic's own lists and finds cycles of broader terms. It is cheap (one
// pass over the relations), so an edit of one list runs it whole.
func (g *Glossary) relate() {
	g.Broader = make(map[*content.Topic][]*content.Topic)
	g.Narrower = make(map[*content.Topic][]*content.Topic)
	g.Compare = make(map[*content.Topic][]*content.Topic)
	g.Related = make(map[*content.Topic][]*content.Topic)
	// The inverse entries, collected in A–Z order of the topics naming.
	inverse := make(map[*content.Topic]*ownRelations, len(g.own))
	for _, t := range g.Topics {
		own, ok := g.own[t]
		if !ok {
			continue
		}
		for r := range numRelations {
			for _, to := range own[r] {
				if inverse[to] == nil {
					inverse[to] = new(ownRelations)
				}
				inverse[to][r] = append(inverse[to][r], t)
			}
		}
	}
	// shown holds the topics a page shows so far: a few, so a slice
	// beats a set, and it is reused from topic to topic.
	var shown []*content.Topic
	group := func(m map[*content.Topic][]*content.Topic, t *content.Topic, lists ...[]*content.Topic) {
		start := len(shown)
		for _, list := range lists {
			for _, o := range list {
				if !slices.Contains(shown, o) {
					shown = append(shown, o)
				}
			}
		}
		if len(shown) > start {
			m[t] = slices.Clone(shown[start:])
		}
	}
	for _, t := range g.Topics {
		own, named := g.own[t]
		inv := inverse[t]
		if inv == nil {
			if !named {
				continue
			}
			inv = new(ownRelations)
		}
		shown = shown[:0]
		group(g.Broader, t, own[broaderRel])
		group(g.Narrower, t, inv[broaderRel])
		group(g.Compare, t, own[compareRel], inv[compareRel])
		group(g.Related, t, own[relatedRel], inv[relatedRel])
	}
	g.relationDiags = g.cycles()
}

// cycles reports every cycle of broader terms, in each file of it, at the
// entry that leads on to the next file.
func (g *Glossary) cycles() diag.List {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*content.Topic]int{}
	var d diag.List
	reported := map[string]bool{}
	var path []*content.Topic
	var visit func(t *content.Topic)
	visit = func(t *content.Topic) {
		state[t] = onPath
		path = append(path, t)
		for _, to := range g.own[t][broaderRel] {
			switch state[to] {
			case unseen:
				visit(to)
			case onPath:
				cycle := slices.Clone(path[slices.Index(path, to):])
				g.reportCycle(cycle, reported, &d)
			}
		}
		path = path[:len(path)-1]
		state[t] = done
	}
	for _, t := range g.Topics {
		if len(g.own[t][broaderRel]) > 0 && state[t] == unseen {
			visit(t)
		}
	}
	return d
}

// reportCycle reports a cycle of broader terms once, whichever topic of
// it the search started from.
func (g *Glossary) reportCycle(cycle []*content.Topic, reported map[string]bool, d *diag.List) {
	// Start from the first file by path, so the message reads the same
	// in every file.
	first := 0
	for i, t := range cycle {
		if cmp.Less(t.Path, cycle[first].Path) {
			first = i
		}
	}
	cycle = append(cycle[first:], cycle[:first]...)
	files := make([]string, 0, len(cycle)+1)
	for _, t := range cycle {
		files = append(files, t.Path)
	}
	files = append(files, cycle[0].Path)
	chain := strings.Join(files, " → ")
	if reported[chain] {
		return
	}
	reported[chain] = true
	for i, t := range cycle {
		next := cycle[(i+1)%len(cycle)]
		for _, ref := range t.Broader {
			if g.TopicBySlug(ref.Name) == next {
				d.Add(t.Path, ref.Line, max(ref.Col, 1), "broader: the broader terms form a cycle, %s: remove the entry that makes a term a kind of itself", chain)
				break
			}
		}
	}
}

// Ancestors are the chain of first-listed broader terms above t, the
// broadest first: what its breadcrumb shows between the glossary and t.
func (g *Glossary) Ancestors(t *content.Topic) []*content.Topic {
	var out []*content.Topic
	for p := firstOf(g.Broader[t]); p != nil && p != t && !slices.Contains(out, p); p = firstOf(g.Broader[p]) {
		out = append(out, p)
	}
	slices.Reverse(out)
	return out
}

func firstOf(ts []*content.Topic) *content.Topic {
	if len(ts) == 0 {
		return nil
	}
	return ts[0]
}
