// Package corpus writes synthetic glossaries for benchmarks: n topics in
// the content model, about 600 words each, with relative links, related
// topics and a FAQ, like the corpus of the shared bench kit, but made in Go
// so that benchmarks need nothing else.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var words = strings.Fields(`coverage insurer policyholder premium deductible exclusion endorsement
liability indemnity underwriting claim risk provider customer contract infrastructure platform
application data access control compliance obligation regulator breach incident configuration
availability retention limit sublimit aggregate occurrence trigger retroactive reinsurance broker
carrier schedule declaration territory valuation subrogation waiver warranty condition notice`)

var categories = []string{"Cyber & Technology", "Property", "Casualty", "Claims", "Underwriting",
	"Regulation", "Reinsurance", "Marine", "Life & Health", "Risk Management"}

// Slug is the slug of topic i.
func Slug(i int) string {
	return fmt.Sprintf("%s-%s-%d", words[i%len(words)], words[(i/7)%len(words)], i)
}

// Title is the title of topic i.
func Title(i int) string {
	s := strings.ReplaceAll(Slug(i), "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

// Topic is the text of topic i of n.
func Topic(i, n int) string {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	link := func() string {
		j := r.IntN(n)
		return fmt.Sprintf("[%s](%s.md)", strings.ToLower(Title(j)), Slug(j))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nsummary: %s\ncategory: %s\ntags: [%s, %s]\nrelated: [%s, %s, %s]\nupdated: 2026-%02d-%02d\n---\n\n",
		Title(i), sentence(r, 14), categories[i%len(categories)], words[r.IntN(9)], words[9+r.IntN(9)],
		Slug((i+1)%n), Slug((i+2)%n), Slug((i+3)%n), 1+i%12, 1+i%28)
	b.WriteString("## Definition\n\n")
	for p := 0; p < 2; p++ {
		for s := 0; s < 4; s++ {
			b.WriteString(sentence(r, 9+r.IntN(12)) + " ")
		}
		b.WriteString("See " + link() + ".\n\n")
	}
	b.WriteString("## Structural Characteristics\n\n")
	for k := 0; k < 5; k++ {
		fmt.Fprintf(&b, "- **%s:** %s %s\n", words[r.IntN(len(words))], sentence(r, 14), link())
	}
	b.WriteString("\n## Parameters & Conditions\n\n")
	for k := 0; k < 5; k++ {
		b.WriteString("- " + sentence(r, 16) + "\n")
	}
	b.WriteString("\n## Exceptions, Limitations & Boundaries\n\n" + sentence(r, 12) + "\n\n")
	for k := 0; k < 4; k++ {
		b.WriteString("- " + sentence(r, 14) + "\n")
	}
	b.WriteString("\n## FAQ\n\n")
	for k := 0; k < 3; k++ {
		fmt.Fprintf(&b, "### What is the %s %s?\n\n%s %s Compare %s.\n\n", words[r.IntN(len(words))],
			words[r.IntN(len(words))], sentence(r, 15), sentence(r, 12), link())
	}
	return b.String()
}

// Write writes a site of n topics into dir/content (topics in
// dir/content/topics) and returns the content folder.
func Write(dir string, n int) (string, error) {
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(filepath.Join(content, "topics"), 0o755); err != nil {
		return "", err
	}
	settings := "---\ntitle: Bench Glossary\nbase_url: https://example.org/\n---\n\nSynthetic topics.\n"
	if err := os.WriteFile(filepath.Join(content, "_index.md"), []byte(settings), 0o644); err != nil {
		return "", err
	}
	for i := range n {
		if err := os.WriteFile(TopicFile(content, i), []byte(Topic(i, n)), 0o644); err != nil {
			return "", err
		}
	}
	return content, nil
}

// TopicFile is the path of topic i in a content folder Write made.
func TopicFile(content string, i int) string {
	return filepath.Join(content, "topics", Slug(i)+".md")
}
