package render

import (
	"encoding/json"
	"fmt"
	"slices"
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
//	search/docs-<k>.json      topics k*DocChunk.. : [title, path, summary, aliases]
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

// searchFiles builds the index files of g, by output path.
func searchFiles(g *glossary.Glossary) map[string][]byte {
	shards := map[string]map[string][]int{}
	for id, t := range g.Topics {
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
		add(t.Title, weightTitle)
		for word, w := range weights {
			key := shardKey(word)
			if shards[key] == nil {
				shards[key] = map[string][]int{}
			}
			shards[key][word] = append(shards[key][word], id, w)
		}
	}
	files := make(map[string][]byte, len(shards)+len(g.Topics)/DocChunk+2)
	keys := make([]string, 0, len(shards))
	for key, terms := range shards {
		keys = append(keys, key)
		files["search/terms/"+key+".json"] = mustJSON(terms)
	}
	slices.Sort(keys)
	for k := 0; k*DocChunk < len(g.Topics); k++ {
		chunk := g.Topics[k*DocChunk : min((k+1)*DocChunk, len(g.Topics))]
		docs := make([][4]any, len(chunk))
		for i, t := range chunk {
			aliases := t.Aliases
			if aliases == nil {
				aliases = []string{}
			}
			docs[i] = [4]any{t.Title, content.TopicPath(t.Slug), t.Summary, aliases}
		}
		files[fmt.Sprintf("search/docs-%d.json", k)] = mustJSON(docs)
	}
	files["search/meta.json"] = mustJSON(map[string]any{"docs": len(g.Topics), "chunk": DocChunk, "shards": keys})
	return files
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
