package render

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

// The search index is split so a reader downloads little before the first
// result, however large the glossary:
//
//	search/meta.json          sizes, and the term shards that exist
//	search/terms/<xx>.json    every indexed word starting with xx: its
//	                          topics as [doc, weight, doc, weight, ...]
//	search/docs-<k>.json      topics k*DocChunk.. : [title, path, summary, aliases, law, status]
//
// where law names the law or regulation that defines the term, or is "",
// and status is the term's lifecycle status unless it is approved: the
// script ranks deprecated terms below every live one.
//
// A query fetches meta, the shard of each word's first two letters, then
// the chunks holding its best results. Weights favour titles over aliases
// over summaries over definitions; the script ranks title and alias prefix
// matches first.

// DocChunk is how many topics one docs file holds.
const DocChunk = 500

const (
	weightTitle      = 8
	weightAlias      = 6
	weightSummary    = 2
	weightDefinition = 1
)

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be by for from has have in is it its
		may not of on or that the their this to was which with`) {
		stopWords[w] = true
	}
}

// SearchIndex builds the search files and keeps them between builds: when
// the topics are the same, in the same order, and only some changed (the
// dev server's case), it updates the postings of those topics and encodes
// again only the files they touch. The result is the same as a fresh
// index. The zero value is ready to use; it is not safe for concurrent
// use.
type SearchIndex struct {
	// Keep holds on to the postings between builds; without it each
	// build starts afresh and the memory goes when the build ends.
	Keep bool

	docs    []docKey
	weights [][]wordWeight              // by doc, sorted by word
	terms   map[string]map[string][]int // by shard: word → [doc, weight, ...]
	files   map[string]dataFile
}

type wordWeight struct {
	word   string
	weight int
}

type docKey struct {
	slug string
	hash uint64 // of the topic's file
	// inherited identifies the names of the deprecated terms it
	// replaces, which lead to it.
	inherited uint64
}

type dataFile struct {
	data []byte
	hash uint64
}

// searchKey identifies a topic's entry: everything the index holds of it
// comes from its file, but for the names it inherits.
func searchKey(g *glossary.Glossary, t *content.Topic) docKey {
	k := docKey{slug: t.Slug, hash: t.Hash}
	if old := g.Replaces(t); len(old) > 0 {
		h := newHasher()
		for _, o := range old {
			h.num(o.Hash)
		}
		k.inherited = uint64(h)
	}
	return k
}

// update brings the index up to date with g and returns its files.
func (x *SearchIndex) update(g *glossary.Glossary) map[string]dataFile {
	docs := make([]docKey, len(g.Topics))
	for i, t := range g.Topics {
		docs[i] = searchKey(g, t)
	}
	same := x.files != nil && len(docs) == len(x.docs)
	for i := 0; same && i < len(docs); i++ {
		same = docs[i].slug == x.docs[i].slug
	}
	if !same {
		x.rebuild(g, docs)
		return x.forget()
	}
	dirty := map[string]bool{}
	chunks := map[int]bool{}
	for id, t := range g.Topics {
		if docs[id] == x.docs[id] {
			continue
		}
		// Only the words whose weight changed touch their shards: an
		// edit usually changes a few words of a topic, not all of them.
		old, cur := x.weights[id], docWeights(g, t)
		for _, ww := range old {
			if !slices.Contains(cur, ww) {
				key := shardKey(ww.word)
				x.terms[key][ww.word] = removeDoc(x.terms[key][ww.word], id)
				if len(x.terms[key][ww.word]) == 0 {
					delete(x.terms[key], ww.word)
				}
				dirty[key] = true
			}
		}
		x.weights[id] = cur
		for _, ww := range cur {
			if !slices.Contains(old, ww) {
				key := shardKey(ww.word)
				if x.terms[key] == nil {
					x.terms[key] = map[string][]int{}
				}
				x.terms[key][ww.word] = insertDoc(x.terms[key][ww.word], id, ww.weight)
				dirty[key] = true
			}
		}
		chunks[id/DocChunk] = true
	}
	x.docs = docs
	for key := range dirty {
		x.encodeShard(key)
	}
	for k := range chunks {
		x.encodeChunk(g, k)
	}
	if len(dirty) > 0 {
		x.encodeMeta(len(g.Topics))
	}
	return x.forget()
}

// forget drops everything but this build's files unless Keep is set.
func (x *SearchIndex) forget() map[string]dataFile {
	files := x.files
	if !x.Keep {
		*x = SearchIndex{}
	}
	return files
}

func (x *SearchIndex) rebuild(g *glossary.Glossary, docs []docKey) {
	x.docs, x.weights = docs, make([][]wordWeight, len(docs))
	x.terms, x.files = map[string]map[string][]int{}, map[string]dataFile{}
	for id, t := range g.Topics {
		x.weights[id] = docWeights(g, t)
		for _, ww := range x.weights[id] {
			key := shardKey(ww.word)
			if x.terms[key] == nil {
				x.terms[key] = map[string][]int{}
			}
			x.terms[key][ww.word] = append(x.terms[key][ww.word], id, ww.weight)
		}
	}
	for key := range x.terms {
		x.encodeShard(key)
	}
	for k := 0; k*DocChunk < len(g.Topics); k++ {
		x.encodeChunk(g, k)
	}
	x.encodeMeta(len(g.Topics))
}

// docWeights is the best weight of each word of a topic, as a list
// sorted by word: compact, since the index keeps one per topic. The names
// of deprecated terms it replaces count as its aliases: a reader who
// searches for the old name finds the new term too.
func docWeights(g *glossary.Glossary, t *content.Topic) []wordWeight {
	weights := map[string]int{}
	add := func(text string, w int) {
		for _, word := range words(text) {
			if weights[word] < w {
				weights[word] = w
			}
		}
	}
	add(t.Definition, weightDefinition)
	add(t.Summary, weightSummary)
	for _, a := range t.Aliases {
		add(a, weightAlias)
	}
	for _, old := range g.Replaces(t) {
		for _, name := range append([]string{old.Title}, old.Aliases...) {
			add(name, weightAlias)
		}
	}
	add(t.Title, weightTitle)
	out := make([]wordWeight, 0, len(weights))
	for word, w := range weights {
		out = append(out, wordWeight{strings.Clone(word), w})
	}
	slices.SortFunc(out, func(a, b wordWeight) int { return strings.Compare(a.word, b.word) })
	return out
}

// removeDoc and insertDoc edit a posting list, kept in doc order.
func removeDoc(postings []int, id int) []int {
	for i := 0; i < len(postings); i += 2 {
		if postings[i] == id {
			return append(postings[:i:i], postings[i+2:]...)
		}
	}
	return postings
}

func insertDoc(postings []int, id, w int) []int {
	i := 0
	for i < len(postings) && postings[i] < id {
		i += 2
	}
	out := make([]int, 0, len(postings)+2)
	out = append(out, postings[:i]...)
	out = append(out, id, w)
	return append(out, postings[i:]...)
}

func (x *SearchIndex) set(name string, v any) { x.setData(name, mustJSON(v)) }

func (x *SearchIndex) setData(name string, data []byte) {
	h := newHasher()
	h.bytes(data)
	x.files[name] = dataFile{data, uint64(h)}
}

func (x *SearchIndex) encodeShard(key string) {
	name := "search/terms/" + key + ".json"
	if len(x.terms[key]) == 0 {
		delete(x.terms, key)
		delete(x.files, name)
		return
	}
	x.setData(name, encodePostings(x.terms[key]))
}

// encodePostings writes what json.Marshal would for a shard, without
// reflection: shards are re-encoded on every edit under the dev server.
func encodePostings(terms map[string][]int) []byte {
	words := make([]string, 0, len(terms))
	for w := range terms {
		words = append(words, w)
	}
	slices.Sort(words)
	b := []byte{'{'}
	for i, w := range words {
		if i > 0 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(w)
		b = append(b, key...)
		b = append(b, ':', '[')
		for j, n := range terms[w] {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(n), 10)
		}
		b = append(b, ']')
	}
	return append(b, '}', '\n')
}

func (x *SearchIndex) encodeChunk(g *glossary.Glossary, k int) {
	chunk := g.Topics[k*DocChunk : min((k+1)*DocChunk, len(g.Topics))]
	docs := make([][6]any, len(chunk))
	for i, t := range chunk {
		aliases := t.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		status := t.Status
		if status == content.StatusApproved {
			status = ""
		}
		docs[i] = [6]any{t.Title, content.TopicPath(t.Slug), t.Summary, aliases, t.Law(), status}
	}
	x.set(fmt.Sprintf("search/docs-%d.json", k), docs)
}

func (x *SearchIndex) encodeMeta(docs int) {
	keys := make([]string, 0, len(x.terms))
	for key := range x.terms {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	x.set("search/meta.json", map[string]any{"docs": docs, "chunk": DocChunk, "shards": keys})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps, slices and strings: cannot fail
	}
	return append(b, '\n')
}

// words are the lowercase indexable words of text.
func words(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if utf8.RuneCountInString(f) >= 2 && !stopWords[f] {
			out = append(out, f)
		}
	}
	return out
}

// shardKey names the shard of a word: its first two characters, spelled
// out in hex when they are not plain ASCII letters or digits. search.js
// computes the same key.
func shardKey(word string) string {
	r := []rune(word)
	key := string(r[:min(2, len(r))])
	for _, c := range key {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return fmt.Sprintf("x%x", key)
		}
	}
	return key
}
