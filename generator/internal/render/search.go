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
	"glossary/generator/internal/i18n"
)

// The search index is split so a reader downloads little before the first
// results, however large the glossary. The script ranks from the shards,
// then fetches the data of the top results only:
//
//	search/meta.json           {"docs", "chunk", "shards": [keys], "deprecated": [doc ids],
//	                            "languages": {code: name}, on a site in several}
//	search/terms/<xx>.json     the words starting with xx:
//	                           {"n": {word: names postings},
//	                            "b": {word: body postings, or [-k] when in file k of its own}}
//	search/terms/<xx>.<k>.json {word: body postings}: a common word's postings
//	search/docs-<k>.json       topics k*DocChunk.. : [title, slug, summary, [other names], law, kicker,
//	                            [language of each other name]]
//
// Both kinds of postings are flat lists ordered by doc, the doc as the
// difference from the one before (small numbers compress well):
//
//   - names postings: [doc, code, ...], one entry per name of the topic
//     holding the word, code = name*512 + other*256 + words*16 + position,
//     where name 0 is the title, 1.. the aliases, the names of the
//     deprecated terms it replaces, then the titles and aliases of its
//     versions in the site's other languages (the order of the docs
//     entry's other names, whose language the entry's last list gives
//     where the topic has names in another: "" for the index's own),
//     other is 1 for a name in another language (the script ranks it
//     below a name of the page's that matches as well), words the
//     indexable words of that name and position the word's place among
//     them (both at most 15). An entry with words 0 is the whole
//     name run together ("E&O" as "eo", "Hold-Harmless Agreement" as
//     "holdharmlessagreement"), kept for names whose words are joined by
//     punctuation, so a reader may type them in any spacing.
//   - body postings: [doc*4 + weight, ...] with weight 2 for the summary
//     and 1 for the definition.
//
// A word whose body postings are longer than inlineBody entries goes to a
// file of its own, fetched only when the names cannot fill the results:
// in a large glossary a common word is in the text of thousands of topics.
// The script stems, completes prefixes and tolerates typos by comparing
// the query's words with a shard's words, so the index needs few language
// rules of its own: it holds the words folded (i18n.Fold: "réclamation"
// as "reclamation", "Œuvre" as "oeuvre"), as the script folds a query,
// and leaves out the language's stop words, as the script does. Pages
// show names and summaries as written, from the docs files.
//
// Each language has an index of its own, of its own topics, under its
// folder (fr/search/...): a reader searches the language of the page.
// Names cross languages: a topic's versions in the other languages lend
// it their titles and aliases, so "franchise" on the English site finds
// Deductible, marked as a French name.

// DocChunk is how many topics one docs file holds: small, since the
// script fetches the chunk of each result it shows.
const DocChunk = 16

// inlineBody is the longest body postings list kept in its shard.
const inlineBody = 64

const (
	weightSummary    = 2
	weightDefinition = 1
	// nameCap is the largest word count and position a code holds.
	nameCap = 15
)

// stopWords are, by primary language subtag, the words too common to
// index, folded: site.js leaves the same ones out of a query (its
// STOP_WORDS). A language without a list of its own uses English's.
// French leaves out its elided words too ("qu'il", "jusqu'à"): the
// one-letter ones (l', d') are too short to index anyway.
var stopWords = map[string]map[string]bool{
	"en": set(`a an and are as at be by for from has have in is it its may not of on or that the their this to was which with`),
	"fr": set(`au aux avec ce ces dans de des du elle en est et il ils la le les leur leurs ne ou par pour que qui sa se ses son sont sur un une`,
		i18n.Elisions("fr")...),
}

func set(list string, more ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range append(strings.Fields(list), more...) {
		m[w] = true
	}
	return m
}

// stopWordsOf returns the stop words of a language tag.
func stopWordsOf(lang string) map[string]bool {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if m := stopWords[primary]; m != nil {
		return m
	}
	return stopWords["en"]
}

// SearchIndex builds the search files and keeps them between builds: when
// the topics are the same, in the same order, and only some changed (the
// dev server's case), it updates the postings of those topics and encodes
// again only the shards they touch. The result is the same as a fresh
// index. The zero value is ready to use; it is not safe for concurrent
// use.
type SearchIndex struct {
	// Keep holds on to the postings between builds; without it each
	// build starts afresh and the memory goes when the build ends.
	Keep bool

	// language identifies the settings the files depend on besides the
	// topics: the language, whose stop words the index leaves out, and
	// the names of the site's languages, which meta.json gives.
	language string
	docs     []docKey
	entries  [][]searchEntry // by doc, sorted
	shards   map[string]*shard
	files    map[string]dataFile
}

// searchEntry is one word of a topic: in a name (code is the names
// code) or in the body (code is the weight).
type searchEntry struct {
	word string
	body bool
	code int
}

// shard holds the postings of the words starting with one key, by word,
// and the names of the files they were last encoded into.
type shard struct {
	names, body map[string][]int // word → [doc, code, ...] in doc order
	files       []string
}

type docKey struct {
	slug string
	hash uint64 // of the topic's file
	// inherited identifies the names it holds from other files: those
	// of the deprecated terms it replaces, which lead to it, and of its
	// versions in other languages.
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
	others := slices.DeleteFunc(append(slices.Clone(g.Replaces(t)), otherVersions(g, t)...), func(o *content.Topic) bool { return o == nil })
	if len(others) > 0 {
		h := newHasher()
		for _, o := range others {
			h.num(o.Hash)
		}
		k.inherited = uint64(h)
	}
	return k
}

// otherVersions are t's versions in the other languages, in the order
// of g.Languages, nil in its own and where there is none.
func otherVersions(g *glossary.Glossary, t *content.Topic) []*content.Topic {
	if len(g.Languages) < 2 {
		return nil
	}
	out := g.Translations(t)
	for i, v := range out {
		if v == t {
			out[i] = nil
		}
	}
	return out
}

// update brings the index up to date with g and returns its files.
func (x *SearchIndex) update(g *glossary.Glossary) map[string]dataFile {
	docs := make([]docKey, len(g.Topics))
	for i, t := range g.Topics {
		docs[i] = searchKey(g, t)
	}
	language := g.Settings.Language
	for _, l := range g.Settings.Languages {
		language += "\x00" + l.Code + "\x00" + l.Name
	}
	same := x.files != nil && len(docs) == len(x.docs) && language == x.language
	x.language = language
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
		// Only the entries that changed touch their shards: an edit
		// usually changes a few words of a topic, not all of them.
		old, cur := x.entries[id], topicEntries(g, t)
		for _, e := range old {
			if !slices.Contains(cur, e) {
				key := shardKey(e.word)
				x.shards[key].remove(e, id)
				dirty[key] = true
			}
		}
		for _, e := range cur {
			if !slices.Contains(old, e) {
				key := shardKey(e.word)
				x.shard(key).insert(e, id)
				dirty[key] = true
			}
		}
		x.entries[id] = cur
		chunks[id/DocChunk] = true
	}
	x.docs = docs
	for key := range dirty {
		x.encodeShard(key)
	}
	for k := range chunks {
		x.encodeChunk(g, k)
	}
	if len(chunks) > 0 {
		x.encodeMeta(g)
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
	x.docs, x.entries = docs, make([][]searchEntry, len(docs))
	x.shards, x.files = map[string]*shard{}, map[string]dataFile{}
	for id, t := range g.Topics {
		x.entries[id] = topicEntries(g, t)
		for _, e := range x.entries[id] {
			// Docs come in order: appending keeps the postings sorted.
			s := x.shard(shardKey(e.word))
			if e.body {
				s.body[e.word] = append(s.body[e.word], id, e.code)
			} else {
				s.names[e.word] = append(s.names[e.word], id, e.code)
			}
		}
	}
	for key := range x.shards {
		x.encodeShard(key)
	}
	for k := 0; k*DocChunk < len(g.Topics); k++ {
		x.encodeChunk(g, k)
	}
	x.encodeMeta(g)
}

func (x *SearchIndex) shard(key string) *shard {
	s := x.shards[key]
	if s == nil {
		s = &shard{names: map[string][]int{}, body: map[string][]int{}}
		x.shards[key] = s
	}
	return s
}

func (s *shard) postings(e searchEntry) map[string][]int {
	if e.body {
		return s.body
	}
	return s.names
}

func (s *shard) remove(e searchEntry, id int) {
	m := s.postings(e)
	p := m[e.word]
	for i := 0; i < len(p); i += 2 {
		if p[i] == id && p[i+1] == e.code {
			p = append(p[:i:i], p[i+2:]...)
			break
		}
	}
	if len(p) == 0 {
		delete(m, e.word)
	} else {
		m[e.word] = p
	}
}

// insert keeps the postings in order of doc, then code, as a fresh build
// writes them (a topic's entries are sorted).
func (s *shard) insert(e searchEntry, id int) {
	m := s.postings(e)
	p := m[e.word]
	i := 0
	for i < len(p) && (p[i] < id || p[i] == id && p[i+1] < e.code) {
		i += 2
	}
	out := make([]int, 0, len(p)+2)
	out = append(out, p[:i]...)
	out = append(out, id, e.code)
	m[e.word] = append(out, p[i:]...)
}

// names lists a topic's names in the order the codes number them: the
// title, the aliases, the names of the deprecated terms it replaces,
// which lead to it, then the names of its versions in the other
// languages. langs, when the topic has names in another language, gives
// each name's: "" for g's own. A name of another language that folds to
// one already listed is left out: "Exclusion" is the same word in
// English and French.
func names(g *glossary.Glossary, t *content.Topic) (out, langs []string) {
	out = append([]string{t.Title}, t.Aliases...)
	for _, old := range g.Replaces(t) {
		out = append(out, old.Title)
		out = append(out, old.Aliases...)
	}
	own := len(out)
	seen := map[string]bool{}
	for _, n := range out {
		seen[i18n.Fold(n)] = true
	}
	for i, v := range otherVersions(g, t) {
		if v == nil {
			continue
		}
		for _, n := range append([]string{v.Title}, v.Aliases...) {
			if f := i18n.Fold(n); !seen[f] {
				seen[f] = true
				out = append(out, n)
				langs = append(langs, g.Languages[i].Code)
			}
		}
	}
	if len(langs) > 0 {
		langs = append(make([]string, own), langs...)
	}
	return out, langs
}

// topicEntries lists what the index holds of a topic, sorted. A body word
// keeps its best weight; a name word has one entry per name.
func topicEntries(g *glossary.Glossary, t *content.Topic) []searchEntry {
	var out []searchEntry
	stop := stopWordsOf(g.Settings.Language)
	all, langs := names(g, t)
	for n, name := range all {
		code := n * 512
		if langs != nil && langs[n] != "" {
			code += 256
		}
		ws := words(name, stop)
		count := min(len(ws), nameCap)
		for pos, w := range ws {
			out = append(out, searchEntry{word: w, code: code + count*16 + min(pos, nameCap)})
		}
		if c := compact(name); c != "" && !slices.Contains(ws, c) && strings.ContainsFunc(name, joiner) {
			out = append(out, searchEntry{word: c, code: code})
		}
	}
	body := map[string]int{}
	for _, f := range []struct {
		text   string
		weight int
	}{{t.Definition, weightDefinition}, {t.Summary, weightSummary}} {
		for _, w := range words(f.text, stop) {
			body[w] = max(body[w], f.weight)
		}
	}
	for w, weight := range body {
		out = append(out, searchEntry{word: strings.Clone(w), body: true, code: weight})
	}
	slices.SortFunc(out, func(a, b searchEntry) int {
		if c := strings.Compare(a.word, b.word); c != 0 {
			return c
		}
		if a.body != b.body {
			if a.body {
				return 1
			}
			return -1
		}
		return a.code - b.code
	})
	return slices.Compact(out)
}

// joiner reports punctuation that joins the words of a name ("E&O",
// "Claims-Made"): readers type such names with or without it.
func joiner(r rune) bool {
	return r != ' ' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r)
}

// compact is a name run together: its letters and digits, folded.
func compact(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, i18n.Fold(name))
}

func (x *SearchIndex) setData(name string, data []byte) {
	h := newHasher()
	h.bytes(data)
	x.files[name] = dataFile{data, uint64(h)}
}

// encodeShard writes a shard's files anew: its file, and one for each
// word whose body postings are too long to inline.
func (x *SearchIndex) encodeShard(key string) {
	s := x.shards[key]
	for _, f := range s.files {
		delete(x.files, f)
	}
	s.files = s.files[:0]
	if len(s.names) == 0 && len(s.body) == 0 {
		delete(x.shards, key)
		return
	}
	base := "search/terms/" + key
	b := []byte(`{"n":`)
	b = appendPostings(b, s.names, false, nil)
	b = append(b, `,"b":`...)
	k := 0
	b = appendPostings(b, s.body, true, func(word string, p []int) []int {
		if len(p) <= 2*inlineBody {
			return nil
		}
		k++
		name := fmt.Sprintf("%s.%d.json", base, k)
		x.setData(name, appendPostings(nil, map[string][]int{word: p}, true, nil))
		s.files = append(s.files, name)
		return []int{-k}
	})
	b = append(b, '}')
	x.setData(base+".json", b)
	s.files = append(s.files, base+".json")
}

// appendPostings writes {word: postings, ...} in word order, without
// reflection: shards are encoded again on every edit under the dev
// server. Names postings are [Δdoc, code, ...], body postings
// [Δdoc*4+weight, ...]. elsewhere, when not nil, may put a word's
// postings elsewhere and return what to write in their place.
func appendPostings(b []byte, terms map[string][]int, body bool, elsewhere func(string, []int) []int) []byte {
	words := make([]string, 0, len(terms))
	for w := range terms {
		words = append(words, w)
	}
	slices.Sort(words)
	b = append(b, '{')
	for i, w := range words {
		if i > 0 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(w)
		b = append(b, key...)
		b = append(b, ':', '[')
		p := terms[w]
		if elsewhere != nil {
			if ref := elsewhere(w, p); ref != nil {
				b = strconv.AppendInt(b, int64(ref[0]), 10)
				b = append(b, ']')
				continue
			}
		}
		b = appendList(b, p, body)
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendList(b []byte, p []int, body bool) []byte {
	prev := 0
	for j := 0; j < len(p); j += 2 {
		if j > 0 {
			b = append(b, ',')
		}
		d := p[j] - prev
		prev = p[j]
		if body {
			b = strconv.AppendInt(b, int64(d*4+p[j+1]), 10)
			continue
		}
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p[j+1]), 10)
	}
	return b
}

func (x *SearchIndex) encodeChunk(g *glossary.Glossary, k int) {
	chunk := g.Topics[k*DocChunk : min((k+1)*DocChunk, len(g.Topics))]
	docs := make([][]any, len(chunk))
	for i, t := range chunk {
		all, langs := names(g, t)
		docs[i] = []any{t.Title, t.Slug, t.Summary, all[1:], t.Law(), t.Category}
		if langs != nil {
			docs[i] = append(docs[i], langs[1:])
		}
	}
	x.setData(fmt.Sprintf("search/docs-%d.json", k), mustJSON(docs))
}

func (x *SearchIndex) encodeMeta(g *glossary.Glossary) {
	keys := make([]string, 0, len(x.shards))
	for key := range x.shards {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	deprecated := []int{}
	for id, t := range g.Topics {
		if t.Status == content.StatusDeprecated {
			deprecated = append(deprecated, id)
		}
	}
	meta := map[string]any{"docs": len(g.Topics), "chunk": DocChunk, "shards": keys, "deprecated": deprecated}
	if len(g.Languages) > 1 {
		// What the script calls the language of a name from another.
		langs := map[string]string{}
		for _, l := range g.Settings.Languages {
			langs[l.Code] = l.Name
		}
		meta["languages"] = langs
	}
	x.setData("search/meta.json", mustJSON(meta))
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps, slices and strings: cannot fail
	}
	return append(b, '\n')
}

// words are the indexable words of text, folded: those of two letters
// or more but stop words. site.js splits a query the same way.
func words(text string, stop map[string]bool) []string {
	var out []string
	for _, f := range strings.FieldsFunc(i18n.Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if utf8.RuneCountInString(f) >= 2 && !stop[f] {
			out = append(out, f)
		}
	}
	return out
}

// shardKey names the shard of a word: its first two characters, spelled
// out in hex when they are not plain ASCII letters or digits. site.js
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
